package com.proign.shopify.integration.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.security.TenantPermissions;
import com.proign.shopify.integration.service.ConnectCommand;
import com.proign.shopify.integration.service.ConnectionService;
import com.proign.shopify.integration.service.ShopAlreadyConnectedException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

@Path("/api/{tenant}/integrations/shopify")
@Produces(MediaType.APPLICATION_JSON)
public class ShopifyConnectionResource {

    private final ConnectionService connections;

    public ShopifyConnectionResource(ConnectionService connections) {
        this.connections = connections;
    }

    /** Connects the tenant's store, or replaces its credentials. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    public Uni<RestResponse<ConnectionSummary>> connect(@RestPath String tenant, @Valid ConnectRequest request) {
        ShopDomain shop;
        try {
            shop = ShopDomain.parse(request.shopDomain());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid store domain").withDetail(e.getMessage()).build();
        }
        return connections.connect(new ConnectCommand(tenant, shop, request.accessToken(), request.apiSecretKey()))
                .map(connection -> RestResponse.ok(ConnectionSummary.of(connection)))
                .onFailure(ShopAlreadyConnectedException.class).transform(e -> HttpProblem.builder()
                        .withStatus(409).withTitle("Store already connected").withDetail(e.getMessage()).build());
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<ConnectionSummary> get(@RestPath String tenant) {
        return connections.findByTenant(tenant).map(connection -> {
            if (connection == null) {
                throw HttpProblem.builder().withStatus(404).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected").build();
            }
            return ConnectionSummary.of(connection);
        });
    }
}
