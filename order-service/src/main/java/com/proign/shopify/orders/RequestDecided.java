package com.proign.shopify.orders;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What order-service.request-decisions carries (docs/asyncapi.yaml, message requestDecided): the warehouse's answer
 * (or the cancellation rule's) to the merchant's fulfillment request ({@code kind} fulfillment) or cancellation
 * request ({@code kind} cancellation), for the sync-service to send to Shopify. Written to the outbox in the
 * decision's transaction, as JSON in snake_case.
 */
public record RequestDecided(String tenant, UUID orderId, long shopifyOrderId, String shopifyOrderNumber, String kind,
        String decision, String reason, String message, LocalDate estimatedShipDate, List<Long> lineItemIds,
        String decidedBy, OffsetDateTime decidedAt) {

    /** The topic, and the CloudEvents type of its records. */
    public static final String TOPIC = "order-service.request-decisions";
    public static final String EVENT_TYPE = "com.proign.fulfillment.request-decided";
}
