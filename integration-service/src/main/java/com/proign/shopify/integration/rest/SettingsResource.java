package com.proign.shopify.integration.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.config.SettingsConfig;
import com.proign.shopify.integration.messaging.StateRelay;
import com.proign.shopify.integration.security.TenantPermissions;
import com.proign.shopify.integration.service.AccessTokens;
import com.proign.shopify.integration.service.ConnectionReport;
import com.proign.shopify.integration.service.ConnectionService.SavedCredentials;
import com.proign.shopify.integration.service.ConnectionTester;
import com.proign.shopify.integration.service.SettingsService;
import com.proign.shopify.integration.service.SettingsService.SettingsChange;
import com.proign.shopify.integration.service.SettingsService.StoreLocation;
import com.proign.shopify.integration.service.FulfillmentServices;
import com.proign.shopify.integration.ShopSettings.FulfillmentMode;
import com.proign.shopify.integration.service.WebhookRegistrar;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * The tenant's integration settings. Saving checks what depends on the store (the fulfillment location among its
 * locations, the inventory scopes when inventory sync is turned on), registers the warehouse as a fulfillment
 * service in fulfillment_service mode (once: a second Save updates it), subscribes or unsubscribes the inventory
 * webhook as inventory sync changes, and publishes the new state to the other services.
 */
@Path("/api/{tenant}/integrations/shopify")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private static final Logger LOG = Logger.getLogger(SettingsResource.class);

    private final SettingsService settings;
    private final AccessTokens tokens;
    private final ConnectionTester tester;
    private final WebhookRegistrar webhooks;
    private final StateRelay relay;
    private final SettingsConfig limits;
    private final FulfillmentServices services;

    public SettingsResource(SettingsService settings, AccessTokens tokens, ConnectionTester tester,
            WebhookRegistrar webhooks, StateRelay relay, SettingsConfig limits, FulfillmentServices services) {
        this.limits = limits;
        this.services = services;
        this.settings = settings;
        this.tokens = tokens;
        this.tester = tester;
        this.webhooks = webhooks;
        this.relay = relay;
    }

    @GET
    @Path("/settings")
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<SettingsView> get(@RestPath String tenant) {
        return settings.get(tenant).map(SettingsView::of);
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "200", description = "The settings as saved")
    @APIResponse(responseCode = "400", description = "A setting is missing or not one of its accepted values")
    @APIResponse(responseCode = "409", description = "The store must be connected first for a location or inventory sync")
    @APIResponse(responseCode = "422", description = "The location is unknown or inactive, the inventory scopes are not granted, "
            + "or Shopify refused the fulfillment service (its scopes not granted, its name taken)")
    @APIResponse(responseCode = "502", description = "Shopify could not be reached")
    public Uni<SettingsView> put(@RestPath String tenant, @Valid SettingsRequest request) {
        if (request == null) {
            throw HttpProblem.builder().withStatus(400).withTitle("Missing settings")
                    .withDetail("send the settings document as JSON; GET returns the current one").build();
        }
        if (request.autoSyncIntervalOrDefault() < limits.minAutoSyncIntervalMinutes()) {
            throw Problems.field(400, "Bad Request", "auto_sync_interval_minutes", "must be at least "
                    + limits.minAutoSyncIntervalMinutes() + " minutes (each pass costs the store's API rate limit)");
        }
        Long locationId = request.locationId();
        boolean inventorySync = Boolean.TRUE.equals(request.inventorySync());
        FulfillmentMode mode = request.fulfillmentModeOrDefault();
        boolean asService = mode == FulfillmentMode.fulfillment_service;
        if (asService && !limits.fulfillmentServiceMode()) {
            throw Problems.field(422, "Mode not available", "fulfillment_mode", "fulfillment_service mode is not enabled "
                    + "on this installation (integration.settings.fulfillment-service-mode); merchant_managed is");
        }
        boolean needsStore = locationId != null || inventorySync || asService;
        // the store is needed to check a location or scopes; otherwise only to (un)subscribe the inventory webhook,
        // which the periodic check also does, so a store Shopify cannot be asked about now does not block the change
        Uni<Optional<SavedCredentials>> access = needsStore ? tokens.current(tenant)
                : tokens.current(tenant).onFailure(e -> e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException)
                        .recoverWithItem(Optional.empty());
        return access.chain(store -> {
            if (needsStore && store.isEmpty()) {
                throw HttpProblem.builder().withStatus(409).withTitle("Not connected")
                        .withDetail("connect the Shopify store first: " + (locationId != null
                                ? "fulfillment_location_id is checked against its locations"
                                : asService ? "fulfillment_mode fulfillment_service registers the warehouse in it"
                                : "inventory_sync needs its inventory scopes"))
                        .build();
            }
            Uni<String> locationName = locationId == null
                    ? Uni.createFrom().nullItem()
                    : checkLocation(store.get(), locationId);
            Uni<Void> inventoryScopes = inventorySync
                    ? tester.test(store.get().shop().value(), store.get().accessToken(), true, false, true)
                            .invoke(SettingsResource::requireInventoryScopes).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            Uni<FulfillmentServices.Registered> service = asService
                    ? settings.get(tenant).chain(current -> services.register(store.get().shop().value(),
                            store.get().accessToken(), current.fulfillmentServiceId, request.fulfillmentServiceNameOrDefault(),
                            inventorySync))
                            .onFailure(FulfillmentServices.Refused.class).transform(e -> Problems.field(422,
                                    "Fulfillment service refused", "fulfillment_mode", e.getMessage()))
                    : Uni.createFrom().nullItem();
            return locationName.call(() -> inventoryScopes)
                    .chain(name -> service.chain(registered -> settings.save(tenant, new SettingsChange(
                            request.orderStatusFilterOrDefault(), locationId, name, request.autoSyncIntervalOrDefault(),
                            inventorySync, request.notifyCustomer() == null || request.notifyCustomer(), mode,
                            request.fulfillmentServiceNameOrDefault(), registered, request.fulfillmentRequestRuleOrDefault(),
                            request.cancellationRequestRuleOrDefault()))))
                    // a new fulfillment service subscribes its requests' topics; inventory sync its topic
                    .call(saved -> store.isPresent() && (saved.inventorySyncBefore() != inventorySync || registered(saved))
                            ? resubscribe(store.get(), inventorySync, saved.settings().fulfillmentServiceId != null)
                            : Uni.createFrom().voidItem())
                    .call(() -> relay.publishSoon(Duration.ofSeconds(3)))
                    .map(saved -> SettingsView.of(saved.settings()));
        });
    }

    /** The store's locations, to choose the fulfillment location from. */
    @GET
    @Path("/locations")
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The store's locations")
    @APIResponse(responseCode = "404", description = "The tenant has no store connected")
    @APIResponse(responseCode = "502", description = "Shopify could not be reached")
    public Uni<List<StoreLocation>> locations(@RestPath String tenant) {
        return tokens.current(tenant).chain(store -> {
            if (store.isEmpty()) {
                throw Problems.notConnected(tenant);
            }
            return settings.locations(store.get().shop().value(), store.get().accessToken());
        });
    }

    private Uni<String> checkLocation(SavedCredentials store, long locationId) {
        return settings.locations(store.shop().value(), store.accessToken())
                .map(locations -> {
                    StoreLocation location = locations.stream().filter(l -> l.id() == locationId).findFirst()
                            .orElseThrow(() -> Problems.field(422, "Unknown location", "fulfillment_location_id",
                                    store.shop() + " has no location " + locationId + "; its active locations: "
                                            + describe(locations)));
                    if (!location.active()) {
                        throw Problems.field(422, "Inactive location", "fulfillment_location_id",
                                "location " + locationId + " (" + location.name() + ") is not active in Shopify");
                    }
                    return location.name();
                });
    }

    private static String describe(List<StoreLocation> locations) {
        List<String> active = locations.stream().filter(StoreLocation::active).map(l -> l.id() + " (" + l.name() + ")")
                .toList();
        return active.isEmpty() ? "none" : String.join(", ", active);
    }

    private static void requireInventoryScopes(ConnectionReport report) {
        if (!report.reachable()) {
            throw new ShopifyUnavailableException(String.join(" ", report.problems()));
        }
        List<String> missing = report.scopes().stream()
                .filter(s -> !s.present() && s.required()).map(ConnectionReport.ScopeCheck::scope).toList();
        if (!report.authenticated() || !missing.isEmpty()) {
            throw Problems.field(422, "Missing scopes", "inventory_sync", report.authenticated()
                    ? "inventory sync needs the " + String.join(", ", missing) + " scope(s): add them to the app's "
                            + "Admin API scopes in Shopify and approve the update, then turn it on"
                    : String.join(" ", report.problems()));
        }
    }

    /** Whether this save registered the fulfillment service (its requests' webhooks are subscribed then). */
    private static boolean registered(SettingsService.Saved saved) {
        return saved.settings().fulfillmentServiceId != null && !saved.fulfillmentServiceBefore();
    }

    /** Subscribes or unsubscribes inventory_levels/update; if Shopify cannot be asked now, the periodic check will. */
    private Uni<Void> resubscribe(SavedCredentials store, boolean inventorySync, boolean fulfillmentService) {
        return webhooks.register(store.shop().value(), store.accessToken(), inventorySync, fulfillmentService)
                .replaceWithVoid()
                .onFailure(e -> e instanceof ShopifyUnavailableException || e instanceof ShopifyAccessException)
                .recoverWithItem(e -> {
                    LOG.warnf("inventory sync of %s changed, but its webhooks could not be updated now (%s); "
                            + "the periodic check will", store.shop(), e.getMessage());
                    return null;
                });
    }
}
