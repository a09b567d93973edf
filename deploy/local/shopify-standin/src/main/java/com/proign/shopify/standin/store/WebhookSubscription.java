package com.proign.shopify.standin.store;

import java.time.OffsetDateTime;

/** A webhook subscription made through the Admin API: topic as the GraphQL enum (ORDERS_CREATE), URI, name. */
public record WebhookSubscription(long id, String topic, String uri, String name, String apiVersion,
        OffsetDateTime createdAt) {

    /** The id of the app-level subscription of the compliance topics: not one the Admin API made or can delete. */
    public static final long COMPLIANCE = 0;

    /**
     * The compliance topics' subscription: the app's own configuration (compliance_topics in shopify.app.toml, or the
     * Partner Dashboard), never the Admin API's (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance).
     */
    public static WebhookSubscription compliance(String restTopic, String uri, String apiVersion) {
        return new WebhookSubscription(COMPLIANCE, RestTopics.toGraphql(restTopic), uri, null, apiVersion, OffsetDateTime.now());
    }

    public boolean appLevel() {
        return id == COMPLIANCE;
    }

    public String gid() {
        return "gid://shopify/WebhookSubscription/" + id;
    }

    /** The REST-style topic Shopify puts in X-Shopify-Topic: ORDERS_CREATE becomes orders/create. */
    public String restTopic() {
        return RestTopics.of(topic);
    }
}
