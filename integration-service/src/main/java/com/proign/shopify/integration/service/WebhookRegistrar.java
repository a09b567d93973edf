package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.config.ShopifyConfig;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Makes the app's webhook subscriptions exactly one per required topic to the gateway's address: list, compare,
 * then delete what is extra (duplicates, old addresses, topics no longer used) and create what is missing, so
 * connecting twice or retrying never leaves a duplicate. The app only sees its own subscriptions.
 */
@ApplicationScoped
public class WebhookRegistrar {

    private static final Logger LOG = Logger.getLogger(WebhookRegistrar.class);

    private final ShopifyAdminClient shopify;
    private final ShopifyConfig config;

    public WebhookRegistrar(ShopifyAdminClient shopify, ShopifyConfig config) {
        this.shopify = shopify;
        this.config = config;
    }

    /** What a registration found and did, and the app's access scopes as Shopify reported them meanwhile. */
    public record Registration(List<String> topics, int kept, int deleted, int created, Set<String> grantedScopes) {
    }

    /**
     * Makes the subscriptions exactly one per topic the store's app may subscribe to (WebhookTopics: by its scopes, and
     * inventory while inventory sync is on, the fulfillment requests' once the warehouse's fulfillment service is
     * registered) to the gateway.
     */
    public Uni<Registration> register(String shopDomain, String accessToken, boolean inventorySync, boolean fulfillmentService) {
        return shopify.execute(shopDomain, accessToken, "ConnectionCheck", new JsonObject()).chain(response -> {
            Set<String> granted = grantedScopes(response.data());
            List<String> topics = WebhookTopics.required(inventorySync, fulfillmentService, granted);
            JsonArray existing = response.data().getJsonObject("webhookSubscriptions").getJsonArray("nodes");
            Set<String> kept = new HashSet<>();
            List<String> toDelete = new ArrayList<>();
            for (Object item : existing) {
                JsonObject subscription = (JsonObject) item;
                String topic = subscription.getString("topic");
                boolean wanted = topics.contains(topic)
                        && config.webhookCallbackUrl().equals(subscription.getString("uri"));
                if (wanted && kept.add(topic)) {
                    continue;
                }
                toDelete.add(subscription.getString("id"));
            }
            List<String> toCreate = topics.stream().filter(t -> !kept.contains(t)).toList();
            Multi<Void> deletes = Multi.createFrom().iterable(toDelete).onItem().transformToUniAndConcatenate(id ->
                    shopify.execute(shopDomain, accessToken, "WebhookSubscriptionDelete", new JsonObject().put("id", id))
                            .invoke(r -> userErrors(r.data().getJsonObject("webhookSubscriptionDelete"), "deleting " + id))
                            .replaceWithVoid());
            Multi<Void> creates = Multi.createFrom().iterable(toCreate).onItem().transformToUniAndConcatenate(topic ->
                    shopify.execute(shopDomain, accessToken, "WebhookSubscriptionCreate",
                            new JsonObject().put("topic", topic).put("uri", config.webhookCallbackUrl()))
                            .invoke(r -> createErrors(r.data().getJsonObject("webhookSubscriptionCreate"), topic))
                            .replaceWithVoid());
            return Multi.createBy().concatenating().streams(deletes, creates).collect().asList()
                    .invoke(() -> LOG.infof("webhooks of %s: %d kept, %d deleted, %d created", shopDomain,
                            kept.size(), toDelete.size(), toCreate.size()))
                    .replaceWith(new Registration(topics, kept.size(), toDelete.size(), toCreate.size(), granted));
        });
    }

    /** The access scopes in a ConnectionCheck answer. */
    public static Set<String> grantedScopes(JsonObject data) {
        return data.getJsonObject("currentAppInstallation").getJsonArray("accessScopes").stream()
                .map(s -> ((JsonObject) s).getString("handle")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Deletes every subscription of the app in the store (disconnect); how many were deleted. */
    public Uni<Integer> unregister(String shopDomain, String accessToken) {
        return shopify.execute(shopDomain, accessToken, "ConnectionCheck", new JsonObject()).chain(response -> {
            List<String> ids = response.data().getJsonObject("webhookSubscriptions").getJsonArray("nodes").stream()
                    .map(n -> ((JsonObject) n).getString("id")).toList();
            return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id ->
                    shopify.execute(shopDomain, accessToken, "WebhookSubscriptionDelete", new JsonObject().put("id", id))
                            .replaceWithVoid())
                    .collect().asList().replaceWith(ids.size());
        });
    }

    /**
     * A subscription to the same topic and address that already exists (made meanwhile by another instance's
     * check) is what was wanted: Shopify reports it as taken (https://shopify.dev/docs/apps/build/webhooks/subscribe).
     */
    private static void createErrors(JsonObject payload, String topic) {
        JsonArray errors = payload == null ? null : payload.getJsonArray("userErrors");
        if (errors != null && !errors.isEmpty()) {
            boolean onlyTaken = errors.stream().map(e -> (JsonObject) e).allMatch(e -> "TAKEN".equals(e.getString("code"))
                    || String.valueOf(e.getString("message")).toLowerCase(java.util.Locale.ROOT).contains("taken"));
            if (!onlyTaken) {
                throw new IllegalStateException("Shopify refused creating " + topic + ": " + errors.encode());
            }
        }
    }

    private static void userErrors(JsonObject payload, String what) {
        JsonArray errors = payload == null ? null : payload.getJsonArray("userErrors");
        if (errors != null && !errors.isEmpty()) {
            throw new IllegalStateException("Shopify refused " + what + ": " + errors.encode());
        }
    }
}
