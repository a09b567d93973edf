package com.proign.shopify.standin.store;

import java.time.OffsetDateTime;

/** A webhook subscription made through the Admin API: topic as the GraphQL enum (ORDERS_CREATE), URI, name. */
public record WebhookSubscription(long id, String topic, String uri, String name, String apiVersion,
        OffsetDateTime createdAt) {

    public String gid() {
        return "gid://shopify/WebhookSubscription/" + id;
    }

    /** The REST-style topic Shopify puts in X-Shopify-Topic: ORDERS_CREATE becomes orders/create. */
    public String restTopic() {
        return RestTopics.of(topic);
    }
}
