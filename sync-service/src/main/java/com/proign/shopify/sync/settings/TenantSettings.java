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

    /** merchant_managed, or fulfillment_service: the warehouse as the store's fulfillment service. */
    @Column(name = "fulfillment_mode", nullable = false)
    public String fulfillmentMode = "merchant_managed";

    /** The location of the warehouse's own fulfillment service, once registered (kept when the mode goes back). */
    @Column(name = "fulfillment_service_location_id")
    public Long fulfillmentServiceLocationId;

    /** accept_when_stocked or manual: how the fulfillment service answers the merchant's fulfillment requests. */
    @Column(name = "fulfillment_request_rule", nullable = false)
    public String fulfillmentRequestRule = "accept_when_stocked";

    /** any, authorized or paid: which orders enter the queue (order-service applies it; a pull says what it did). */
    @Column(name = "order_status_filter")
    public String orderStatusFilter;

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

    /**
     * The features the store's app scopes allow, as integration-service published them: a JSON list of {feature,
     * enabled, missing_scopes, description, fix}; null until known (then every feature is tried).
     */
    @Column(name = "features")
    public String features;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Whether the warehouse fulfils what Shopify assigned to {@code locationId} (held by a fulfillment service when
     * {@code fulfillmentService}): its own fulfillment service's location always; in merchant_managed mode the
     * fulfillment location (any merchant-managed one when none is set); never another app's fulfillment service.
     */
    public boolean fulfilsAt(Long locationId, boolean fulfillmentService) {
        if (locationId != null && locationId.equals(fulfillmentServiceLocationId)) {
            return true;
        }
        return !"fulfillment_service".equals(fulfillmentMode) && !fulfillmentService
                && (fulfillmentLocationId == null || fulfillmentLocationId.equals(locationId));
    }

    /**
     * Whether a shipment of an order already in the queue may be fulfilled at {@code locationId}: where
     * {@link #fulfilsAt} says, and in fulfillment_service mode also at a merchant-managed location the
     * merchant_managed mode would fulfil at, so that an order picked before the mode changed still ships (an order
     * assigned there after the change is not the warehouse's and never reaches a shipment).
     */
    public boolean shipsAt(Long locationId, boolean fulfillmentService) {
        return fulfilsAt(locationId, fulfillmentService)
                || !fulfillmentService && (fulfillmentLocationId == null || fulfillmentLocationId.equals(locationId));
    }

    /** The warehouse's own fulfillment service's location when it is in fulfillment_service mode, or null. */
    public Long serviceLocation() {
        return "fulfillment_service".equals(fulfillmentMode) ? fulfillmentServiceLocationId : null;
    }

    /**
     * Why the warehouse cannot fulfil in Shopify, when it cannot: the fulfillment feature (the merchant-managed
     * fulfillment order scopes) is off, and no fulfillment service of the warehouse's is registered, which works with
     * the assigned fulfillment order scopes it was registered with instead. Empty when it can.
     */
    public java.util.Optional<Feature> fulfillmentOff() {
        return fulfillmentServiceLocationId != null ? java.util.Optional.empty() : off("fulfillment");
    }

    /** Whether the tenant's store is connected (integration-service's connection_status). */
    public boolean connected() {
        return "connected".equals(connectionStatus);
    }

    /** A feature's state (fulfillment, products, inventory, ...): empty when it is on or not known to be off. */
    public java.util.Optional<Feature> off(String feature) {
        return Feature.parse(features).stream().filter(f -> f.feature().equals(feature) && !f.enabled()).findFirst();
    }

    /** A feature as integration-service publishes it: on or off, what it needs, and what to grant when off. */
    public record Feature(String feature, boolean enabled, java.util.List<String> missingScopes, String description,
            String fix) {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        public static java.util.List<Feature> parse(String json) {
            if (json == null) {
                return java.util.List.of();
            }
            try {
                java.util.List<Feature> features = new java.util.ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode node : JSON.readTree(json)) {
                    java.util.List<String> missing = new java.util.ArrayList<>();
                    node.path("missing_scopes").forEach(m -> missing.add(m.asText()));
                    features.add(new Feature(node.path("feature").asText(), node.path("enabled").asBoolean(true), missing,
                            node.path("description").asText(null), node.path("fix").asText(null)));
                }
                return features;
            } catch (java.io.IOException e) {
                return java.util.List.of();
            }
        }

        /** Why it is off, in words. */
        public String why() {
            return "the store's app lacks " + String.join(", ", missingScopes) + ", needed for " + description
                    + (fix == null ? "" : "; " + fix);
        }
    }
}
