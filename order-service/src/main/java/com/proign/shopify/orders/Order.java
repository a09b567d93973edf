package com.proign.shopify.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TimeZoneColumn;
import org.hibernate.annotations.TimeZoneStorage;
import org.hibernate.annotations.TimeZoneStorageType;

/** A Shopify order in a tenant's fulfillment queue. */
@Entity
@Table(name = "shop_order")
public class Order {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "shopify_order_id", nullable = false)
    public long shopifyOrderId;

    @Column(name = "shopify_order_number", nullable = false)
    public String shopifyOrderNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(name = "financial_status")
    public String financialStatus;

    @Column(name = "fulfillment_status")
    public String fulfillmentStatus;

    public String currency;

    @Column(name = "total_price")
    public BigDecimal totalPrice;

    @Embedded
    public ShippingAddress shippingAddress;

    /** When the customer ordered, with the store's offset as Shopify sent it (kept in its own column). */
    @Column(name = "shopify_created_at")
    @TimeZoneStorage(TimeZoneStorageType.COLUMN)
    @TimeZoneColumn(name = "shopify_created_at_offset")
    public OffsetDateTime shopifyCreatedAt;

    @Column(name = "shopify_updated_at", nullable = false)
    public OffsetDateTime shopifyUpdatedAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "imported_at", nullable = false)
    public OffsetDateTime importedAt;

    /** When it entered the queue (passed the tenant's order status filter); null while filtered. */
    @Column(name = "queued_at")
    public OffsetDateTime queuedAt;

    /** While on hold: the status to return to on release, and why it is held. */
    @Enumerated(EnumType.STRING)
    @Column(name = "held_from")
    public OrderStatus heldFrom;

    @Column(name = "hold_reason")
    public String holdReason;

    /** On hold because Shopify holds its fulfillment order (FulfillmentOrderRepository): released there, not here. */
    @Column(name = "held_by_shopify", nullable = false)
    public boolean heldByShopify;

    /** Shopify cancelled the order after (some of) it shipped: recorded, never applied to the shipment. */
    @Column(name = "cancelled_after_shipping", nullable = false)
    public boolean cancelledAfterShipping;

    /** Shopify changed the order's lines after picking started: picking stays as it was until someone acknowledges. */
    @Column(name = "changed_after_picking", nullable = false)
    public boolean changedAfterPicking;

    /** The merchant's fulfillment request to the warehouse's fulfillment service: unsubmitted, submitted, accepted, rejected; or null. */
    @Column(name = "fulfillment_request")
    public String fulfillmentRequest;

    /** The merchant's cancellation request: requested, accepted, rejected; or null. */
    @Column(name = "cancellation_request")
    public String cancellationRequest;

    /** What the merchant said with the request and what was answered, in words. */
    @Column(name = "request_note")
    public String requestNote;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("shopifyLineItemId")
    public List<OrderLine> lines = new ArrayList<>();

    /** The W3C traceparent of the record that created the order (tracing on): its fulfillment requests continue it. */
    @Column(name = "origin_traceparent")
    public String originTraceparent;

    /**
     * When the customer's personal data (ship-to name, company, address, phone) was erased: customers/redact or the
     * retention pass. Written by those statements only; never cleared.
     */
    @Column(name = "redacted_at", insertable = false, updatable = false)
    public OffsetDateTime redactedAt;

    @Version
    public long version;
}
