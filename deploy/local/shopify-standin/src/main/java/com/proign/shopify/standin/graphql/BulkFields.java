package com.proign.shopify.standin.graphql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.standin.store.BulkOperation;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.webhooks.WebhookDispatcher;

import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.RuntimeWiring;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Bulk queries (https://shopify.dev/docs/api/usage/bulk-operations/queries): {@code bulkOperationRunQuery} validates the inner query (at least one connection, at
 * most five, nested at most two deep), runs it in the background over whole connections, writes JSONL (one
 * object a line, nested objects with {@code __parentId}) served from a URL, and delivers
 * {@code bulk_operations/finish}. At most five run at once per store.
 */
@ApplicationScoped
class BulkFields {

    private static final Logger LOG = Logger.getLogger(BulkFields.class);
    static final int CONCURRENT_LIMIT = 5;
    static final int CHUNK = 1000;

    private final Provider<AdminGraphql> graphql;
    private final WebhookDispatcher webhooks;
    private final ObjectMapper json = new ObjectMapper();
    private final Path folder;

    BulkFields(Provider<AdminGraphql> graphql, WebhookDispatcher webhooks) throws IOException {
        this.graphql = graphql;
        this.webhooks = webhooks;
        this.folder = Files.createTempDirectory("shopify-standin-bulk");
    }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type.dataFetcher("bulkOperationRunQuery", env -> {
            StandInContext context = StandInContext.of(env);
            String query = env.getArgument("query");
            Store store = context.store();
            String problem = check(graphql.get().schema(), query);
            if (problem != null) {
                return payload(null, "INVALID", List.of("query"), problem);
            }
            BulkOperation operation;
            synchronized (store) {
                long running = store.bulkOperations().values().stream().filter(BulkOperation::running).count();
                if (running >= CONCURRENT_LIMIT) {
                    return payload(null, "LIMIT_REACHED", null,
                            "A maximum of " + CONCURRENT_LIMIT + " bulk queries can run at once on a shop.");
                }
                operation = new BulkOperation(store.nextId(), query, now());
                store.bulkOperations().put(operation.id(), operation);
            }
            // the answer shows the operation as created, whatever the worker has done by the time it is sent
            Map<String, Object> created = view(operation);
            Infrastructure.getDefaultWorkerPool().execute(() -> run(context, operation));
            return payload(created, null, null, null);
        }));
        wiring.type("QueryRoot", type -> type.dataFetcher("bulkOperation", env -> {
            Long id = GraphqlViews.idOf("BulkOperation", env.getArgument("id"));
            BulkOperation operation = id == null ? null : StandInContext.of(env).store().bulkOperations().get(id);
            return operation == null ? null : view(operation);
        }));
    }

    /** Null when the inner query is one Shopify would run in bulk, else why not. */
    static String check(GraphQLSchema schema, String query) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return "Invalid bulk query: " + e.getMessage();
        }
        List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            return "Invalid bulk query: " + errors.get(0).getDescription();
        }
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return "Bulk queries must be queries; use bulkOperationRunMutation for mutations.";
        }
        int[] counts = new int[2];
        connections(schema, operation.getSelectionSet(), schema.getQueryType(), 0, counts);
        if (counts[0] == 0) {
            return "Bulk queries must contain at least one connection.";
        }
        if (counts[0] > 5) {
            return "Bulk queries cannot contain more than 5 connections.";
        }
        if (counts[1] > 2) {
            return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
        }
        return null;
    }

    /** counts[0]: connections; counts[1]: deepest nesting of connections. */
    private static void connections(GraphQLSchema schema, SelectionSet set, GraphQLType parent, int depth, int[] counts) {
        if (set == null || !(parent instanceof GraphQLFieldsContainer container)) {
            return;
        }
        for (Field field : set.getSelectionsOfType(Field.class)) {
            var definition = container.getFieldDefinition(field.getName());
            if (definition == null) {
                continue;
            }
            GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
            int next = depth;
            if (type instanceof GraphQLFieldsContainer c && c.getName().endsWith("Connection")) {
                counts[0]++;
                next = depth + 1;
                counts[1] = Math.max(counts[1], next);
            }
            connections(schema, field.getSelectionSet(), type, next, counts);
        }
    }

    private void run(StandInContext caller, BulkOperation operation) {
        Store store = caller.store();
        operation.started();
        Path file = folder.resolve(store.domain() + "-" + operation.id() + ".jsonl");
        Document document = Parser.parse(operation.query());
        long objects = 0;
        long roots = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int offset = 0;; offset += CHUNK) {
                StandInContext chunk = new StandInContext(store, caller.token(), Instant.now(), caller.baseUrl(),
                        new StandInContext.Bulk(offset, CHUNK));
                ExecutionResult result = graphql.get().executeBulk(chunk, document, operation.query());
                if (!result.getErrors().isEmpty()) {
                    boolean denied = result.getErrors().stream().anyMatch(e -> e.getExtensions() != null
                            && "ACCESS_DENIED".equals(e.getExtensions().get("code")));
                    finish(caller, operation, null, denied ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR");
                    return;
                }
                Map<String, Object> data = result.getData();
                int rootsInChunk = 0;
                for (Object value : data.values()) {
                    for (Map<String, Object> node : nodes(value)) {
                        objects += write(out, node, null);
                        rootsInChunk++;
                    }
                }
                roots += rootsInChunk;
                operation.progressed(objects, roots);
                if (rootsInChunk < CHUNK) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "bulk operation %d of %s failed", operation.id(), store.domain());
            finish(caller, operation, null, "INTERNAL_SERVER_ERROR");
            return;
        }
        finish(caller, operation, file, null);
    }

    /** One JSONL line for the node, then its nested connections' nodes with __parentId; the number written. */
    private long write(BufferedWriter out, Map<String, Object> node, Object parentId) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        List<List<Map<String, Object>>> children = new ArrayList<>();
        for (Map.Entry<String, Object> field : node.entrySet()) {
            if (isConnection(field.getValue())) {
                children.add(nodes(field.getValue()));
            } else {
                line.put(field.getKey(), field.getValue());
            }
        }
        if (parentId != null) {
            line.put("__parentId", parentId);
        }
        out.write(json.writeValueAsString(line));
        out.newLine();
        long written = 1;
        for (List<Map<String, Object>> nested : children) {
            for (Map<String, Object> child : nested) {
                written += write(out, child, node.get("id"));
            }
        }
        return written;
    }

    private static boolean isConnection(Object value) {
        return value instanceof Map<?, ?> map && (map.containsKey("edges") || map.containsKey("nodes"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Object connection) {
        if (!(connection instanceof Map<?, ?> map)) {
            return List.of();
        }
        if (map.get("nodes") instanceof List<?> nodes) {
            return (List<Map<String, Object>>) nodes;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        if (map.get("edges") instanceof List<?> edges) {
            for (Object edge : edges) {
                found.add((Map<String, Object>) ((Map<?, ?>) edge).get("node"));
            }
        }
        return found;
    }

    /** The result is served by the stand-in itself, at the address the caller reached it by. */
    private void finish(StandInContext caller, BulkOperation operation, Path file, String errorCode) {
        Store store = caller.store();
        OffsetDateTime at = now();
        if (errorCode == null) {
            String url = caller.baseUrl() + "/_sim/bulk/" + store.domain() + "/" + operation.id() + ".jsonl";
            try {
                operation.completed(file, file == null ? 0 : Files.size(file), url, at);
            } catch (IOException e) {
                operation.failed("INTERNAL_SERVER_ERROR", at);
            }
        } else {
            operation.failed(errorCode, at);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("admin_graphql_api_id", GraphqlViews.gid("BulkOperation", operation.id()));
        body.put("completed_at", at.toString());
        body.put("created_at", operation.createdAt().toString());
        body.put("error_code", operation.errorCode() == null ? null : operation.errorCode().toLowerCase(Locale.ROOT));
        body.put("status", operation.status().toLowerCase(Locale.ROOT));
        body.put("type", "query");
        webhooks.emit(store, "bulk_operations/finish", body);
    }


    static Map<String, Object> view(BulkOperation operation) {
        Map<String, Object> view = GraphqlViews.typed("BulkOperation");
        view.put("id", GraphqlViews.gid("BulkOperation", operation.id()));
        view.put("status", operation.status());
        view.put("type", "QUERY");
        view.put("query", operation.query());
        view.put("createdAt", operation.createdAt().toString());
        view.put("completedAt", operation.completedAt() == null ? null : operation.completedAt().toString());
        view.put("objectCount", Long.toString(operation.objectCount()));
        view.put("rootObjectCount", Long.toString(operation.rootObjectCount()));
        view.put("fileSize", operation.fileSize() == null ? null : Long.toString(operation.fileSize()));
        view.put("url", operation.url());
        view.put("partialDataUrl", null);
        view.put("errorCode", operation.errorCode());
        return view;
    }

    private static Map<String, Object> payload(Object operation, String code, List<String> field, String message) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("bulkOperation", operation);
        if (message == null) {
            payload.put("userErrors", List.of());
        } else {
            Map<String, Object> error = GraphqlViews.typed("BulkOperationUserError");
            error.put("code", code);
            error.put("field", field);
            error.put("message", message);
            payload.put("userErrors", List.of(error));
        }
        return payload;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
