package com.proign.shopify.integration.rest;

import java.time.OffsetDateTime;

import com.proign.shopify.integration.ShopSettings;

/** The settings as the API shows them. */
public record SettingsView(
        String tenant,
        String orderStatusFilter,
        Long fulfillmentLocationId,
        String fulfillmentLocationName,
        int autoSyncIntervalMinutes,
        boolean inventorySync,
        boolean notifyCustomer,
        OffsetDateTime updatedAt) {

    public static SettingsView of(ShopSettings settings) {
        return new SettingsView(settings.tenant, settings.orderStatusFilter.name(), settings.fulfillmentLocationId,
                settings.fulfillmentLocationName, settings.autoSyncIntervalMinutes, settings.inventorySync,
                settings.notifyCustomer, settings.updatedAt);
    }
}
