package com.proign.shopify.integration.rest;

import java.time.OffsetDateTime;

import com.proign.shopify.integration.ShopSettings;

/** The settings as the API shows them. */
public record SettingsView(
        String tenant,
        String orderStatusFilter,
        Long fulfillmentLocationId,
        String fulfillmentLocationName,
        /** merchant_managed, or fulfillment_service: the warehouse as a fulfillment service of the store. */
        String fulfillmentMode,
        /** The fulfillment service's name in Shopify (its location bears it), or null. */
        String fulfillmentServiceName,
        /** The location Shopify made for the fulfillment service, or null before one was registered. */
        Long fulfillmentServiceLocationId,
        /** accept_when_stocked or manual: how the merchant's fulfillment requests are answered. */
        String fulfillmentRequestRule,
        /** accept_before_picking or manual: how the merchant's cancellation requests are answered. */
        String cancellationRequestRule,
        int autoSyncIntervalMinutes,
        boolean inventorySync,
        boolean notifyCustomer,
        OffsetDateTime updatedAt) {

    public static SettingsView of(ShopSettings settings) {
        return new SettingsView(settings.tenant, settings.orderStatusFilter.name(), settings.fulfillmentLocationId,
                settings.fulfillmentLocationName, settings.fulfillmentMode.name(), settings.fulfillmentServiceName,
                settings.fulfillmentServiceLocationId, settings.fulfillmentRequestRule.name(),
                settings.cancellationRequestRule.name(), settings.autoSyncIntervalMinutes, settings.inventorySync,
                settings.notifyCustomer, settings.updatedAt);
    }
}
