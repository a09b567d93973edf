package com.proign.shopify.standin.store;

import java.util.List;

/**
 * What one location must still ship of an order (Shopify's fulfillment order), immutable, with its holds
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentHold): held, it is ON_HOLD and cannot be
 * fulfilled until every hold is released.
 */
public record FulfillmentOrder(long id, long orderId, long locationId, String status, List<Line> lines, List<Hold> holds) {

    /** A line of a fulfillment order: its own id, the order's line item, how many are left to ship. */
    public record Line(long id, long lineItemId, int totalQuantity, int remainingQuantity) {
    }

    /**
     * A hold: Shopify's reason (FulfillmentHoldReason), the notes, the placing app's handle (null for the merchant's
     * own hold in the admin), and whether an app placed it.
     */
    public record Hold(long id, String reason, String reasonNotes, String handle, boolean byApp) {
    }

    /** Shopify allows up to ten holds on one fulfillment order (2025-01 and later). */
    public static final int MAX_HOLDS = 10;

    public FulfillmentOrder(long id, long orderId, long locationId, String status, List<Line> lines) {
        this(id, orderId, locationId, status, lines, List.of());
    }

    /** The actions Shopify offers for a fulfillment order at a merchant-managed location in this status. */
    public List<String> supportedActions() {
        return switch (status) {
            case "OPEN", "IN_PROGRESS" -> List.of("CREATE_FULFILLMENT", "HOLD", "MOVE");
            case "ON_HOLD" -> holds.size() < MAX_HOLDS ? List.of("RELEASE_HOLD", "HOLD") : List.of("RELEASE_HOLD");
            default -> List.of();
        };
    }

    public FulfillmentOrder with(String newStatus, List<Line> newLines) {
        return new FulfillmentOrder(id, orderId, locationId, newStatus, newLines, holds);
    }

    /** With these holds: ON_HOLD while there is one, otherwise open again (in progress when some was shipped). */
    public FulfillmentOrder withHolds(List<Hold> newHolds) {
        String released = lines.stream().anyMatch(l -> l.remainingQuantity() < l.totalQuantity()) ? "IN_PROGRESS" : "OPEN";
        return new FulfillmentOrder(id, orderId, locationId, newHolds.isEmpty() ? released : "ON_HOLD", lines, List.copyOf(newHolds));
    }
}
