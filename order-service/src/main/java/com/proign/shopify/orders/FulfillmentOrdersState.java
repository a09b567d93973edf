package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every fulfillment order of one order as Shopify has them (sync-service.fulfillment-orders, docs/asyncapi.yaml,
 * message fulfillmentOrdersState), read by the sync-service at {@code readAt}: each one's status, where it is
 * assigned, its holds, its date when scheduled, and what it holds of each line item.
 */
public record FulfillmentOrdersState(String tenant, Long shopifyOrderId, List<FulfillmentOrder> fulfillmentOrders,
        OffsetDateTime readAt) {

    /** One fulfillment order of the order. */
    public record FulfillmentOrder(Long fulfillmentOrderId, String status, String requestStatus, Long locationId, String locationName,
            String fulfillmentService, Boolean atFulfillmentLocation, OffsetDateTime fulfillAt, List<Hold> holds,
            List<Line> lines, String requestMessage, String response) {

        /** Assigned to the tenant's fulfillment location. */
        public boolean here() {
            return Boolean.TRUE.equals(atFulfillmentLocation);
        }

        /** It is the warehouse's and cannot be fulfilled now: held in Shopify, or scheduled for later. */
        public boolean held() {
            return here() && (holds != null && !holds.isEmpty() || "SCHEDULED".equals(status));
        }

        /**
         * Why, in words for the warehouse: "high risk of fraud: card declined twice; other", "scheduled for
         * 2027-01-15".
         */
        public String reasons() {
            if (!held()) {
                return "";
            }
            List<String> reasons = new ArrayList<>();
            if ("SCHEDULED".equals(status)) {
                reasons.add(fulfillAt == null ? "scheduled for later" : "scheduled for " + fulfillAt.toLocalDate());
            }
            for (Hold h : holds == null ? List.<Hold>of() : holds) {
                String reason = h.reason() == null ? "other" : h.reason().toLowerCase(Locale.ROOT).replace('_', ' ');
                reasons.add(h.reasonNotes() == null || h.reasonNotes().isBlank() ? reason : reason + ": " + h.reasonNotes().strip());
            }
            String words = String.join("; ", reasons);
            return words.length() > 1000 ? words.substring(0, 1000) : words;
        }

        /** Where it is, in words: "Acme 3PL (a fulfillment service)", "location Portland", or "another location". */
        public String where() {
            if (fulfillmentService != null) {
                return fulfillmentService + " (a fulfillment service)";
            }
            return locationName == null || locationName.isBlank() ? "another location" : "location " + locationName;
        }
    }

    /** A hold: Shopify's reason (FulfillmentHoldReason), its notes, the placing app's handle. */
    public record Hold(String reason, String reasonNotes, String handle) {
    }

    /** What the fulfillment order holds of one line item, and how much of it is left to ship. */
    public record Line(Long lineItemId, Integer totalQuantity, Integer remainingQuantity) {
    }
}
