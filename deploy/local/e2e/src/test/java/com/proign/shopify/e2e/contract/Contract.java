package com.proign.shopify.e2e.contract;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;

/**
 * One running service's own OpenAPI document ({@code /q/openapi}) and the requests made to it: each answer is checked
 * against the document by Atlassian's swagger-request-validator (status documented, content type, body schema,
 * snake_case names and nullability included), each well-formed request too, and which operation answered what is
 * kept so that {@link #assertEveryOperationAnswered()} can say which documented operation no test called.
 * <p>
 * Checked more strictly than a client would read the document: an object answer may carry no property the document
 * does not name (additionalProperties false for every schema but RFC 9457's problem, whose extension members are
 * open), so a field the API writes and the document forgets, or names otherwise, fails.
 */
final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A documented operation, its path template as a pattern (literal segments preferred over parameters). */
    private record Operation(String method, String template, Pattern pattern, int literals) {
        static Operation of(String method, String template) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            int literals = (int) java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count();
            return new Operation(method, template, Pattern.compile(regex), literals);
        }

        String name() {
            return method + " " + template;
        }
    }

    private final String service;
    private final String baseUrl;
    private final List<Operation> operations = new ArrayList<>();
    private final Filter strict;
    private final Filter answersOnly;
    /** Operation → the statuses it answered. */
    private final Map<String, Set<Integer>> answered = new TreeMap<>();

    private Contract(String service, String baseUrl, String document) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.strict = recording(new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(document).build()));
        // a request made wrong on purpose (to see the refusal): only the answer is checked
        this.answersOnly = recording(new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build()));
    }

    /** The service's document as it serves it, made strict about properties (above). */
    static Contract of(String service, String baseUrl) {
        String body = given().baseUri(baseUrl).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(body);
            nullableReferences(document);
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields(); it.hasNext();) {
                var schema = it.next();
                if (schema.getValue() instanceof ObjectNode object && object.has("properties")
                        && !object.has("additionalProperties") && !schema.getKey().startsWith("Http")) {
                    object.put("additionalProperties", false);
                }
            }
            Contract contract = new Contract(service, baseUrl, JSON.writeValueAsString(document));
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
                var path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next();
                    if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                        contract.operations.add(Operation.of(method.toUpperCase(), path.getKey()));
                    }
                }
            }
            return contract;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(service + "'s /q/openapi is not JSON", e);
        }
    }

    /**
     * A property that is an object of another schema or null is written, as OpenAPI 3.0 generators read it,
     * {@code {"nullable": true, "allOf": [{"$ref": ...}]}}; the validator's JSON Schema engine applies nullable only
     * beside a type, so for it the same is said as {@code anyOf} the reference or null.
     */
    private static void nullableReferences(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("nullable").asBoolean() && object.has("allOf") && object.get("allOf").size() == 1
                    && !object.has("type")) {
                var reference = object.remove("allOf").get(0);
                object.remove("nullable");
                var orNull = JSON.createObjectNode().put("type", "string").put("nullable", true);
                orNull.putArray("enum").addNull();
                object.putArray("anyOf").add(reference).add(orNull);
            }
            object.elements().forEachRemaining(Contract::nullableReferences);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(Contract::nullableReferences);
        }
    }

    /** A well-formed request with this bearer (null: none): the request and its answer are checked. */
    RequestSpecification call(String bearer) {
        return spec(strict, bearer);
    }

    /** A request wrong on purpose: its answer is checked. */
    RequestSpecification wrong(String bearer) {
        return spec(answersOnly, bearer);
    }

    private RequestSpecification spec(Filter filter, String bearer) {
        RequestSpecification spec = given().baseUri(baseUrl).filter(filter);
        // a header, not auth(): rest-assured adds auth() after the filters, where the validator would not see it
        return bearer == null ? spec : spec.header("Authorization", "Bearer " + bearer);
    }

    /**
     * Every documented operation answered at least once with a success (2xx) the document names; those named here at
     * least once with any answer the document names (where the test cannot decide which it gets).
     */
    void assertEveryOperationAnswered(String... anyAnswer) {
        System.out.println(service + ": " + operations.size() + " operations, answered " + answered);
        List<String> missing = new ArrayList<>();
        for (Operation operation : operations) {
            Set<Integer> statuses = answered.getOrDefault(operation.name(), Set.of());
            boolean enough = java.util.Arrays.asList(anyAnswer).contains(operation.name()) ? !statuses.isEmpty()
                    : statuses.stream().anyMatch(s -> s / 100 == 2);
            if (!enough) {
                missing.add(operation.name() + (statuses.isEmpty() ? " (never called)" : " (answered only " + statuses + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(service + ": documented operations no request succeeded on:\n  "
                    + String.join("\n  ", missing) + "\nanswered: " + answered);
        }
    }

    /** What was answered, for the test's report. */
    Map<String, Set<Integer>> answered() {
        return answered;
    }

    /** Validates (the given filter, which throws on a mismatch) and records which operation answered what. */
    private Filter recording(OpenApiValidationFilter validation) {
        return (request, response, context) -> {
            var answer = validation.filter(request, response, context);
            String path = java.net.URI.create(request.getURI()).getPath();
            operations.stream()
                    .filter(o -> o.method().equals(request.getMethod()) && o.pattern().matcher(path).matches())
                    .max(Comparator.comparingInt(Operation::literals))
                    .ifPresent(o -> answered.computeIfAbsent(o.name(), k -> new TreeSet<>()).add(answer.statusCode()));
            return answer;
        };
    }
}
