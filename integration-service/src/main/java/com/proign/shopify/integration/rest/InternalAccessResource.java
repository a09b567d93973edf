package com.proign.shopify.integration.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.service.AccessTokens;
import com.proign.shopify.integration.security.InternalPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * For the sync-service only (its own service token, see ServiceAuthentication): the tenant's store and a valid
 * Admin API access token, to call Shopify with, renewed first when it is due; {@code expires_at} (null for permanent
 * tokens) says how long a caller may keep it. Never routed by the ingress.
 */
@Path("/internal/tenants/{tenant}/shopify-access")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(InternalPermissions.SHOPIFY_ACCESS)
public class InternalAccessResource {

    /** What the sync-service gets: never logged, never cached beyond its use. */
    public record ShopifyAccess(String tenant, String shopDomain, String accessToken, String apiVersion,
            java.time.OffsetDateTime expiresAt) {
        @Override
        public String toString() {
            return "ShopifyAccess[tenant=" + tenant + ", shopDomain=" + shopDomain + ", accessToken=<redacted>]";
        }
    }

    private final AccessTokens tokens;

    public InternalAccessResource(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @APIResponse(responseCode = "200", description = "The tenant's Admin API access")
    @APIResponse(responseCode = "404", description = "The tenant has no store connected")
    public Uni<ShopifyAccess> access(@RestPath String tenant) {
        return tokens.current(tenant).map(saved -> saved
                .map(c -> new ShopifyAccess(tenant, c.shop().value(), c.accessToken(), ShopifyAdminClient.API_VERSION,
                        c.expiresAt()))
                .orElseThrow(() -> HttpProblem.builder().withStatus(404).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected").build()));
    }
}
