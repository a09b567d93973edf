package com.proign.shopify.standin.store;

import java.util.List;

/** What one location must still ship of an order (Shopify's fulfillment order), immutable. */
public record FulfillmentOrder(long id, long orderId, long locationId, String status, List<Line> lines) {

    /** A line of a fulfillment order: its own id, the order's line item, how many are left to ship. */
    public record Line(long id, long lineItemId, int totalQuantity, int remainingQuantity) {
    }

    /** The actions Shopify offers for a fulfillment order at a merchant-managed location in this status. */
    public List<String> supportedActions() {
        return switch (status) {
            case "OPEN", "IN_PROGRESS" -> List.of("CREATE_FULFILLMENT", "HOLD", "MOVE");
            case "ON_HOLD" -> List.of("RELEASE_HOLD");
            default -> List.of();
        };
    }

    public FulfillmentOrder with(String newStatus, List<Line> newLines) {
        return new FulfillmentOrder(id, orderId, locationId, newStatus, newLines);
    }
}
