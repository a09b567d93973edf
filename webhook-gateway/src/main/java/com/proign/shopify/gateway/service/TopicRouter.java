package com.proign.shopify.gateway.service;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.proign.shopify.gateway.config.GatewayConfig;

/**
 * Maps a Shopify webhook topic to its Kafka topic and record key. Keys are {@code tenant:resource-id}
 * ({@code tenant:inventory_item_id:location_id} for inventory levels, {@code tenant} for app and compliance
 * topics), so every event of one order lands in one partition, in the order it was accepted.
 */
@ApplicationScoped
public class TopicRouter {

    private static final Set<String> APP_TOPICS = Set.of(
            "app/uninstalled", "customers/data_request", "customers/redact", "shop/redact");

    /**
     * The fulfillment-order topics the suite follows: a new order's routing to its locations, holds, and
     * fulfillment orders moved, split, merged or rescheduled (https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-fulfillment_orders/moved);
     * and the merchant's fulfillment and cancellation requests to the warehouse as a fulfillment service.
     */
    static final Set<String> FULFILLMENT_ORDER_TOPICS = Set.of("fulfillment_orders/placed_on_hold",
            "fulfillment_orders/hold_released", "fulfillment_orders/moved", "fulfillment_orders/split",
            "fulfillment_orders/merged", "fulfillment_orders/rescheduled",
            "fulfillment_orders/scheduled_fulfillment_order_ready", "fulfillment_orders/order_routing_complete",
            "fulfillment_orders/fulfillment_request_submitted", "fulfillment_orders/cancellation_request_submitted");

    /** Whether Shopify may send the topic for a store whose connection with the suite has ended. */
    public static boolean afterTheConnectionEnded(String shopifyTopic) {
        return APP_TOPICS.contains(shopifyTopic);
    }

    private final GatewayConfig.Topics topics;
    private final JsonFactory json = new JsonFactory();

    public TopicRouter(GatewayConfig config) {
        this.topics = config.topics();
    }

    /** The route for a delivery, or empty for a topic this suite does not handle. */
    public Optional<Route> route(String shopifyTopic, String tenant, byte[] body) {
        if (shopifyTopic.equals("orders/edited")) {
            // the body is the edit ({"order_edit": {"order_id": ...}}): keyed by its order, so it lands with the
            // order's other events (https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-orders/edited)
            String order = nested(body, "order_edit", "order_id");
            return Optional.of(new Route(topics.orders(), order == null ? tenant : tenant + ":" + order));
        }
        if (shopifyTopic.startsWith("orders/")) {
            return Optional.of(new Route(topics.orders(), key(tenant, body, "id")));
        }
        if (shopifyTopic.equals("refunds/create")) {
            // a refund names its order at the top: with the order's other events
            return Optional.of(new Route(topics.orders(), key(tenant, body, "order_id")));
        }
        if (FULFILLMENT_ORDER_TOPICS.contains(shopifyTopic)) {
            // the body names fulfillment orders only ({"fulfillment_order": {"id": "gid://shopify/FulfillmentOrder/1", ...}},
            // or the original_fulfillment_order of a move): keyed by it, so one fulfillment order's changes stay in
            // order; a merge names its fulfillment orders in a list and is keyed by the tenant
            String gid = nested(body, "fulfillment_order", "id");
            if (gid == null) {
                gid = nested(body, "original_fulfillment_order", "id");
            }
            String id = gid == null ? null : gid.substring(gid.lastIndexOf('/') + 1);
            return Optional.of(new Route(topics.fulfillmentOrders(), id == null || id.isEmpty() ? tenant : tenant + ":" + id));
        }
        if (shopifyTopic.startsWith("products/")) {
            return Optional.of(new Route(topics.products(), key(tenant, body, "id")));
        }
        if (shopifyTopic.startsWith("inventory_levels/")) {
            return Optional.of(new Route(topics.inventoryLevels(), key(tenant, body, "inventory_item_id", "location_id")));
        }
        if (APP_TOPICS.contains(shopifyTopic)) {
            return Optional.of(new Route(topics.app(), tenant));
        }
        return Optional.empty();
    }

    /** tenant:field1[:field2], from top-level fields of the body; the tenant alone if any is absent. */
    private String key(String tenant, byte[] body, String... fields) {
        Map<String, String> values = topLevelScalars(body, Set.of(fields));
        StringBuilder key = new StringBuilder(tenant);
        for (String field : fields) {
            String value = values.get(field);
            if (value == null) {
                return tenant;
            }
            key.append(':').append(value);
        }
        return key.toString();
    }

    /** The scalar {@code field} of the top-level object {@code object}, or null; read without building a tree. */
    private String nested(byte[] body, String object, String field) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(object) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerValue = parser.nextToken();
                        if (innerValue == JsonToken.START_OBJECT || innerValue == JsonToken.START_ARRAY) {
                            parser.skipChildren();
                        } else if (inner.equals(field) && innerValue != JsonToken.VALUE_NULL) {
                            return parser.getText();
                        }
                    }
                    return null;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: keyed by tenant, as any unreadable delivery
        }
        return null;
    }

    /** Reads only the named top-level scalar fields, skipping nested objects without building a tree. */
    private Map<String, String> topLevelScalars(byte[] body, Set<String> wanted) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && found.size() < wanted.size()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if (wanted.contains(name) && value != JsonToken.VALUE_NULL) {
                    found.put(name, parser.getText());
                }
            }
        } catch (IOException e) {
            // not JSON: the delivery is still published, keyed by tenant; consumers dead-letter it
        }
        return found;
    }
}
