package com.proign.shopify.sync.pull;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Where a tenant's reconciliation with Shopify stands. */
@Entity
@Table(name = "tenant_sync_state")
public class TenantSyncState {

    @Id
    public String tenant;

    @Column(name = "orders_watermark")
    public OffsetDateTime ordersWatermark;

    @Column(name = "last_pass_started")
    public OffsetDateTime lastPassStarted;

    @Column(name = "last_pass_finished")
    public OffsetDateTime lastPassFinished;

    @Column(name = "last_error")
    public String lastError;

    /** Until when an instance holds the tenant's reconciliation. */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** Orders the last pass published. */
    @Column(name = "last_pass_orders")
    public Integer lastPassOrders;

    @Version
    public long version;
}
