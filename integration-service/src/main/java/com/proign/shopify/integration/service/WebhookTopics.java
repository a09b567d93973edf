package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.List;

/** The webhook topics the suite subscribes every store to (GraphQL's WebhookSubscriptionTopic names). */
public final class WebhookTopics {

    public static final List<String> REQUIRED = List.of(
            "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "PRODUCTS_UPDATE", "APP_UNINSTALLED");

    /** Subscribed while the tenant's inventory sync is on. */
    public static final String INVENTORY = "INVENTORY_LEVELS_UPDATE";

    private WebhookTopics() {
    }

    public static List<String> required(boolean inventorySync) {
        if (!inventorySync) {
            return REQUIRED;
        }
        List<String> topics = new ArrayList<>(REQUIRED);
        topics.add(INVENTORY);
        return List.copyOf(topics);
    }
}
