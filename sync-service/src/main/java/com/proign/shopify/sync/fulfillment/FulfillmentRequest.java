package com.proign.shopify.sync.fulfillment;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** order-service's request to report a shipment to Shopify (order-service.fulfillment-requests). */
public record FulfillmentRequest(String tenant, UUID shipmentId, long shopifyOrderId, String orderNumber, List<Line> lines,
        String trackingCompany, String trackingNumber, String trackingUrl) {

    public record Line(long shopifyLineItemId, int quantity) {
    }

    /** Reads the request; an IllegalArgumentException says what is missing. */
    public static FulfillmentRequest of(JsonNode json) {
        if (json == null || !json.hasNonNull("tenant") || !json.hasNonNull("shipment_id")
                || !json.path("shopify_order_id").canConvertToLong() || !json.path("lines").isArray()
                || json.path("lines").isEmpty()) {
            throw new IllegalArgumentException("a fulfillment request needs tenant, shipment_id, shopify_order_id and lines");
        }
        List<Line> lines = new java.util.ArrayList<>();
        for (JsonNode line : json.get("lines")) {
            if (!line.path("shopify_line_item_id").canConvertToLong() || line.path("quantity").asInt(0) < 1) {
                throw new IllegalArgumentException("each line needs shopify_line_item_id and a positive quantity");
            }
            lines.add(new Line(line.get("shopify_line_item_id").asLong(), line.get("quantity").asInt()));
        }
        JsonNode tracking = json.path("tracking");
        return new FulfillmentRequest(json.get("tenant").asText(), UUID.fromString(json.get("shipment_id").asText()),
                json.get("shopify_order_id").asLong(), json.path("shopify_order_number").asText(null), List.copyOf(lines),
                text(tracking, "company"), text(tracking, "number"), text(tracking, "url"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
