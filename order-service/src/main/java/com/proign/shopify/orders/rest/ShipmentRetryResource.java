package com.proign.shopify.orders.rest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.orders.messaging.OutboxRelay;
import com.proign.shopify.orders.security.TenantPermissions;
import com.proign.shopify.orders.service.QueueActions;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/** Every shipment of the tenant whose sync to Shopify failed, sent again once the cause is fixed. */
@Path("/api/{tenant}/orders/shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentRetryResource {

    /** How many shipments were sent again, and which. */
    public record Retried(int retried, List<UUID> shipmentIds) {
    }

    private final QueueActions actions;
    private final OutboxRelay relay;

    public ShipmentRetryResource(QueueActions actions, OutboxRelay relay) {
        this.actions = actions;
        this.relay = relay;
    }

    /**
     * Sends every failed shipment of the tenant to the sync-service again (each pending until its answer); the
     * sync-service looks in Shopify first, so nothing is fulfilled twice. None failed: {@code retried} 0.
     */
    @POST
    @Path("/retry-failed")
    @PermissionsAllowed(TenantPermissions.WORK)
    public Uni<Retried> retryFailed(@RestPath String tenant) {
        return actions.retryFailed(tenant)
                .map(shipments -> new Retried(shipments.size(), shipments.stream().map(s -> s.id).toList()))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }
}
