package com.proign.shopify.e2e.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every operation a running service documents in its own OpenAPI document ({@code /q/openapi}). */
final class Operations {

    /** One operation: which service, the method, the path as documented, whether it takes a body. */
    record Operation(String service, String baseUrl, String method, String template, boolean takesBody) {
        boolean isInternal() {
            return template.startsWith("/internal/");
        }

        boolean isTenantApi() {
            return template.startsWith("/api/{tenant}/");
        }

        /** The operators' (role operator, no tenant): dead letters. */
        boolean isOperators() {
            return template.startsWith("/ops/");
        }

        boolean reads() {
            return method.equals("GET");
        }

        /** The customers' privacy requests and data exports: personal data, for the tenant's owner alone. */
        boolean ownersOnly() {
            return template.startsWith("/api/{tenant}/privacy/");
        }

        /** What any user of the tenant may do: read, except what is the owner's alone. */
        boolean anyMemberReads() {
            return reads() && !ownersOnly();
        }

        /** The address with the path's parameters filled in. */
        URI uri(Map<String, String> parameters) {
            String path = template;
            for (var parameter : parameters.entrySet()) {
                path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            if (path.contains("{")) {
                throw new IllegalStateException("no value for a parameter of " + template);
            }
            return URI.create(baseUrl + path);
        }

        @Override
        public String toString() {
            return service + " " + method + " " + template;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Operations() {
    }

    static List<Operation> of(String service, String baseUrl) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(service + "'s /q/openapi answered " + answer.statusCode());
            }
            JsonNode paths = JSON.readTree(answer.body()).path("paths");
            List<Operation> operations = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                var path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                    var method = methods.next();
                    if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                        operations.add(new Operation(service, baseUrl, method.getKey().toUpperCase(), path.getKey(),
                                method.getValue().has("requestBody")));
                    }
                }
            }
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
