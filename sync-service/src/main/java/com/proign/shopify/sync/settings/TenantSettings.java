package com.proign.shopify.sync.settings;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the sync-service follows of a tenant's integration (integration.settings). */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    @Id
    public String tenant;

    @Column(name = "settings_version", nullable = false)
    public long settingsVersion;

    /** connected, disconnected or not_connected. */
    @Column(name = "connection_status", nullable = false)
    public String connectionStatus;

    @Column(name = "shop_domain")
    public String shopDomain;

    /** Null: fulfil at whatever location Shopify assigned. */
    @Column(name = "fulfillment_location_id")
    public Long fulfillmentLocationId;

    @Column(name = "auto_sync_interval_minutes", nullable = false)
    public int autoSyncIntervalMinutes;

    @Column(name = "inventory_sync", nullable = false)
    public boolean inventorySync;

    @Column(name = "notify_customer", nullable = false)
    public boolean notifyCustomer;

    /** The webhook subscriptions as integration-service last checked them: ok, restored, failing (null: not yet). */
    @Column(name = "webhooks_status")
    public String webhooksStatus;

    @Column(name = "webhooks_checked_at")
    public OffsetDateTime webhooksCheckedAt;

    @Column(name = "webhooks_restored_at")
    public OffsetDateTime webhooksRestoredAt;

    @Column(name = "webhooks_restored_count", nullable = false)
    public int webhooksRestoredCount;

    @Column(name = "webhooks_error")
    public String webhooksError;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
