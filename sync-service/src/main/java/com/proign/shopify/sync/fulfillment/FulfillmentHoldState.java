package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What sync-service.fulfillment-holds carries (docs/asyncapi.yaml, message fulfillmentHoldState): a fulfillment
 * order's holds as Shopify has them at {@code readAt}, for the queue, but the warehouse's own.
 */
public record FulfillmentHoldState(String tenant, long shopifyOrderId, long fulfillmentOrderId, String status,
        List<Hold> holds, OffsetDateTime readAt) {

    /** A hold: Shopify's reason, its notes, the placing app's handle (null or empty for the merchant's own). */
    public record Hold(String reason, String reasonNotes, String handle) {
    }

    /** The state in Shopify's answer to FulfillmentOrderHolds.graphql; null when Shopify has no such fulfillment order. */
    static FulfillmentHoldState of(String tenant, JsonObject fulfillmentOrder, OffsetDateTime readAt) {
        if (fulfillmentOrder == null) {
            return null;
        }
        List<Hold> holds = new ArrayList<>();
        for (Object item : fulfillmentOrder.getJsonArray("fulfillmentHolds", new JsonArray())) {
            JsonObject hold = (JsonObject) item;
            // the warehouse's own hold (WarehouseHolds) is the queue's already: not Shopify's to report back
            if (!WarehouseHolds.HANDLE.equals(hold.getString("handle"))) {
                holds.add(new Hold(hold.getString("reason"), hold.getString("reasonNotes"), hold.getString("handle")));
            }
        }
        return new FulfillmentHoldState(tenant, legacyId(fulfillmentOrder.getString("orderId")),
                legacyId(fulfillmentOrder.getString("id")), fulfillmentOrder.getString("status"), List.copyOf(holds), readAt);
    }

    /** The fulfillment order's location's id, or null. */
    static Long locationOf(JsonObject fulfillmentOrder) {
        JsonObject assigned = fulfillmentOrder.getJsonObject("assignedLocation");
        JsonObject location = assigned == null ? null : assigned.getJsonObject("location");
        return location == null || location.getString("id") == null ? null : legacyId(location.getString("id"));
    }

    /** gid://shopify/Order/123 → 123. */
    static long legacyId(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }
}
