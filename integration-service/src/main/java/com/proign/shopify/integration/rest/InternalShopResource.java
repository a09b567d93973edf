package com.proign.shopify.integration.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.service.ConnectionService;
import com.proign.shopify.integration.service.WebhookSecrets;
import com.proign.shopify.integration.security.InternalPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * For the webhook-gateway only (its own service token, see ServiceAuthentication): resolves a store to its tenant
 * and the secrets its webhooks may be signed with. Not routed by the ingress; network policy limits it to the
 * gateway and the sync-service, and the permission to the gateway.
 */
@Path("/internal/shops/{shopDomain}/webhook-secrets")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(InternalPermissions.WEBHOOK_SECRETS)
public class InternalShopResource {

    private final ConnectionService connections;

    public InternalShopResource(ConnectionService connections) {
        this.connections = connections;
    }

    @GET
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @APIResponse(responseCode = "200", description = "The store's webhook secrets (current and previous while rotating)")
    @APIResponse(responseCode = "400", description = "Not a store domain")
    @APIResponse(responseCode = "404", description = "No tenant has the store connected")
    public Uni<WebhookSecrets> webhookSecrets(@RestPath String shopDomain) {
        ShopDomain shop;
        try {
            shop = ShopDomain.parse(shopDomain);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid store domain").withDetail(e.getMessage()).build();
        }
        return connections.webhookSecrets(shop).map(found -> found.orElseThrow(() -> HttpProblem.builder()
                .withStatus(404).withTitle("Unknown store")
                .withDetail("no connected tenant for " + shop).build()));
    }
}
