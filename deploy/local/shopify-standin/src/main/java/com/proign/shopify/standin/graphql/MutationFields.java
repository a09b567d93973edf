package com.proign.shopify.standin.graphql;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.WebhookSubscription;

import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;

/** The mutations the stand-in simulates. */
@ApplicationScoped
class MutationFields {

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type
                .dataFetcher("webhookSubscriptionCreate", webhookSubscriptionCreate())
                .dataFetcher("webhookSubscriptionDelete", webhookSubscriptionDelete()));
    }

    /** Each topic needs its resource's read scope, as on Shopify. */
    static String requiredScope(String topic) {
        if (topic.startsWith("ORDERS_")) {
            return "read_orders";
        }
        if (topic.startsWith("PRODUCTS_")) {
            return "read_products";
        }
        if (topic.startsWith("INVENTORY_LEVELS_") || topic.startsWith("INVENTORY_ITEMS_")) {
            return "read_inventory";
        }
        if (topic.startsWith("FULFILLMENT")) {
            return "read_merchant_managed_fulfillment_orders";
        }
        return null;
    }

    private static DataFetcher<Object> webhookSubscriptionCreate() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            String topic = env.getArgument("topic");
            String scope = requiredScope(topic);
            if (scope != null && !context.token().grants(scope)) {
                return StandInContext.denied(env, scope);
            }
            Map<String, Object> input = env.getArgument("webhookSubscription");
            String uri = (String) (input.get("uri") != null ? input.get("uri") : input.get("callbackUrl"));
            String name = (String) input.get("name");
            String problem = checkUri(uri);
            if (problem != null) {
                return payload("webhookSubscription", null, List.of("webhookSubscription", "callbackUrl"), problem);
            }
            if (name != null && !name.matches("[A-Za-z0-9_-]{1,50}")) {
                return payload("webhookSubscription", null, List.of("webhookSubscription", "name"),
                        "Name must be at most 50 characters of letters, digits, underscores and dashes");
            }
            Store store = context.store();
            synchronized (store) {
                boolean taken = store.subscriptions().values().stream()
                        .anyMatch(w -> w.topic().equals(topic) && w.uri().equals(uri));
                if (taken) {
                    return payload("webhookSubscription", null, List.of("webhookSubscription", "callbackUrl"),
                            "Address for this topic has already been taken");
                }
                WebhookSubscription created = new WebhookSubscription(store.nextId(), topic, uri, name,
                        AdminSchema.VERSION, OffsetDateTime.now(ZoneOffset.UTC));
                store.subscriptions().put(created.id(), created);
                return payload("webhookSubscription", GraphqlViews.webhookSubscription(created), null, null);
            }
        };
    }

    private static DataFetcher<Object> webhookSubscriptionDelete() {
        return env -> {
            Store store = StandInContext.of(env).store();
            Long id = GraphqlViews.idOf("WebhookSubscription", env.getArgument("id"));
            WebhookSubscription removed = id == null ? null : store.subscriptions().remove(id);
            if (removed == null) {
                return payload("deletedWebhookSubscriptionId", null, List.of("id"), "Webhook subscription does not exist");
            }
            return payload("deletedWebhookSubscriptionId", removed.gid(), null, null);
        };
    }

    /** Shopify delivers to HTTPS only; plain HTTP is accepted here for loopback addresses, where the suite runs. */
    private static String checkUri(String uri) {
        if (uri == null || uri.isBlank()) {
            return "Address can't be blank";
        }
        try {
            URI parsed = new URI(uri);
            String host = parsed.getHost();
            if ("https".equals(parsed.getScheme()) && host != null) {
                return null;
            }
            if ("http".equals(parsed.getScheme()) && ("127.0.0.1".equals(host) || "localhost".equals(host))) {
                return null;
            }
            return "Address protocol " + parsed.getScheme() + ":// is not supported";
        } catch (URISyntaxException e) {
            return "Address is invalid";
        }
    }

    private static Map<String, Object> payload(String key, Object value, List<String> errorField, String message) {
        Map<String, Object> payload = new java.util.HashMap<>();
        payload.put(key, value);
        payload.put("userErrors", message == null ? List.of() : List.of(GraphqlViews.userError(errorField, message)));
        return payload;
    }
}
