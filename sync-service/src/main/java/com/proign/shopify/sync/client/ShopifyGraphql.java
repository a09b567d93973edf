package com.proign.shopify.sync.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.config.SyncConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The Admin GraphQL API (2026-10) for the sync-service, non-blocking. Operations are the .graphql files under
 * src/main/resources/shopify/graphql, sent by name. Each store's cost bucket is tracked (CostBucket): a query
 * waits before it is sent until its requested cost is available, so Shopify does not throttle; should it still
 * answer THROTTLED, the call waits what the bucket needs and tries again. 429, 5xx and timeouts retry with
 * exponential backoff and jitter; a refused token is dropped, fetched again from integration-service and the call
 * retried once. {@code X-Shopify-API-Deprecated-Reason} is logged.
 */
@ApplicationScoped
public class ShopifyGraphql {

    public static final String API_VERSION = "2026-10";
    private static final Logger LOG = Logger.getLogger(ShopifyGraphql.class);
    private static final int MAX_ATTEMPTS = 6;

    /** The data of an answer, and what it cost. */
    public record Answer(JsonObject data, double requestedCost, double actualCost) {
    }

    private final Vertx vertx;
    private final WebClient client;
    private final AccessTokens tokens;
    private final MeterRegistry metrics;
    private final Optional<String> adminBaseUrl;
    private final Duration timeout;
    private final Map<String, CostBucket> buckets = new ConcurrentHashMap<>();
    /** What Shopify said an operation asks for, by operation and page size (a page of 21 costs less than one of 250). */
    private final Map<String, Double> requestedCosts = new ConcurrentHashMap<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    public ShopifyGraphql(Vertx vertx, AccessTokens tokens, MeterRegistry metrics,
            SyncConfig config) {
        Optional<String> adminBaseUrl = config.shopify().adminBaseUrl();
        Duration timeout = config.shopify().timeout();
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("PROIGN-Shopify-Integration"));
        this.tokens = tokens;
        this.metrics = metrics;
        this.adminBaseUrl = adminBaseUrl;
        this.timeout = timeout;
    }

    /**
     * Runs an operation for the tenant's store. {@code estimatedCost} is used until Shopify has told the operation's
     * requested cost once. Fails with a ShopifyException (transient or not) or a GraphqlErrors for errors in the
     * answer other than THROTTLED.
     */
    public Uni<Answer> execute(String tenant, String operation, JsonObject variables, double estimatedCost) {
        return attempt(tenant, operation, variables == null ? new JsonObject() : variables, estimatedCost, 1, false);
    }

    /**
     * Appends to {@code into} the nodes of {@code connection} of the object {@code operation} reads as {@code root}
     * (variables {@code id} and {@code after}), from the cursor {@code after} to the last page
     * (https://shopify.dev/docs/api/usage/pagination-graphql); false when Shopify no longer has the object.
     */
    public Uni<Boolean> appendPages(String tenant, String operation, String root, String connection, String id, String after,
            double estimatedCost, JsonArray into) {
        JsonObject variables = new JsonObject().put("id", id).put("after", after);
        return execute(tenant, operation, variables, estimatedCost).chain(answer -> {
            JsonObject object = answer.data().getJsonObject(root);
            if (object == null) {
                return Uni.createFrom().item(false);
            }
            JsonObject page = object.getJsonObject(connection);
            page.getJsonArray("nodes").forEach(into::add);
            JsonObject info = page.getJsonObject("pageInfo");
            return info.getBoolean("hasNextPage", false)
                    ? appendPages(tenant, operation, root, connection, id, info.getString("endCursor"), estimatedCost, into)
                    : Uni.createFrom().item(true);
        });
    }

    private Uni<Answer> attempt(String tenant, String operation, JsonObject variables, double estimatedCost, int attempt,
            boolean tokenRefreshed) {
        return tokens.current(tenant).chain(access -> {
            CostBucket bucket = buckets.computeIfAbsent(access.shopDomain(), shop -> new CostBucket());
            String costKey = operation + ":" + variables.getValue("first");
            double reserved = requestedCosts.getOrDefault(costKey, estimatedCost);
            long waitMs = bucket.reserve(reserved, System.nanoTime());
            Uni<Void> paced = waitMs > 0 ? sleep(waitMs).invoke(() -> metrics.counter("shopify.paced_waits").increment())
                    : Uni.createFrom().voidItem();
            // the reservation ends with Shopify's account of the request, or without one (an error, a timeout)
            Uni<HttpResponse<Buffer>> sent = paced.chain(() -> send(access, operation, variables))
                    .onFailure().invoke(() -> bucket.release(reserved));
            return sent.chain(response -> {
                int status = response.statusCode();
                if (status != 200) {
                    bucket.release(reserved);
                }
                String deprecated = response.getHeader("X-Shopify-API-Deprecated-Reason");
                if (deprecated != null) {
                    LOG.warnf("Shopify flags %s as deprecated: %s", operation, deprecated);
                }
                if (status == 401 || status == 403) {
                    tokens.invalidate(tenant);
                    if (!tokenRefreshed) {
                        return attempt(tenant, operation, variables, estimatedCost, attempt, true);
                    }
                    return Uni.createFrom().failure(new ShopifyException("Shopify refused the access token of "
                            + access.shopDomain() + " (" + status + ") after a fresh one", false));
                }
                if (status == 429 || status >= 500) {
                    return retry(tenant, operation, variables, estimatedCost, attempt, tokenRefreshed,
                            retryAfter(response), "Shopify answered " + status);
                }
                if (status != 200) {
                    return Uni.createFrom().failure(new ShopifyException("Shopify answered " + status + " to "
                            + operation + " for " + access.shopDomain() + ": " + response.bodyAsString(), false));
                }
                JsonObject body = response.bodyAsJsonObject();
                JsonObject cost = body.getJsonObject("extensions", new JsonObject()).getJsonObject("cost");
                double requested = cost == null ? estimatedCost : cost.getDouble("requestedQueryCost", estimatedCost);
                double actual = cost == null || cost.getValue("actualQueryCost") == null ? 0 : cost.getDouble("actualQueryCost");
                if (cost == null || cost.getJsonObject("throttleStatus") == null) {
                    bucket.release(reserved);
                } else {
                    JsonObject throttle = cost.getJsonObject("throttleStatus");
                    bucket.observe(throttle.getDouble("currentlyAvailable"), throttle.getDouble("restoreRate"),
                            throttle.getDouble("maximumAvailable"), System.nanoTime(), reserved);
                    requestedCosts.put(costKey, requested);
                }
                JsonArray errors = body.getJsonArray("errors");
                if (errors != null && !errors.isEmpty()) {
                    if (code(errors, "THROTTLED")) {
                        metrics.counter("shopify.throttled").increment();
                        double rate = Math.max(bucket.restoreRate(), 1);
                        long wait = (long) Math.ceil(requested / rate * 1000);
                        return retry(tenant, operation, variables, estimatedCost, attempt, tokenRefreshed,
                                Duration.ofMillis(wait), "THROTTLED");
                    }
                    if (code(errors, "ACCESS_DENIED")) {
                        return Uni.createFrom().failure(new GraphqlErrors(operation, errors, true));
                    }
                    if (body.getJsonObject("data") == null) {
                        return Uni.createFrom().failure(new GraphqlErrors(operation, errors, false));
                    }
                }
                return Uni.createFrom().item(new Answer(body.getJsonObject("data"), requested, actual));
            });
        });
    }

    private Uni<Answer> retry(String tenant, String operation, JsonObject variables, double estimatedCost, int attempt,
            boolean tokenRefreshed, Duration hint, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            return Uni.createFrom().failure(new ShopifyException(operation + " failed " + attempt + " times, last: " + why, true));
        }
        long backoff = Math.min(10_000, 200L << (attempt - 1));
        long wait = Math.max(hint == null ? 0 : hint.toMillis(), backoff) + ThreadLocalRandom.current().nextLong(100);
        LOG.debugf("%s for tenant %s: %s; trying again in %d ms", operation, tenant, why, wait);
        return sleep(wait).chain(() -> attempt(tenant, operation, variables, estimatedCost, attempt + 1, tokenRefreshed));
    }

    private Uni<HttpResponse<Buffer>> send(ShopifyAccess access, String operation, JsonObject variables) {
        String url = adminBaseUrl.map(base -> base.replaceAll("/$", "")).orElse("https://" + access.shopDomain())
                + "/admin/api/" + API_VERSION + "/graphql.json";
        JsonObject body = new JsonObject().put("query", document(operation)).put("operationName", operation)
                .put("variables", variables);
        return client.postAbs(url)
                .timeout(timeout.toMillis())
                .putHeader("X-Shopify-Access-Token", access.accessToken())
                .putHeader("Content-Type", "application/json")
                .sendJsonObject(body)
                .onFailure().recoverWithUni(e -> Uni.createFrom().failure(
                        new ShopifyException("Shopify could not be reached for " + access.shopDomain() + ": " + e.getMessage(), true)));
    }

    /** Retry-After is in seconds, possibly fractional (https://shopify.dev/docs/api/usage/limits). */
    private static Duration retryAfter(HttpResponse<Buffer> response) {
        String value = response.getHeader("Retry-After");
        try {
            return value == null ? null : Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean code(JsonArray errors, String code) {
        return errors.stream().map(e -> (JsonObject) e)
                .anyMatch(e -> code.equals(e.getJsonObject("extensions", new JsonObject()).getString("code")));
    }

    private Uni<Void> sleep(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private String document(String operation) {
        return documents.computeIfAbsent(operation, name -> {
            try (InputStream in = ShopifyGraphql.class.getResourceAsStream("/shopify/graphql/" + name + ".graphql")) {
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
