package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What sync-service.fulfillment-orders carries (docs/asyncapi.yaml, message fulfillmentOrdersState): every
 * fulfillment order of one order as Shopify has them at {@code readAt}, in one message so that the queue applies
 * them together: each one's status, where it is assigned (the tenant's fulfillment location or not; a fulfillment
 * service's by the service's name), its holds but the warehouse's own, its date when scheduled, and how many of
 * each of the order's line items it holds and has left to ship.
 */
public record FulfillmentOrdersState(String tenant, long shopifyOrderId, List<FulfillmentOrder> fulfillmentOrders,
        OffsetDateTime readAt) {

    /** One fulfillment order of the order. */
    public record FulfillmentOrder(long fulfillmentOrderId, String status, String requestStatus, Long locationId,
            String locationName, String fulfillmentService, boolean atFulfillmentLocation, OffsetDateTime fulfillAt,
            List<Hold> holds, List<Line> lines, String requestMessage, String response) {
    }

    /** A hold: Shopify's reason, its notes, the placing app's handle (null or empty for the merchant's own). */
    public record Hold(String reason, String reasonNotes, String handle) {
    }

    /** What the fulfillment order holds of one of the order's line items, and how much of it is left to ship. */
    public record Line(long lineItemId, int totalQuantity, int remainingQuantity) {
    }

    /**
     * The state in Shopify's answer to OrderFulfillmentOrders.graphql ({@code order}: the order with its
     * fulfillment orders); null when Shopify has no such order.
     */
    static FulfillmentOrdersState of(String tenant, JsonObject order, BiPredicate<Long, Boolean> fulfilsAt, OffsetDateTime readAt) {
        if (order == null || order.getString("id") == null) {
            return null;
        }
        List<FulfillmentOrder> fulfillmentOrders = new ArrayList<>();
        for (Object node : order.getJsonObject("fulfillmentOrders", new JsonObject()).getJsonArray("nodes", new JsonArray())) {
            fulfillmentOrders.add(fulfillmentOrder((JsonObject) node, fulfilsAt));
        }
        return new FulfillmentOrdersState(tenant, legacyId(order.getString("id")), List.copyOf(fulfillmentOrders), readAt);
    }

    /**
     * One fulfillment order: at the fulfillment location when the warehouse fulfils what is assigned to its location
     * ({@code fulfilsAt}: TenantSettings#fulfilsAt, given the location and whether a fulfillment service holds it).
     */
    static FulfillmentOrder fulfillmentOrder(JsonObject fulfillmentOrder, BiPredicate<Long, Boolean> fulfilsAt) {
        List<Hold> holds = new ArrayList<>();
        for (Object item : fulfillmentOrder.getJsonArray("fulfillmentHolds", new JsonArray())) {
            JsonObject hold = (JsonObject) item;
            // the warehouse's own hold (WarehouseHolds) is the queue's already: not Shopify's to report back
            if (!WarehouseHolds.HANDLE.equals(hold.getString("handle"))) {
                holds.add(new Hold(hold.getString("reason"), hold.getString("reasonNotes"), hold.getString("handle")));
            }
        }
        List<Line> lines = new ArrayList<>();
        JsonObject lineItems = fulfillmentOrder.getJsonObject("lineItems");
        for (Object item : lineItems == null ? new JsonArray() : lineItems.getJsonArray("nodes", new JsonArray())) {
            JsonObject line = (JsonObject) item;
            JsonObject lineItem = line.getJsonObject("lineItem");
            if (lineItem != null && lineItem.getString("id") != null) {
                lines.add(new Line(legacyId(lineItem.getString("id")), line.getInteger("totalQuantity", 0),
                        line.getInteger("remainingQuantity", 0)));
            }
        }
        JsonObject assigned = fulfillmentOrder.getJsonObject("assignedLocation", new JsonObject());
        JsonObject location = assigned.getJsonObject("location");
        Long locationId = locationOf(fulfillmentOrder);
        JsonObject service = location == null ? null : location.getJsonObject("fulfillmentService");
        boolean byService = location != null && Boolean.TRUE.equals(location.getBoolean("isFulfillmentService"));
        String serviceName = byService ? (service == null ? assigned.getString("name") : service.getString("serviceName")) : null;
        boolean here = fulfilsAt.test(locationId, byService);
        String fulfillAt = fulfillmentOrder.getString("fulfillAt");
        JsonObject requests = fulfillmentOrder.getJsonObject("merchantRequests");
        JsonArray newest = requests == null ? new JsonArray() : requests.getJsonArray("nodes", new JsonArray());
        JsonObject request = newest.isEmpty() ? null : newest.getJsonObject(newest.size() - 1);
        return new FulfillmentOrder(legacyId(fulfillmentOrder.getString("id")), fulfillmentOrder.getString("status"),
                fulfillmentOrder.getString("requestStatus"), locationId, assigned.getString("name"), serviceName, here,
                fulfillAt == null ? null : OffsetDateTime.parse(fulfillAt), List.copyOf(holds), List.copyOf(lines),
                request == null ? null : clip(request.getString("message")), request == null ? null : response(request.getValue("responseData")));
    }

    /**
     * The fulfillment service's answer to the merchant's newest request, in words ("inventory out of stock: MUG-1 is
     * not stocked"), from the request's responseData (JSON: the answer's reason and message); null when none.
     */
    static String response(Object data) {
        JsonObject answer = data instanceof JsonObject o ? o
                : data instanceof String text && text.strip().startsWith("{") ? new JsonObject(text) : null;
        if (answer == null) {
            return null;
        }
        String reason = answer.getValue("reason") == null ? "" : String.valueOf(answer.getValue("reason")).strip();
        String message = answer.getValue("message") == null ? "" : String.valueOf(answer.getValue("message")).strip();
        String words = (reason.isEmpty() ? "" : reason.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                + (!reason.isEmpty() && !message.isEmpty() ? ": " : "") + message;
        return words.isEmpty() ? null : clip(words);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
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
