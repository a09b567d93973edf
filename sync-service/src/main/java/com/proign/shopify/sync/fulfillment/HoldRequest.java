package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What order-service.hold-requests carries (docs/asyncapi.yaml, message holdRequested): the warehouse held an order
 * (action hold, with its reason) or released its hold (action release).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HoldRequest(String tenant, UUID orderId, Long shopifyOrderId, String shopifyOrderNumber, String action,
        String reason, OffsetDateTime requestedAt) {

    public boolean hold() {
        return "hold".equals(action);
    }

    /** Reads a request; an IllegalArgumentException says what is missing or unreadable. */
    public static HoldRequest read(ObjectMapper json, String value) {
        HoldRequest request;
        try {
            request = value == null ? null : json.readValue(value, HoldRequest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable hold request: not JSON of its shape");
        }
        if (request == null || request.tenant() == null || request.shopifyOrderId() == null
                || !("hold".equals(request.action()) || "release".equals(request.action()))) {
            throw new IllegalArgumentException("unreadable hold request: it needs tenant, shopify_order_id and action "
                    + "hold or release");
        }
        return request;
    }
}
