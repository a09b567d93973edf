package com.proign.shopify.standin.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.standin.graphql.AdminGraphql;
import com.proign.shopify.standin.graphql.AdminSchema;
import com.proign.shopify.standin.store.StoreRegistry.Authenticated;
import com.proign.shopify.standin.store.StoreRegistry;

/** Shopify's Admin API paths: GraphQL per version, and the unversioned access scopes. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminApiResource {

    /** Supported in late 2026 (https://shopify.dev/docs/api/usage/versioning); an unsupported version falls forward to the oldest supported one. */
    static final List<String> SUPPORTED_VERSIONS = List.of("2026-01", "2026-04", "2026-07", "2026-10");
    static final String TOKEN_HEADER = "X-Shopify-Access-Token";

    private final StoreRegistry stores;
    private final AdminGraphql graphql;
    private final ObjectMapper json;

    public AdminApiResource(StoreRegistry stores, AdminGraphql graphql, ObjectMapper json) {
        this.stores = stores;
        this.graphql = graphql;
        this.json = json;
    }

    @POST
    @Path("/api/{version}/graphql.json")
    @Consumes(MediaType.WILDCARD)
    @SuppressWarnings("unchecked")
    public Response graphql(@RestPath String version, @HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam("Content-Type") String contentType, byte[] body, jakarta.ws.rs.core.UriInfo uri) {
        Optional<Authenticated> caller = stores.authenticate(token, Instant.now());
        if (caller.isEmpty()) {
            return invalidToken();
        }
        String served = SUPPORTED_VERSIONS.contains(version) ? version : SUPPORTED_VERSIONS.get(0);
        String query;
        String operationName = null;
        Map<String, Object> variables = null;
        if (contentType != null && contentType.startsWith("application/graphql")) {
            query = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        } else {
            try {
                JsonNode request = json.readTree(body);
                if (request == null || !request.path("query").isTextual()) {
                    return Response.status(400).entity(Map.of("errors",
                            Map.of("query", List.of("Required parameter missing or invalid")))).build();
                }
                query = request.get("query").asText();
                operationName = request.path("operationName").isTextual() ? request.get("operationName").asText() : null;
                variables = request.path("variables").isObject() ? json.convertValue(request.get("variables"), Map.class) : null;
            } catch (java.io.IOException e) {
                return Response.status(400).entity(Map.of("errors", "Bad Request: the body is not JSON")).build();
            }
        }
        String baseUrl = uri.getBaseUri().toString().replaceAll("/$", "");
        Map<String, Object> result = graphql.execute(caller.get(), query, operationName, variables, baseUrl);
        return Response.ok(result)
                .header("X-Shopify-API-Version", served)
                .header("X-Shopify-Shop-Api-Schema-Version", AdminSchema.VERSION)
                .build();
    }

    @GET
    @Path("/oauth/access_scopes.json")
    public Response accessScopes(@HeaderParam(TOKEN_HEADER) String token) {
        Optional<Authenticated> caller = stores.authenticate(token, Instant.now());
        if (caller.isEmpty()) {
            return invalidToken();
        }
        Set<String> scopes = caller.get().token().scopes();
        return Response.ok(Map.of("access_scopes", scopes.stream().sorted().map(s -> Map.of("handle", s)).toList()))
                .build();
    }

    static Response invalidToken() {
        return Response.status(401)
                .entity(Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"))
                .build();
    }
}
