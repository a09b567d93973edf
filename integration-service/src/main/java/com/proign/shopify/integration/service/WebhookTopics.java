package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The webhook topics the suite subscribes a store to (GraphQL's WebhookSubscriptionTopic names), as far as the app's
 * scopes let it: Shopify refuses a subscription whose topic needs a scope the app lacks
 * (https://shopify.dev/docs/api/webhooks, each topic's required scope).
 */
public final class WebhookTopics {

    /**
     * Order topics: the orders feature (read_orders), which every connected store has. ORDERS_EDITED announces an
     * edit and REFUNDS_CREATE a refund (the order as it then is follows with ORDERS_UPDATED).
     */
    public static final List<String> ORDERS = List.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED",
            "REFUNDS_CREATE");

    /** The products feature (read_products). */
    public static final String PRODUCTS = "PRODUCTS_UPDATE";

    /**
     * The fulfillment feature (the merchant-managed fulfillment order scopes): a hold Shopify or the merchant places on
     * a fulfillment order, and its release, so the queue holds the order too
     * (https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-fulfillment_orders/placed_on_hold); and
     * where Shopify routed a new order, and fulfillment orders moved to or from the warehouse's location, split,
     * merged or rescheduled, so the queue holds what is the warehouse's to ship.
     */
    public static final List<String> FULFILLMENT_ORDERS = List.of("FULFILLMENT_ORDERS_ORDER_ROUTING_COMPLETE",
            "FULFILLMENT_ORDERS_PLACED_ON_HOLD",
            "FULFILLMENT_ORDERS_HOLD_RELEASED", "FULFILLMENT_ORDERS_MOVED", "FULFILLMENT_ORDERS_SPLIT",
            "FULFILLMENT_ORDERS_MERGED", "FULFILLMENT_ORDERS_RESCHEDULED",
            "FULFILLMENT_ORDERS_SCHEDULED_FULFILLMENT_ORDER_READY");

    /**
     * The warehouse as the store's fulfillment service (read_assigned_fulfillment_orders): the merchant's fulfillment
     * and cancellation requests to it
     * (https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-fulfillment_orders/fulfillment_request_submitted).
     * Subscribed once the service is registered, and kept when the mode goes back (orders in flight at its location).
     */
    public static final List<String> FULFILLMENT_REQUESTS = List.of("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED",
            "FULFILLMENT_ORDERS_CANCELLATION_REQUEST_SUBMITTED");

    /** Needs no scope. */
    public static final String APP_UNINSTALLED = "APP_UNINSTALLED";

    /** Subscribed while the tenant's inventory sync is on and the app has the inventory scopes. */
    public static final String INVENTORY = "INVENTORY_LEVELS_UPDATE";

    private WebhookTopics() {
    }

    /**
     * The topics for a store whose app has {@code granted}, with the tenant's inventory sync on or off, and with or
     * without the warehouse's fulfillment service registered in it.
     */
    public static List<String> required(boolean inventorySync, boolean fulfillmentService, Collection<String> granted) {
        List<String> topics = new ArrayList<>();
        if (Feature.orders.status(granted).enabled()) {
            topics.addAll(ORDERS);
        }
        if (Feature.products.status(granted).enabled()) {
            topics.add(PRODUCTS);
        }
        if (Feature.fulfillment.status(granted).enabled()) {
            topics.addAll(FULFILLMENT_ORDERS);
        }
        if (fulfillmentService && (granted.contains("read_assigned_fulfillment_orders")
                || granted.contains("write_assigned_fulfillment_orders"))) {
            topics.addAll(FULFILLMENT_REQUESTS);
        }
        topics.add(APP_UNINSTALLED);
        if (inventorySync && Feature.inventory.status(granted).enabled()) {
            topics.add(INVENTORY);
        }
        return List.copyOf(topics);
    }
}
