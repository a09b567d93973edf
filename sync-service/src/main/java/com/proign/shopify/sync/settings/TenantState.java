package com.proign.shopify.sync.settings;

import java.io.IOException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the sync-service reads of integration.settings (docs/asyncapi.yaml, message tenantState): the connection,
 * the settings the sync follows, webhook health and the features the store's scopes allow. Missing fields take
 * integration-service's defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantState(String tenant, Long version, String connectionStatus, String shopDomain, Long fulfillmentLocationId,
        String fulfillmentMode, Long fulfillmentServiceLocationId, String fulfillmentRequestRule, Integer autoSyncIntervalMinutes, String orderStatusFilter, Boolean inventorySync, Boolean notifyCustomer,
        Webhooks webhooks, JsonNode features) {

    /** Webhook health as integration-service last checked it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Webhooks(String status, String checkedAt, String restoredAt, Integer restoredCount, String error) {
    }

    private static final Webhooks NO_WEBHOOKS = new Webhooks(null, null, null, 0, null);

    /** Reads a record's state; an IllegalArgumentException says why it can never be applied. */
    public static TenantState read(ObjectMapper json, String value) {
        TenantState state;
        try {
            state = value == null ? null : json.readValue(value, TenantState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("integration.settings record is not a tenant state");
        }
        if (state == null || state.tenant() == null || state.version() == null) {
            throw new IllegalArgumentException("integration.settings record without tenant or version");
        }
        return state;
    }

    /** Writes the state onto the tenant's settings (their version included). */
    public void applyTo(TenantSettings settings) {
        Webhooks hooks = webhooks == null ? NO_WEBHOOKS : webhooks;
        settings.tenant = tenant;
        settings.settingsVersion = version;
        settings.connectionStatus = connectionStatus == null ? "not_connected" : connectionStatus;
        settings.shopDomain = shopDomain;
        settings.fulfillmentLocationId = fulfillmentLocationId;
        settings.fulfillmentMode = fulfillmentMode == null ? "merchant_managed" : fulfillmentMode;
        settings.fulfillmentServiceLocationId = fulfillmentServiceLocationId;
        settings.fulfillmentRequestRule = fulfillmentRequestRule == null ? "accept_when_stocked" : fulfillmentRequestRule;
        settings.autoSyncIntervalMinutes = autoSyncIntervalMinutes == null ? 60 : autoSyncIntervalMinutes;
        settings.orderStatusFilter = orderStatusFilter;
        settings.inventorySync = inventorySync != null && inventorySync;
        settings.notifyCustomer = notifyCustomer == null || notifyCustomer;
        settings.webhooksStatus = hooks.status();
        settings.webhooksCheckedAt = time(hooks.checkedAt());
        settings.webhooksRestoredAt = time(hooks.restoredAt());
        settings.webhooksRestoredCount = hooks.restoredCount() == null ? 0 : hooks.restoredCount();
        settings.webhooksError = hooks.error();
        settings.features = features != null && features.isArray() ? features.toString() : null;
    }

    private static OffsetDateTime time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("integration.settings record with a webhook time that is not a time: " + value);
        }
    }
}
