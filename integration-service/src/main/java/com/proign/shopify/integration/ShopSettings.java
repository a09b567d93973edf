package com.proign.shopify.integration;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A tenant's integration settings. Its version also rises when the connection's state changes, and
 * {@code published_version} says which version the other services have been told of (integration.settings).
 */
@Entity
@Table(name = "shop_settings")
public class ShopSettings {

    /** Which orders enter the fulfillment queue, by Shopify's financial status. */
    public enum OrderStatusFilter {
        /** Every order, whatever its payment state. */
        any,
        /** Orders whose payment is authorized or captured: authorized, partially_paid, paid, partially_refunded. */
        authorized,
        /** Orders paid: paid, partially_refunded. */
        paid
    }

    /**
     * How the warehouse fulfils: at a location the merchant manages (the default), or as a fulfillment service of
     * the store with a location of its own, to which Shopify's order routing assigns fulfillment orders and whose
     * requests the warehouse accepts or rejects.
     */
    public enum FulfillmentMode {
        merchant_managed, fulfillment_service
    }

    /**
     * How the warehouse answers a fulfillment request in fulfillment_service mode: accepted when every line's SKU is
     * in stock at the service's location (inventory sync) and the address is complete, rejected with Shopify's reason
     * otherwise; or each left to the warehouse.
     */
    public enum FulfillmentRequestRule {
        accept_when_stocked, manual
    }

    /**
     * How the warehouse answers a cancellation request: accepted while nothing is picked, rejected once the order is
     * packed or shipped (while picking the warehouse decides); or each left to the warehouse.
     */
    public enum CancellationRequestRule {
        accept_before_picking, manual
    }

    public static final String DEFAULT_FULFILLMENT_SERVICE_NAME = "PROIGN Warehouse";

    public static final OrderStatusFilter DEFAULT_ORDER_STATUS_FILTER = OrderStatusFilter.paid;
    public static final int DEFAULT_AUTO_SYNC_INTERVAL_MINUTES = 60;
    public static final int MAX_AUTO_SYNC_INTERVAL_MINUTES = 1440;

    @Id
    public String tenant;

    @Enumerated(EnumType.STRING)
    @Column(name = "order_status_filter", nullable = false)
    public OrderStatusFilter orderStatusFilter;

    /** Null: the store's own choice of location for each order. */
    @Column(name = "fulfillment_location_id")
    public Long fulfillmentLocationId;

    @Column(name = "fulfillment_location_name")
    public String fulfillmentLocationName;

    @Enumerated(EnumType.STRING)
    @Column(name = "fulfillment_mode", nullable = false)
    public FulfillmentMode fulfillmentMode = FulfillmentMode.merchant_managed;

    /** The fulfillment service's name in Shopify (fulfillment_service mode), or null. */
    @Column(name = "fulfillment_service_name")
    public String fulfillmentServiceName;

    /** The fulfillment service Shopify made, and its location; kept when the mode goes back (orders in flight). */
    @Column(name = "fulfillment_service_id")
    public Long fulfillmentServiceId;

    @Column(name = "fulfillment_service_location_id")
    public Long fulfillmentServiceLocationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "fulfillment_request_rule", nullable = false)
    public FulfillmentRequestRule fulfillmentRequestRule = FulfillmentRequestRule.accept_when_stocked;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_request_rule", nullable = false)
    public CancellationRequestRule cancellationRequestRule = CancellationRequestRule.accept_before_picking;

    @Column(name = "auto_sync_interval_minutes", nullable = false)
    public int autoSyncIntervalMinutes;

    @Column(name = "inventory_sync", nullable = false)
    public boolean inventorySync;

    @Column(name = "notify_customer", nullable = false)
    public boolean notifyCustomer;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** Written by the relay's update query only. */
    @Column(name = "published_version", nullable = false, insertable = false, updatable = false)
    public long publishedVersion;

    /**
     * Webhook health: ok, restored or failing as the last check of the store's subscriptions found them (null:
     * never checked). Written by {@code ShopSettingsRepository#recordWebhookCheck} only, like the version it raises.
     */
    @Column(name = "webhooks_status", insertable = false, updatable = false)
    public String webhooksStatus;

    @Column(name = "webhooks_checked_at", insertable = false, updatable = false)
    public OffsetDateTime webhooksCheckedAt;

    /** When a check last found subscriptions that Shopify had removed, and how many it created again then. */
    @Column(name = "webhooks_restored_at", insertable = false, updatable = false)
    public OffsetDateTime webhooksRestoredAt;

    @Column(name = "webhooks_restored_count", insertable = false, updatable = false)
    public int webhooksRestoredCount;

    /** Why the last check failed (status failing). */
    @Column(name = "webhooks_error", insertable = false, updatable = false)
    public String webhooksError;

    /** The settings of a tenant that never changed them. */
    public static ShopSettings defaults(String tenant) {
        ShopSettings settings = new ShopSettings();
        settings.tenant = tenant;
        settings.orderStatusFilter = DEFAULT_ORDER_STATUS_FILTER;
        settings.autoSyncIntervalMinutes = DEFAULT_AUTO_SYNC_INTERVAL_MINUTES;
        settings.inventorySync = false;
        settings.notifyCustomer = true;
        settings.publishedVersion = -1;
        return settings;
    }
}
