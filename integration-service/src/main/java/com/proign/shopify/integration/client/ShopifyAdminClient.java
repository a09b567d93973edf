package com.proign.shopify.integration.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.config.ShopifyConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The Admin GraphQL API, version pinned to 2026-10, non-blocking. Operations are the .graphql files under
 * src/main/resources/shopify/graphql (validated against Shopify's schema by a test), sent by name.
 */
@ApplicationScoped
public class ShopifyAdminClient {

    public static final String API_VERSION = "2026-10";
    private static final Logger LOG = Logger.getLogger(ShopifyAdminClient.class);

    private final WebClient client;
    private final ShopifyConfig config;
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    public ShopifyAdminClient(Vertx vertx, ShopifyConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("PROIGN-Shopify-Integration"));
        this.config = config;
    }

    public Uni<AdminResponse> execute(String shopDomain, String accessToken, String operation, JsonObject variables) {
        String url = config.adminBaseUrl().map(base -> base.replaceAll("/$", "")).orElse("https://" + shopDomain)
                + "/admin/api/" + API_VERSION + "/graphql.json";
        JsonObject body = new JsonObject().put("query", document(operation)).put("operationName", operation)
                .put("variables", variables == null ? new JsonObject() : variables);
        return client.postAbs(url)
                .timeout(config.timeout().toMillis())
                .putHeader("X-Shopify-Access-Token", accessToken)
                .putHeader("Content-Type", "application/json")
                .sendJsonObject(body)
                .onFailure().transform(e -> new ShopifyUnavailableException(
                        "Shopify could not be reached for " + shopDomain + ": " + e.getMessage()))
                .map(response -> {
                    int status = response.statusCode();
                    if (status == 401 || status == 403) {
                        throw new ShopifyAccessException("Shopify refused the access token for " + shopDomain
                                + " (" + status + "): check it was copied whole, and that the app is still installed");
                    }
                    if (status >= 500 || status == 429) {
                        throw new ShopifyUnavailableException("Shopify answered " + status + " for " + shopDomain);
                    }
                    if (status != 200) {
                        throw new ShopifyUnavailableException("Shopify answered " + status + " for " + shopDomain
                                + ": " + response.bodyAsString());
                    }
                    String deprecated = response.getHeader("X-Shopify-API-Deprecated-Reason");
                    if (deprecated != null) {
                        LOG.warnf("Shopify flags %s as deprecated: %s", operation, deprecated);
                    }
                    JsonObject json = response.bodyAsJsonObject();
                    return new AdminResponse(json.getJsonObject("data"), json.getJsonArray("errors"),
                            response.getHeader("X-Shopify-API-Version"));
                });
    }

    private String document(String operation) {
        return documents.computeIfAbsent(operation, name -> {
            try (InputStream in = ShopifyAdminClient.class.getResourceAsStream("/shopify/graphql/" + name + ".graphql")) {
                if (in == null) {
                    throw new IllegalArgumentException("no operation " + name + ".graphql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
