package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What order-service.fulfillment-requests carries (docs/asyncapi.yaml, message fulfillmentRequested): a shipment to
 * report to Shopify, with the lines shipped and the tracking.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FulfillmentRequest(String tenant, UUID shipmentId, UUID orderId, Long shopifyOrderId, String shopifyOrderNumber,
        List<Line> lines, Tracking tracking, OffsetDateTime shippedAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(Long shopifyLineItemId, Integer quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tracking(String company, String number, String url) {
    }

    /** Reads a request; an IllegalArgumentException says what is missing or unreadable. */
    public static FulfillmentRequest read(ObjectMapper json, String value) {
        FulfillmentRequest request;
        try {
            request = value == null ? null : json.readValue(value, FulfillmentRequest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable fulfillment request: not JSON of its shape "
                    + "(shipment_id a UUID, shopify_order_id and each line's numbers whole numbers)");
        }
        if (request == null || request.tenant() == null || request.shipmentId() == null || request.shopifyOrderId() == null
                || request.lines() == null || request.lines().isEmpty()) {
            throw new IllegalArgumentException("unreadable fulfillment request: a fulfillment request needs tenant, "
                    + "shipment_id, shopify_order_id and lines");
        }
        for (Line line : request.lines()) {
            if (line == null || line.shopifyLineItemId() == null || line.quantity() == null || line.quantity() < 1) {
                throw new IllegalArgumentException("unreadable fulfillment request: each line needs shopify_line_item_id "
                        + "and a positive quantity");
            }
        }
        return request;
    }

    /** The order's number as the merchant knows it (#1051), or null. */
    public String orderNumber() {
        return shopifyOrderNumber;
    }

    public String trackingCompany() {
        return tracking == null ? null : blankToNull(tracking.company());
    }

    public String trackingNumber() {
        return tracking == null ? null : blankToNull(tracking.number());
    }

    public String trackingUrl() {
        return tracking == null ? null : blankToNull(tracking.url());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
