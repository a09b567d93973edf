package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What order-service.hold-requests carries (docs/asyncapi.yaml, message holdRequested): the warehouse held an order,
 * or released its hold, for the sync-service to place or release the warehouse's hold on its fulfillment orders in
 * Shopify, so the merchant sees it. Written to the outbox in the hold's transaction, as JSON in snake_case.
 */
public record HoldRequested(String tenant, UUID orderId, long shopifyOrderId, String shopifyOrderNumber, String action,
        String reason, OffsetDateTime requestedAt) {

    public static HoldRequested hold(Order order, String reason, OffsetDateTime at) {
        return new HoldRequested(order.tenant, order.id, order.shopifyOrderId, order.shopifyOrderNumber, "hold", reason, at);
    }

    public static HoldRequested release(Order order, OffsetDateTime at) {
        return new HoldRequested(order.tenant, order.id, order.shopifyOrderId, order.shopifyOrderNumber, "release", null, at);
    }
}
