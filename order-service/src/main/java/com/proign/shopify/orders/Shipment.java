package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Some or all of an order, shipped: lines and quantities, carrier and tracking, and whether Shopify knows. */
@Entity
@Table(name = "shipment")
public class Shipment {

    public enum SyncStatus {
        /** Handed to the sync-service, no answer yet. */
        pending,
        /** Shopify has the fulfillment with its tracking. */
        synced,
        /** Shopify refused it or could not be updated; sync_error says why. */
        failed
    }

    @Embeddable
    public static class Line {
        @Column(name = "shopify_line_item_id", nullable = false)
        public long shopifyLineItemId;

        @Column(nullable = false)
        public int quantity;

        public Line() {
        }

        public Line(long shopifyLineItemId, int quantity) {
            this.shopifyLineItemId = shopifyLineItemId;
            this.quantity = quantity;
        }
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public Order order;

    public String carrier;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "tracking_url")
    public String trackingUrl;

    /** Every parcel's tracking number, the first one also in trackingNumber. */
    @Column(name = "tracking_numbers", nullable = false)
    public String[] trackingNumbers = new String[0];

    /** The tracking URLs, by position with the numbers (fewer when some have none). */
    @Column(name = "tracking_urls", nullable = false)
    public String[] trackingUrls = new String[0];

    /** Sets the carrier and every tracking number and URL (the first of each also as trackingNumber, trackingUrl). */
    public void track(String carrier, java.util.List<String> numbers, java.util.List<String> urls) {
        this.carrier = carrier;
        this.trackingNumbers = numbers.toArray(String[]::new);
        this.trackingUrls = urls.toArray(String[]::new);
        this.trackingNumber = numbers.isEmpty() ? null : numbers.get(0);
        this.trackingUrl = urls.isEmpty() ? null : urls.get(0);
    }

    @Column(name = "shipped_at", nullable = false)
    public OffsetDateTime shippedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "sync_status", nullable = false)
    public SyncStatus syncStatus;

    @Column(name = "sync_error")
    public String syncError;

    @Column(name = "synced_at")
    public OffsetDateTime syncedAt;

    @Column(name = "shopify_fulfillment_id")
    public Long shopifyFulfillmentId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "shipment_line", joinColumns = @JoinColumn(name = "shipment_id"))
    public List<Line> lines = new ArrayList<>();

}
