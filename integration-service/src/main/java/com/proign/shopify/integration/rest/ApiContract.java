package com.proign.shopify.integration.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Makes the OpenAPI document say what the API really does, where the annotations cannot: every property that is not
 * required may be null (the API writes nulls), and every refusal (4xx, 5xx) is problem+json (RFC 9457) with the
 * problem's fields. Property names are snake_case by {@code mp.openapi.extensions.smallrye.property-naming-strategy},
 * status codes other than the scanner's by {@code @APIResponse} on each operation. ContractIT (e2e) checks real
 * answers against the document. (The same in every service; none imports another's code.)
 */
public class ApiContract implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("HttpProblem")) {
            openAPI.getComponents().addSchema("HttpProblem", problem());
        }
        openAPI.getComponents().getSchemas().values().forEach(ApiContract::nullable);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(ApiContract::problems));
    }

    /** Each property not listed as required may be null; a reference becomes that or null (OpenAPI 3.0: nullable allOf). */
    private static void nullable(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : new ArrayList<>(schema.getProperties().entrySet())) {
            if (required.contains(property.getKey())) {
                continue;
            }
            Schema value = property.getValue();
            if (value.getRef() != null) {
                schema.addProperty(property.getKey(), OASFactory.createSchema().addAnyOf(OASFactory.createSchema()
                        .ref(value.getRef())).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
            } else {
                if (value.getType() != null && !value.getType().contains(Schema.SchemaType.NULL)) {
                    value.addType(Schema.SchemaType.NULL);
                }
                nullable(value);
            }
        }
    }

    /** RFC 9457's problem details, where no operation made the scanner describe them. */
    private static Schema problem() {
        Schema text = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).additionalPropertiesBoolean(true)
                .addProperty("type", text).addProperty("title", text).addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)));
    }

    /**
     * What any body-taking operation may answer whatever its own annotations say (BodyProblems: a body that is not JSON
     * or not of the operation's shape, a body of another type), and that every refusal is problem+json.
     */
    private static void problems(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        if (operation.getRequestBody() != null) {
            if (!operation.getResponses().hasAPIResponse("400")) {
                operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                        .description("The body is not JSON, or a field is missing or not of its type"));
            }
            var content = operation.getRequestBody().getContent();
            if (content == null || !content.hasMediaType("*/*")) {
                operation.getResponses().addAPIResponse("415", OASFactory.createAPIResponse()
                        .description("The body is not of the type this operation takes"));
            }
        }
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            Content answered = response.getValue().getContent();
            if (response.getKey().startsWith("2") && answered != null && answered.getMediaTypes() != null
                    && answered.getMediaTypes().values().stream().allMatch(type -> type.getSchema() == null)) {
                // a javax Response the scanner cannot see into: these answer without a body
                response.getValue().setContent(null);
            }
            if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                continue;
            }
            Content content = OASFactory.createContent().addMediaType("application/problem+json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/HttpProblem")));
            response.getValue().setContent(content);
        }
    }
}
