package com.proign.shopify.orders;

/**
 * One delivered event as the gateway (or the sync-service's pull) described it: the tenant, the idempotency key
 * (Shopify's webhook id, or the pull's own), Shopify's topic, and the trace it belongs to (null when tracing is off).
 */
public record Delivery(String tenant, String id, String topic, String traceparent) {
}
