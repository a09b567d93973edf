package com.proign.shopify.integration.messaging;

import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.ShopSettings;
import com.proign.shopify.integration.service.Feature;
import com.proign.shopify.integration.service.Scopes;

/**
 * What the other services learn of a tenant's integration, on the compacted topic integration.settings keyed
 * by tenant: the connection's state, the settings, and the features the app's scopes allow (null until read), never
 * a credential. {@code version} rises with every
 * change; a consumer ignores a record older than the one it holds.
 */
public record TenantState(
        String tenant,
        long version,
        String connectionStatus,
        String disconnectReason,
        String shopDomain,
        String orderStatusFilter,
        Long fulfillmentLocationId,
        String fulfillmentLocationName,
        String fulfillmentMode,
        Long fulfillmentServiceLocationId,
        String fulfillmentRequestRule,
        String cancellationRequestRule,
        int autoSyncIntervalMinutes,
        boolean inventorySync,
        boolean notifyCustomer,
        OffsetDateTime updatedAt,
        Webhooks webhooks,
        List<Feature.Status> features) {

    /**
     * The store's webhook subscriptions as last checked: {@code status} ok, restored (Shopify had removed some,
     * which it does when deliveries keep failing; they were created again) or failing (not checkable; {@code
     * error} says why); null status: not checked since connecting.
     */
    public record Webhooks(String status, OffsetDateTime checkedAt, OffsetDateTime restoredAt, int restoredCount,
            String error) {
    }

    /** {@code connection} is null for a tenant that never connected a store. */
    public static TenantState of(ShopSettings settings, ShopConnection connection) {
        return new TenantState(settings.tenant, settings.version,
                connection == null ? "not_connected" : connection.status.name(),
                connection == null || connection.disconnectReason == null ? null : connection.disconnectReason.name(),
                connection == null ? null : connection.shopDomain,
                settings.orderStatusFilter.name(), settings.fulfillmentLocationId, settings.fulfillmentLocationName,
                settings.fulfillmentMode.name(), settings.fulfillmentServiceLocationId, settings.fulfillmentRequestRule.name(),
                settings.cancellationRequestRule.name(), settings.autoSyncIntervalMinutes, settings.inventorySync, settings.notifyCustomer, settings.updatedAt,
                new Webhooks(settings.webhooksStatus, settings.webhooksCheckedAt, settings.webhooksRestoredAt,
                        settings.webhooksRestoredCount, settings.webhooksError),
                connection == null || connection.status != ShopConnection.Status.connected ? null
                        : Scopes.features(connection.grantedScopes));
    }
}
