package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.sync.pull.JobView;

/**
 * Where a tenant's sync stands (the seed's troubleshooting page): the store's connection as integration-service
 * published it, the interval reconciliation (last pass, next one, watermark), pulls running and recent, the
 * fulfillments Shopify has not taken yet or refused, and the last error logged.
 */
public record SyncStatus(
        String tenant,
        String connectionStatus,
        String shopDomain,
        Reconciliation reconciliation,
        List<JobView> runningJobs,
        List<JobView> recentJobs,
        Fulfillments fulfillments,
        LogEntry lastError) {

    public record Reconciliation(int intervalMinutes, OffsetDateTime ordersWatermark, OffsetDateTime lastPassStarted,
            OffsetDateTime lastPassFinished, Integer lastPassOrders, String lastPassError, OffsetDateTime nextPassAt) {
    }

    /** Fulfillment sync-back: waiting for Shopify, refused, and synced in the last 24 hours. */
    public record Fulfillments(long pending, long failed, long syncedLast24h, LogEntry lastFailure) {
    }

    public record LogEntry(long id, OffsetDateTime at, String level, String kind, String message, String ref) {
    }
}
