package com.proign.shopify.standin.store;

import java.time.OffsetDateTime;
import java.util.List;

/** A shipment the app reported: which line items, how many, from where, and its tracking. */
public record Fulfillment(long id, long orderId, String name, long locationId, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, List<Tracking> tracking, List<Line> lines, boolean notifyCustomer) {

    public record Tracking(String company, String number, String url) {
    }

    public record Line(long id, long lineItemId, int quantity) {
    }

    public Fulfillment withTracking(List<Tracking> newTracking, OffsetDateTime at, boolean notify) {
        return new Fulfillment(id, orderId, name, locationId, createdAt, at, newTracking, lines, notify);
    }
}
