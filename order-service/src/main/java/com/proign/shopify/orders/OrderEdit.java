package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A change Shopify made to an imported order's lines (an edit: lines added, removed, quantities changed), as a list
 * a person can read, and what became of it: applied before picking, waiting for someone to acknowledge it once
 * picking started, or only recorded after shipping.
 */
@Entity
@Table(name = "order_edit")
public class OrderEdit {

    public enum State {
        /** The queue followed (picking had not started). */
        applied,
        /** Picking started: the picking list stays as it was until someone acknowledges the change. */
        awaiting_acknowledgement,
        /** Someone acknowledged it; the lines were brought to what Shopify has. */
        acknowledged,
        /** A later change arrived first; it holds this one's too. */
        superseded,
        /** The order had shipped: recorded, never applied to what shipped. */
        recorded_after_shipping
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "detected_at", nullable = false)
    public OffsetDateTime detectedAt;

    @Column(name = "shopify_updated_at", nullable = false)
    public OffsetDateTime shopifyUpdatedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** The changes, each {kind, shopify_line_item_id, sku, title, from, to, text}, as JSON. */
    @Column(nullable = false)
    public String changes;

    /** The order's lines as Shopify had them, to apply on acknowledgement, as JSON. */
    @Column(nullable = false)
    public String lines;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
}
