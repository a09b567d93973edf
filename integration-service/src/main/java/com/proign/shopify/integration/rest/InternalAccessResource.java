package com.proign.shopify.integration.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.service.ConnectionService;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;

/**
 * For the sync-service only (role {@code service}): the tenant's store and a valid Admin API access token, to
 * call Shopify with. Never routed by the ingress.
 */
@Path("/internal/tenants/{tenant}/shopify-access")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
public class InternalAccessResource {

    /** What the sync-service gets: never logged, never cached beyond its use. */
    public record ShopifyAccess(String tenant, String shopDomain, String accessToken, String apiVersion) {
        @Override
        public String toString() {
            return "ShopifyAccess[tenant=" + tenant + ", shopDomain=" + shopDomain + ", accessToken=<redacted>]";
        }
    }

    private final ConnectionService connections;

    public InternalAccessResource(ConnectionService connections) {
        this.connections = connections;
    }

    @GET
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<ShopifyAccess> access(@RestPath String tenant) {
        return connections.savedCredentials(tenant).map(saved -> saved
                .map(c -> new ShopifyAccess(tenant, c.shop().value(), c.accessToken(), ShopifyAdminClient.API_VERSION))
                .orElseThrow(() -> HttpProblem.builder().withStatus(404).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected").build()));
    }
}
