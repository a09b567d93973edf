package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A fulfillment order's holds as Shopify has them (sync-service.fulfillment-holds, docs/asyncapi.yaml, message
 * fulfillmentHoldState), read by the sync-service at {@code readAt}.
 */
public record FulfillmentHold(String tenant, Long shopifyOrderId, Long fulfillmentOrderId, String status, List<Hold> holds,
        OffsetDateTime readAt) {

    /** A hold: Shopify's reason (FulfillmentHoldReason), its notes, the placing app's handle. */
    public record Hold(String reason, String reasonNotes, String handle) {
    }

    public boolean held() {
        return holds != null && !holds.isEmpty();
    }

    /** The holds in words for the warehouse: "high risk of fraud: card declined twice; other". */
    public String reasons() {
        if (!held()) {
            return "";
        }
        String words = String.join("; ", holds.stream().map(h -> {
            String reason = h.reason() == null ? "other" : h.reason().toLowerCase(Locale.ROOT).replace('_', ' ');
            return h.reasonNotes() == null || h.reasonNotes().isBlank() ? reason : reason + ": " + h.reasonNotes().strip();
        }).toList());
        return words.length() > 1000 ? words.substring(0, 1000) : words;
    }
}
