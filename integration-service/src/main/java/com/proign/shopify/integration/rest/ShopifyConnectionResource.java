package com.proign.shopify.integration.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.security.TenantPermissions;
import com.proign.shopify.integration.service.ConnectCommand;
import com.proign.shopify.integration.service.ConnectionReport;
import com.proign.shopify.integration.service.ConnectionService;
import com.proign.shopify.integration.service.ConnectionTester;
import com.proign.shopify.integration.service.WebhookRegistrar;
import com.proign.shopify.integration.service.ShopAlreadyConnectedException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

@Path("/api/{tenant}/integrations/shopify")
@Produces(MediaType.APPLICATION_JSON)
public class ShopifyConnectionResource {

    private static final Logger LOG = Logger.getLogger(ShopifyConnectionResource.class);

    private final ConnectionService connections;
    private final ConnectionTester tester;
    private final WebhookRegistrar webhooks;

    public ShopifyConnectionResource(ConnectionService connections, ConnectionTester tester, WebhookRegistrar webhooks) {
        this.connections = connections;
        this.tester = tester;
        this.webhooks = webhooks;
    }

    /**
     * Connects the tenant's store, or replaces its credentials: tests them against Shopify first (502 when Shopify
     * cannot be reached, 422 with the reason when they are refused or a required scope is missing), saves them
     * encrypted, then makes the webhook subscriptions exactly the required ones.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    public Uni<RestResponse<ConnectionSummary>> connect(@RestPath String tenant, @Valid ConnectRequest request) {
        ShopDomain shop = shop(request.shopDomain());
        return tester.test(shop.value(), request.accessToken())
                .invoke(ShopifyConnectionResource::requireUsable)
                .chain(report -> connections.connect(new ConnectCommand(tenant, shop, request.accessToken(), request.apiSecretKey())))
                .chain(connection -> webhooks.register(shop.value(), request.accessToken())
                        .map(topics -> RestResponse.ok(ConnectionSummary.of(connection, topics))))
                .onFailure(ShopAlreadyConnectedException.class).transform(e -> HttpProblem.builder()
                        .withStatus(409).withTitle("Store already connected").withDetail(e.getMessage()).build());
    }

    /** Tests the credentials in the body, or the saved ones for {@code {}}: a report, whatever it finds. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    public Uni<ConnectionReport> test(@RestPath String tenant, TestConnectionRequest request) {
        if (request != null && request.shopDomain() != null) {
            if (request.accessToken() == null || request.accessToken().isBlank()) {
                throw HttpProblem.builder().withStatus(400).withTitle("Missing access token")
                        .withDetail("access_token is required with shop_domain").build();
            }
            return tester.test(shop(request.shopDomain()).value(), request.accessToken());
        }
        return connections.savedCredentials(tenant).chain(saved -> saved
                .map(credentials -> tester.test(credentials.shop().value(), credentials.accessToken()))
                .orElseThrow(() -> HttpProblem.builder().withStatus(404).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected; send credentials to test them").build()));
    }

    private static ShopDomain shop(String input) {
        try {
            return ShopDomain.parse(input);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid store domain").withDetail(e.getMessage()).build();
        }
    }

    private static void requireUsable(ConnectionReport report) {
        if (!report.reachable()) {
            throw HttpProblem.builder().withStatus(502).withTitle("Shopify unreachable")
                    .withDetail(String.join(" ", report.problems())).build();
        }
        if (!report.authenticated()) {
            throw HttpProblem.builder().withStatus(422).withTitle("Credentials refused")
                    .withDetail(String.join(" ", report.problems())).build();
        }
        if (!report.usable()) {
            throw HttpProblem.builder().withStatus(422).withTitle("Missing scopes")
                    .withDetail("the app lacks " + String.join(", ", report.scopes().stream()
                            .filter(s -> !s.present() && s.required()).map(s -> s.scope()).toList())
                            + "; add them to the app's Admin API scopes in Shopify and approve the update")
                    .build();
        }
    }

    /**
     * Deletes the app's webhook subscriptions in Shopify, then wipes the credentials; the tenant's orders stay.
     * If Shopify cannot be asked, the credentials are wiped all the same: deliveries to a disconnected store are
     * refused, and Shopify removes subscriptions whose deliveries keep failing.
     */
    @DELETE
    @PermissionsAllowed(TenantPermissions.MANAGE)
    public Uni<RestResponse<Void>> disconnect(@RestPath String tenant) {
        return connections.savedCredentials(tenant).chain(saved -> {
            if (saved.isEmpty()) {
                throw HttpProblem.builder().withStatus(404).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected").build();
            }
            return webhooks.unregister(saved.get().shop().value(), saved.get().accessToken())
                    .onFailure(e -> e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException)
                    .recoverWithItem(e -> {
                        LOG.warnf("disconnecting %s: its webhook subscriptions could not be deleted (%s)",
                                saved.get().shop(), e.getMessage());
                        return 0;
                    })
                    .chain(deleted -> connections.disconnect(tenant))
                    .replaceWith(RestResponse.<Void> noContent());
        });
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
