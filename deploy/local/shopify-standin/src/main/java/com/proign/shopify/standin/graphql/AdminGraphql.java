package com.proign.shopify.standin.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.StoreRegistry.Authenticated;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.quarkus.runtime.Startup;

/**
 * The Admin GraphQL API of every fake store: each document parsed and validated against Shopify's schema, its
 * cost checked against the single-query limit and the store's bucket, then executed against the store's data.
 * Answers are shaped as Shopify's: HTTP 200 with {@code errors} for invalid documents, ACCESS_DENIED and
 * THROTTLED, and {@code extensions.cost} on every response.
 */
@ApplicationScoped
@Startup
public class AdminGraphql {

    static final int MAX_QUERY_COST = 1000;

    private final GraphQLSchema schema;
    private final GraphQL graphql;
    private final Map<String, CostBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> restoreRates;

    public AdminGraphql(QueryFields queries, MutationFields mutations, FulfillmentFields fulfillment,
            FulfillmentServiceFields fulfillmentServices,
            CatalogFields catalog, BulkFields bulk,
            @ConfigProperty(name = "standin.plans.standard.restore-rate", defaultValue = "100") int standard,
            @ConfigProperty(name = "standin.plans.advanced.restore-rate", defaultValue = "200") int advanced,
            @ConfigProperty(name = "standin.plans.plus.restore-rate", defaultValue = "1000") int plus) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new SchemaWiring());
        queries.wire(wiring);
        mutations.wire(wiring);
        fulfillment.wire(wiring);
        fulfillmentServices.wire(wiring);
        catalog.wire(wiring);
        bulk.wire(wiring);
        this.schema = AdminSchema.executable(wiring.build());
        this.graphql = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new AsGraphqlErrors())
                // the document was parsed and validated before costing; execution reuses it
                .preparsedDocumentProvider((input, parseAndValidate) -> {
                    Document parsed = input.getGraphQLContext().get(Document.class);
                    return CompletableFuture.completedFuture(parsed != null
                            ? new PreparsedDocumentEntry(parsed)
                            : parseAndValidate.apply(input));
                })
                .build();
        this.restoreRates = Map.of("standard", standard, "advanced", advanced, "plus", plus);
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /** Executes one request of the Admin API for an authenticated caller; the answer is the JSON body. */
    public Map<String, Object> execute(Authenticated caller, String query, String operationName,
            Map<String, Object> variables, String baseUrl) {
        Map<String, Object> vars = variables == null ? Map.of() : variables;
        Document document;
        try {
            document = Parser.parse(query == null ? "" : query);
        } catch (InvalidSyntaxException e) {
            return errors(List.of(error(e.getMessage(), e.getLocation(), "parseError")), null);
        }
        List<ValidationError> invalid = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (ValidationError v : invalid) {
                Map<String, Object> error = error(withoutPrefix(v.getDescription()),
                        v.getLocations().isEmpty() ? null : v.getLocations().get(0),
                        SHOPIFY_CODES.getOrDefault(v.getValidationErrorType().toString(), v.getValidationErrorType().toString()));
                if (v.getQueryPath() != null) {
                    List<Object> path = new ArrayList<>();
                    path.add(operationKind(document));
                    path.addAll(v.getQueryPath());
                    error.put("path", path);
                }
                errors.add(error);
            }
            return errors(errors, null);
        }
        OperationDefinition operation = operation(document, operationName);
        if (operation == null) {
            return errors(List.of(error("An operation name is required when the document holds several operations",
                    null, "operationNotFound")), null);
        }

        QueryCost cost = new QueryCost(schema, document, vars);
        int requested = cost.requested(operation);
        CostBucket bucket = bucket(caller.store());
        if (requested > MAX_QUERY_COST) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", "Query cost is " + requested + ", which exceeds the single query max cost limit ("
                    + MAX_QUERY_COST + ").");
            error.put("extensions", Map.of("code", "MAX_COST_EXCEEDED", "cost", requested, "maxCost", MAX_QUERY_COST,
                    "documentation", "https://shopify.dev/api/usage/rate-limits"));
            return errors(List.of(error), costExtension(requested, null, bucket.status()));
        }
        if (!bucket.take(requested)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", "Throttled");
            error.put("extensions", Map.of("code", "THROTTLED",
                    "documentation", "https://shopify.dev/api/usage/rate-limits"));
            return errors(List.of(error), costExtension(requested, null, bucket.status()));
        }

        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(vars)
                .graphQLContext(Map.of(
                        StandInContext.class, new StandInContext(caller.store(), caller.token(), Instant.now(), baseUrl),
                        Document.class, document))
                .build());
        Object data = result.getData();
        int actual = operation.getOperation() == OperationDefinition.Operation.MUTATION ? requested
                : cost.actual(operation, data);
        bucket.refund(Math.max(0, requested - actual));

        Map<String, Object> body = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            body.put("errors", result.getErrors().stream().map(GraphQLError::toSpecification).toList());
        }
        body.put("data", data);
        body.put("extensions", costExtension(requested, actual, bucket.status()));
        return body;
    }

    /** Runs a validated document for a bulk operation chunk; the result's data, and its errors if any. */
    ExecutionResult executeBulk(StandInContext context, Document document, String query) {
        return graphql.execute(ExecutionInput.newExecutionInput()
                .query(query)
                .graphQLContext(Map.of(StandInContext.class, context, Document.class, document))
                .build());
    }

    /** The store's bucket (one app per store): restore rate by plan, twenty seconds' worth of points. */
    private CostBucket bucket(Store store) {
        return buckets.computeIfAbsent(store.domain(), domain -> {
            int rate = restoreRates.getOrDefault(store.plan().toLowerCase(Locale.ROOT), restoreRates.get("standard"));
            return new CostBucket(rate, rate * 20.0);
        });
    }

    /** graphql-ruby's codes, which Shopify answers with, for graphql-java's validation error types. */
    private static final Map<String, String> SHOPIFY_CODES = Map.ofEntries(
            Map.entry("FieldUndefined", "undefinedField"),
            Map.entry("UnknownArgument", "argumentNotAccepted"),
            Map.entry("MissingFieldArgument", "missingRequiredArguments"),
            Map.entry("WrongType", "argumentLiteralsIncompatible"),
            Map.entry("SubselectionRequired", "selectionMismatch"),
            Map.entry("SubselectionNotAllowed", "selectionMismatch"),
            Map.entry("UndefinedVariable", "variableNotDefined"),
            Map.entry("UnusedVariable", "variableNotUsed"),
            Map.entry("VariableTypeMismatch", "variableMismatch"),
            Map.entry("UnknownType", "undefinedType"),
            Map.entry("UnknownDirective", "undefinedDirective"),
            Map.entry("NonInputTypeOnVariable", "variableRequiresValidType"),
            Map.entry("UnboundVariable", "variableNotDefined"));

    /** "Validation error (FieldUndefined@[shop/nmae]) : Field 'nmae' ..." becomes "Field 'nmae' ...". */
    private static String withoutPrefix(String description) {
        int cut = description.indexOf(") : ");
        return description.startsWith("Validation error") && cut > 0 ? description.substring(cut + 4) : description;
    }

    private static String operationKind(Document document) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.isEmpty() ? "query" : operations.get(0).getOperation().name().toLowerCase(Locale.ROOT);
    }

    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream().filter(o -> name.equals(o.getName())).findFirst().orElse(null);
    }

    private static Map<String, Object> costExtension(int requested, Integer actual, CostBucket.Status status) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", Map.of(
                "maximumAvailable", status.maximumAvailable(),
                "currentlyAvailable", status.currentlyAvailable(),
                "restoreRate", status.restoreRate()));
        return Map.of("cost", cost);
    }

    private static Map<String, Object> errors(List<Map<String, Object>> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        if (extensions != null) {
            body.put("extensions", extensions);
        }
        return body;
    }

    private static Map<String, Object> error(String message, SourceLocation location, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (location != null) {
            error.put("locations", List.of(Map.of("line", location.getLine(), "column", location.getColumn())));
        }
        error.put("extensions", Map.of("code", code));
        return error;
    }

    /** An exception in a data fetcher becomes an error at that field's path, with the exception's own message. */
    private static final class AsGraphqlErrors implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters params) {
            Throwable e = params.getException();
            GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
                    .message(e.getMessage() == null ? e.toString() : e.getMessage())
                    .path(params.getPath())
                    .location(params.getSourceLocation());
            if (e instanceof GraphQLError graphqlError && graphqlError.getExtensions() != null) {
                error.extensions(graphqlError.getExtensions());
            }
            return CompletableFuture.completedFuture(
                    DataFetcherExceptionHandlerResult.newResult().error(error.build()).build());
        }
    }
}
