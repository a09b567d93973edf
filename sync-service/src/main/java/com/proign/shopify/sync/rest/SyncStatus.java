package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;

import com.proign.shopify.sync.TenantSyncState;

/** A tenant's sync status; a tenant never synced has no times. */
public record SyncStatus(
        String tenant,
        OffsetDateTime ordersWatermark,
        OffsetDateTime lastPassStarted,
        OffsetDateTime lastPassFinished,
        String lastError) {

    static SyncStatus of(String tenant, TenantSyncState state) {
        return state == null ? new SyncStatus(tenant, null, null, null, null)
                : new SyncStatus(tenant, state.ordersWatermark, state.lastPassStarted, state.lastPassFinished,
                        state.lastError);
    }
}
