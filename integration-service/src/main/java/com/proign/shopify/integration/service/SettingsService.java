package com.proign.shopify.integration.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.ShopSettings;
import com.proign.shopify.integration.ShopSettings.FulfillmentMode;
import com.proign.shopify.integration.ShopSettings.OrderStatusFilter;
import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.repository.ShopSettingsRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** A tenant's integration settings: read with defaults, replaced whole, and the store's locations to choose from. */
@ApplicationScoped
public class SettingsService {

    /** New settings, validated except for the location, which {@link #locations} checks. */
    public record SettingsChange(OrderStatusFilter orderStatusFilter, Long fulfillmentLocationId,
            String fulfillmentLocationName, int autoSyncIntervalMinutes, boolean inventorySync, boolean notifyCustomer,
            FulfillmentMode fulfillmentMode, String fulfillmentServiceName, FulfillmentServices.Registered service,
            ShopSettings.FulfillmentRequestRule fulfillmentRequestRule, ShopSettings.CancellationRequestRule cancellationRequestRule) {
    }

    /** A location of the store, as the settings offer it. */
    public record StoreLocation(long id, String name, boolean active, boolean fulfillsOnlineOrders) {
    }

    /** The settings saved, and whether inventory sync was on before. */
    public record Saved(ShopSettings settings, boolean inventorySyncBefore, boolean fulfillmentServiceBefore) {
    }

    private final ShopSettingsRepository repository;
    private final ShopifyAdminClient shopify;
    private final Clock clock;

    public SettingsService(ShopSettingsRepository repository, ShopifyAdminClient shopify, Clock clock) {
        this.repository = repository;
        this.shopify = shopify;
        this.clock = clock;
    }

    /** The tenant's settings, or the defaults if it never saved any. */
    @WithSession
    public Uni<ShopSettings> get(String tenant) {
        return repository.findById(tenant).map(settings -> settings != null ? settings : ShopSettings.defaults(tenant));
    }

    @WithTransaction
    public Uni<Saved> save(String tenant, SettingsChange change) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return repository.touch(tenant, now).map(settings -> {
            boolean before = settings.inventorySync;
            boolean serviceBefore = settings.fulfillmentServiceId != null;
            settings.orderStatusFilter = change.orderStatusFilter();
            settings.fulfillmentLocationId = change.fulfillmentLocationId();
            settings.fulfillmentLocationName = change.fulfillmentLocationName();
            settings.autoSyncIntervalMinutes = change.autoSyncIntervalMinutes();
            settings.inventorySync = change.inventorySync();
            settings.notifyCustomer = change.notifyCustomer();
            settings.fulfillmentMode = change.fulfillmentMode();
            settings.fulfillmentRequestRule = change.fulfillmentRequestRule();
            settings.cancellationRequestRule = change.cancellationRequestRule();
            if (change.service() != null) {
                // the service stays known when the mode goes back: orders in flight at its location are still ours
                settings.fulfillmentServiceName = change.service().name();
                settings.fulfillmentServiceId = change.service().id();
                settings.fulfillmentServiceLocationId = change.service().locationId();
            }
            return new Saved(settings, before, serviceBefore);
        });
    }

    /** The fulfillment service was deleted in Shopify: the mode goes back to merchant_managed and it is forgotten. */
    @WithTransaction
    public Uni<Void> forgetFulfillmentService(String tenant) {
        return repository.touch(tenant, OffsetDateTime.now(clock)).invoke(settings -> {
            settings.fulfillmentMode = FulfillmentMode.merchant_managed;
            settings.fulfillmentServiceId = null;
            settings.fulfillmentServiceLocationId = null;
        }).replaceWithVoid();
    }

    /** The store's locations, active or not. */
    public Uni<List<StoreLocation>> locations(String shopDomain, String accessToken) {
        return shopify.execute(shopDomain, accessToken, "Locations", new JsonObject()).map(response -> {
            if (response.data() == null || response.data().getJsonObject("locations") == null) {
                throw new com.proign.shopify.integration.client.ShopifyAccessException("Shopify did not list the "
                        + "locations of " + shopDomain + " (the app needs the read_locations scope): " + response.errors());
            }
            return response.data().getJsonObject("locations").getJsonArray("nodes").stream()
                    .map(node -> (JsonObject) node)
                    .map(node -> new StoreLocation(Long.parseLong(node.getString("legacyResourceId")),
                            node.getString("name"), node.getBoolean("isActive", false),
                            node.getBoolean("fulfillsOnlineOrders", false)))
                    .toList();
        });
    }
}
