package com.proign.shopify.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * docs/asyncapi.yaml, the topics' written contract, covers exactly the topics of deploy/kafka-topics.txt (a topic
 * added to one and not the other fails here), every channel carries a message with a payload, every operation names
 * a channel of the document, and each example of an internal message validates against that message's JSON Schema.
 */
class AsyncApiTests {

    private static final Path ROOT = ManifestCheck.root();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document() throws IOException {
        return YAML.readTree(ROOT.resolve("docs/asyncapi.yaml").toFile());
    }

    @Test
    void everyTopicIsAChannelAndNothingElse() throws IOException {
        TreeSet<String> topics = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/kafka-topics.txt"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                topics.add(trimmed.split("\\s+")[0]);
            }
        }
        TreeSet<String> channels = new TreeSet<>();
        JsonNode document = document();
        assertEquals("3.0.0", document.path("asyncapi").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("channels").fields(); it.hasNext();) {
            var channel = it.next();
            channels.add(channel.getValue().path("address").asText());
            assertTrue(channel.getValue().path("messages").size() > 0, channel.getKey() + " has no message");
            for (JsonNode message : channel.getValue().path("messages")) {
                JsonNode resolved = resolve(document, message);
                assertTrue(resolved.has("payload"), channel.getKey() + ": a message without a payload");
            }
        }
        assertEquals(topics, channels, "docs/asyncapi.yaml's channels against deploy/kafka-topics.txt");
        for (JsonNode operation : document.path("operations")) {
            assertTrue(resolve(document, operation.path("channel")).has("address"), "an operation names no channel: " + operation);
        }
    }

    @Test
    void theExamplesAreWhatTheSchemasSay() throws IOException {
        JsonNode document = document();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("messages").fields(); it.hasNext();) {
            var message = it.next();
            JsonNode payload = resolve(document, message.getValue().path("payload"));
            for (JsonNode example : message.getValue().path("examples")) {
                Schema schema = registry.getSchema(JSON.writeValueAsString(payload), InputFormat.JSON);
                var errors = schema.validate(JSON.writeValueAsString(example.path("payload")), InputFormat.JSON);
                errors.forEach(e -> problems.add(message.getKey() + "/" + example.path("name").asText() + ": " + e.getMessage()));
                checked++;
            }
            // a wrong example is refused: the schema says something
            if (message.getValue().has("examples") && payload.has("required")) {
                Schema schema = registry.getSchema(JSON.writeValueAsString(payload), InputFormat.JSON);
                assertTrue(!schema.validate("{}", InputFormat.JSON).isEmpty(), message.getKey() + "'s schema takes {}");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked >= 4, "examples checked: " + checked);
    }

    /** A node, or what its $ref points to within the document. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }
}
