package com.proign.shopify.integration.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.config.ShopifyConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
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

    /** A token minted by the client-credentials grant. */
    public record MintedToken(String accessToken, Set<String> scopes, Duration lifetime) {
        @Override
        public String toString() {
            return "MintedToken[accessToken=<redacted>, scopes=" + scopes + ", lifetime=" + lifetime + "]";
        }
    }

    /**
     * Mints an access token for a Dev Dashboard app with the client-credentials grant (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant): a 400 means
     * the client id or secret is wrong, or the app is not installed in the store.
     */
    public Uni<MintedToken> mintToken(String shopDomain, String clientId, String clientSecret) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("client_id", clientId)
                .add("client_secret", clientSecret)
                .add("grant_type", "client_credentials");
        return client.postAbs(base(shopDomain) + "/admin/oauth/access_token")
                .timeout(config.timeout().toMillis())
                .putHeader("Accept", "application/json")
                .sendForm(form)
                .onFailure().transform(e -> new ShopifyUnavailableException(
                        "Shopify could not be reached for " + shopDomain + ": " + e.getMessage()))
                .map(response -> {
                    int status = response.statusCode();
                    if (status == 400 || status == 401 || status == 403 || status == 404) {
                        String error = errorOf(response.bodyAsString());
                        throw new ShopifyAccessException("Shopify refused the client id and secret for " + shopDomain
                                + " (" + status + (error == null ? "" : ", " + error) + "): check both were copied whole "
                                + "from the app's settings in the Dev Dashboard, and that the app is installed in this store");
                    }
                    if (status != 200) {
                        throw new ShopifyUnavailableException("Shopify answered " + status + " to the token request for "
                                + shopDomain);
                    }
                    JsonObject json = response.bodyAsJsonObject();
                    String token = json.getString("access_token");
                    if (token == null || token.isBlank()) {
                        throw new ShopifyUnavailableException("Shopify's token answer for " + shopDomain + " held no token");
                    }
                    Long expiresIn = json.getLong("expires_in");
                    Set<String> scopes = Set.of(json.getString("scope", "").split(",")).stream()
                            .map(String::strip).filter(scope -> !scope.isEmpty()).collect(Collectors.toUnmodifiableSet());
                    return new MintedToken(token, scopes, Duration.ofSeconds(expiresIn == null ? 86399 : expiresIn));
                });
    }

    /** The OAuth error code of a refusal, never anything else of the body. */
    private static String errorOf(String body) {
        try {
            return body == null ? null : new JsonObject(body).getString("error");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String base(String shopDomain) {
        return config.adminBaseUrl().map(base -> base.replaceAll("/$", "")).orElse("https://" + shopDomain);
    }

    public Uni<AdminResponse> execute(String shopDomain, String accessToken, String operation, JsonObject variables) {
        String url = base(shopDomain) + "/admin/api/" + API_VERSION + "/graphql.json";
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
