package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One shipment's way into Shopify. */
@Entity
@Table(name = "fulfillment_sync")
public class FulfillmentSyncRecord {

    @Id
    @Column(name = "shipment_id")
    public UUID shipmentId;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "shopify_order_id", nullable = false)
    public long shopifyOrderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncState status;

    /** Shopify's fulfillment gids, comma-separated (one per location). */
    @Column(name = "shopify_fulfillment_ids")
    public String shopifyFulfillmentIds;

    @Column(nullable = false)
    public String request;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
