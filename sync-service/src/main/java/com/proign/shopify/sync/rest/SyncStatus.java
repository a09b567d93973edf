package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.settings.TenantSettings;

/**
 * Where a tenant's sync stands (the seed's troubleshooting page): the store's connection as integration-service
 * published it, the interval reconciliation (last pass, next one, watermark), pulls running and recent, the
 * fulfillments Shopify has not taken yet or refused, webhook health, inventory sync, the features the store's app
 * scopes allow (each off one with what to grant), and the last error logged.
 */
public record SyncStatus(
        String tenant,
        String connectionStatus,
        String shopDomain,
        Reconciliation reconciliation,
        List<JobView> runningJobs,
        List<JobView> recentJobs,
        Fulfillments fulfillments,
        Webhooks webhooks,
        Inventory inventory,
        List<TenantSettings.Feature> features,
        LogEntry lastError) {

    /**
     * The store's webhook subscriptions as integration-service last checked them (every 15 minutes by default):
     * ok, restored (Shopify had removed some after failed deliveries; created again at {@code restored_at}),
     * failing (could not be checked: {@code error}), or null when not checked yet.
     */
    public record Webhooks(String status, OffsetDateTime checkedAt, OffsetDateTime restoredAt, int restoredCount,
            String error) {
    }

    /**
     * Inventory sync: whether it is on, the catalogue's inventory items known, levels waiting to go to Shopify,
     * levels Shopify refused, when the last one was set and when Shopify last changed one itself.
     */
    public record Inventory(boolean enabled, long inventoryItems, long pending, long failed, OffsetDateTime lastPushedAt,
            OffsetDateTime lastShopifyChangeAt) {
    }

    public record Reconciliation(int intervalMinutes, OffsetDateTime ordersWatermark, OffsetDateTime lastPassStarted,
            OffsetDateTime lastPassFinished, Integer lastPassOrders, String lastPassError, OffsetDateTime nextPassAt) {
    }

    /** Fulfillment sync-back: waiting for Shopify, refused, and synced in the last 24 hours. */
    public record Fulfillments(long pending, long failed, long syncedLast24h, LogEntry lastFailure) {
    }

    public record LogEntry(long id, OffsetDateTime at, String level, String kind, String message, String ref) {

        static LogEntry of(SyncLog.Entry entry) {
            return entry == null ? null : new LogEntry(entry.id(), entry.at(), entry.level().name(), entry.kind().name(),
                    entry.message(), entry.ref());
        }
    }
}
