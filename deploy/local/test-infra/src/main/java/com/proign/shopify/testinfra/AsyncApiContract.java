package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The topics' written contract, docs/asyncapi.yaml, for a service's own tests: a producer checks the records it
 * really writes against a message's payload schema ({@link #violations}), a consumer reads the message's examples
 * ({@link #examples}).
 */
public final class AsyncApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();

    private AsyncApiContract() {
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(LocalInfra.suiteRoot().resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode message(String name) {
        JsonNode message = DOCUMENT.path("components").path("messages").path(name);
        if (message.isMissingNode()) {
            throw new IllegalArgumentException("docs/asyncapi.yaml has no message " + name);
        }
        return message;
    }

    /** What is wrong with {@code json} as a payload of the message (empty: nothing). */
    public static List<String> violations(String messageName, String json) {
        JsonNode payload = resolve(message(messageName).path("payload"));
        try {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.writeValueAsString(payload), InputFormat.JSON);
            List<String> problems = new ArrayList<>();
            schema.validate(json, InputFormat.JSON).forEach(e -> problems.add(messageName + ": " + e.getMessage()));
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message's examples, as JSON text; at least one, or the message has none to offer. */
    public static List<String> examples(String messageName) {
        List<String> examples = new ArrayList<>();
        for (JsonNode example : message(messageName).path("examples")) {
            try {
                examples.add(JSON.writeValueAsString(example.path("payload")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("docs/asyncapi.yaml's message " + messageName + " has no examples");
        }
        return examples;
    }

    /** A node, or what its {@code $ref} points to within the document (refs inside it resolved too). */
    private static JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            JsonNode target = DOCUMENT;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            return resolve(target);
        }
        return node;
    }
}
