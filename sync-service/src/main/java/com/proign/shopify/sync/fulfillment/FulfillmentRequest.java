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

    /** The carrier and the tracking: number and url the first parcel's, numbers and urls every parcel's, by position. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tracking(String company, String number, String url, List<String> numbers, List<String> urls) {
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
        List<String> numbers = trackingNumbers();
        return numbers.isEmpty() ? null : numbers.get(0);
    }

    /** Every parcel's tracking number; from number alone when the request came from before there could be several. */
    public List<String> trackingNumbers() {
        return several(tracking == null ? null : tracking.number(), tracking == null ? null : tracking.numbers());
    }

    /** Every parcel's tracking URL, by position with the numbers. */
    public List<String> trackingUrls() {
        return several(tracking == null ? null : tracking.url(), tracking == null ? null : tracking.urls());
    }

    private static List<String> several(String one, List<String> many) {
        if (many != null && !many.isEmpty()) {
            return many.stream().filter(v -> v != null && !v.isBlank()).toList();
        }
        String single = blankToNull(one);
        return single == null ? List.of() : List.of(single);
    }

    public String trackingUrl() {
        List<String> urls = trackingUrls();
        return urls.isEmpty() ? null : urls.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
