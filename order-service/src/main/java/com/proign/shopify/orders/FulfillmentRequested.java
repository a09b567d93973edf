package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What order-service.fulfillment-requests carries (docs/asyncapi.yaml, message fulfillmentRequested): a shipment
 * for the sync-service to report to Shopify as a fulfillment, with its lines and tracking. Written to the outbox in
 * the shipment's transaction, as JSON in snake_case.
 */
public record FulfillmentRequested(String tenant, UUID shipmentId, UUID orderId, long shopifyOrderId,
        String shopifyOrderNumber, List<Line> lines, Tracking tracking, OffsetDateTime shippedAt) {

    /** A line shipped: Shopify's line item and how many of it. */
    public record Line(long shopifyLineItemId, int quantity) {
    }

    /**
     * The carrier as the warehouse named it and the tracking: number and url are the first parcel's (as before
     * several were possible), numbers and urls every parcel's, by position; each may be missing or empty.
     */
    public record Tracking(String company, String number, String url, List<String> numbers, List<String> urls) {
    }

    public static FulfillmentRequested of(Order order, Shipment shipment, OffsetDateTime shippedAt) {
        return new FulfillmentRequested(order.tenant, shipment.id, order.id, order.shopifyOrderId, order.shopifyOrderNumber,
                shipment.lines.stream().map(l -> new Line(l.shopifyLineItemId, l.quantity)).toList(),
                new Tracking(shipment.carrier, shipment.trackingNumber, shipment.trackingUrl,
                        List.of(shipment.trackingNumbers), List.of(shipment.trackingUrls)), shippedAt);
    }
}
