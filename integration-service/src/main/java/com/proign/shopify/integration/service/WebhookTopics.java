package com.proign.shopify.integration.service;

import java.util.List;

/** The webhook topics the suite subscribes every store to (GraphQL's WebhookSubscriptionTopic names). */
public final class WebhookTopics {

    public static final List<String> REQUIRED = List.of(
            "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "PRODUCTS_UPDATE", "APP_UNINSTALLED");

    private WebhookTopics() {
    }
}
