package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What order-service.request-decisions carries (docs/asyncapi.yaml, message requestDecided): the warehouse (or the
 * queue's cancellation rule) accepted or rejected the merchant's fulfillment request ({@code kind} fulfillment) or
 * cancellation request ({@code kind} cancellation) for an order, with a message; a rejected fulfillment request with
 * Shopify's reason and the order's line items it is about, an accepted one with the date it is expected to ship.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestDecision(String tenant, UUID orderId, Long shopifyOrderId, String shopifyOrderNumber, String kind,
        String decision, String reason, String message, LocalDate estimatedShipDate, List<Long> lineItemIds,
        String decidedBy, OffsetDateTime decidedAt) {

    /** Shopify's FulfillmentOrderRejectionReason values a rejection may give. */
    static final Set<String> REASONS = Set.of("INCORRECT_ADDRESS", "INCORRECT_PRODUCT_INFO", "INELIGIBLE_PRODUCT",
            "INTERNATIONAL_SHIPPING_UNAVAILABLE", "INVALID_CONTACT_INFORMATION", "INVALID_SKU", "INVENTORY_OUT_OF_STOCK",
            "MERCHANT_BLOCKED_OR_SUSPENDED", "MISSING_CUSTOMS_INFO", "ORDER_TOO_LARGE", "OTHER", "PACKAGE_PREFERENCE_NOT_SET",
            "PAYMENT_DECLINED", "UNDELIVERABLE_DESTINATION");

    public boolean fulfillment() {
        return "fulfillment".equals(kind);
    }

    public boolean accept() {
        return "accept".equals(decision);
    }

    /** The request status in Shopify that this decision answers. */
    String pendingStatus() {
        return fulfillment() ? "SUBMITTED" : "CANCELLATION_REQUESTED";
    }

    /** Reads a decision; an IllegalArgumentException says what is missing or unreadable (it can never be applied). */
    public static RequestDecision read(ObjectMapper json, String value) {
        RequestDecision decision;
        try {
            decision = value == null ? null : json.readValue(value, RequestDecision.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable request decision: not JSON of its shape");
        }
        if (decision == null || decision.tenant() == null || decision.shopifyOrderId() == null
                || !List.of("fulfillment", "cancellation").contains(decision.kind())
                || !List.of("accept", "reject").contains(decision.decision())
                || decision.reason() != null && !REASONS.contains(decision.reason())) {
            throw new IllegalArgumentException("unreadable request decision: it needs tenant, shopify_order_id, kind "
                    + "fulfillment or cancellation, decision accept or reject, and a reason of Shopify's when given");
        }
        return decision;
    }
}
