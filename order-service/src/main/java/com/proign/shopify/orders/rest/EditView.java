package com.proign.shopify.orders.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.proign.shopify.orders.OrderEdit;
import com.proign.shopify.orders.service.EditJson;

/**
 * A change Shopify made to the order's lines, as the warehouse sees it: when it came, what became of it (applied
 * before picking, awaiting_acknowledgement, acknowledged, superseded by a later one, recorded_after_shipping), each
 * change in words, and who acknowledged it when.
 */
public record EditView(UUID id, OffsetDateTime detectedAt, OffsetDateTime shopifyUpdatedAt, String state,
        List<Change> changes, OffsetDateTime acknowledgedAt, String acknowledgedBy) {

    /**
     * One line's change in words: added, removed or quantity_changed (from and to: its quantity), or
     * assigned_elsewhere or assigned_here (from and to: the units this warehouse ships of it).
     */
    public record Change(String kind, long shopifyLineItemId, String sku, String title, int from, int to, String text) {
    }

    static EditView of(OrderEdit edit) {
        return new EditView(edit.id, edit.detectedAt, edit.shopifyUpdatedAt, edit.state.name(),
                EditJson.edits(edit.changes).stream().map(e -> new Change(e.kind().name(), e.shopifyLineItemId(), e.sku(),
                        e.title(), e.from(), e.to(), e.text())).toList(),
                edit.acknowledgedAt, edit.acknowledgedBy);
    }
}
