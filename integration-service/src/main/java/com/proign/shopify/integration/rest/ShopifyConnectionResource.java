package com.proign.shopify.integration.rest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.messaging.StateRelay;
import com.proign.shopify.integration.security.TenantPermissions;
import com.proign.shopify.integration.service.AccessTokens;
import com.proign.shopify.integration.service.ConnectCommand;
import com.proign.shopify.integration.service.ConnectionReport;
import com.proign.shopify.integration.service.ConnectionService;
import com.proign.shopify.integration.service.ConnectionTester;
import com.proign.shopify.integration.service.Credentials;
import com.proign.shopify.integration.service.FulfillmentServices;
import com.proign.shopify.integration.service.SettingsService;
import com.proign.shopify.integration.service.ShopAlreadyConnectedException;
import com.proign.shopify.integration.service.WebhookHealth;
import com.proign.shopify.integration.service.WebhookMaintenance;
import com.proign.shopify.integration.service.WebhookRegistrar;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

@Path("/api/{tenant}/integrations/shopify")
@Produces(MediaType.APPLICATION_JSON)
public class ShopifyConnectionResource {

    private static final Logger LOG = Logger.getLogger(ShopifyConnectionResource.class);
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(3);

    private final ConnectionService connections;
    private final AccessTokens tokens;
    private final SettingsService settings;
    private final ConnectionTester tester;
    private final WebhookRegistrar webhooks;
    private final ShopifyAdminClient shopify;
    private final StateRelay relay;
    private final WebhookHealth webhookHealth;
    private final WebhookMaintenance maintenance;
    private final FulfillmentServices services;

    public ShopifyConnectionResource(ConnectionService connections, AccessTokens tokens, SettingsService settings,
            ConnectionTester tester, WebhookRegistrar webhooks, ShopifyAdminClient shopify, StateRelay relay,
            WebhookHealth webhookHealth, WebhookMaintenance maintenance, FulfillmentServices services) {
        this.services = services;
        this.webhookHealth = webhookHealth;
        this.maintenance = maintenance;
        this.connections = connections;
        this.tokens = tokens;
        this.settings = settings;
        this.tester = tester;
        this.webhooks = webhooks;
        this.shopify = shopify;
        this.relay = relay;
    }

    /** A token to call Shopify with: as given, or minted from a Dev Dashboard app's client id and secret. */
    private record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[<redacted>, lifetime=" + lifetime + "]";
        }
    }

    private Uni<Token> token(ShopDomain shop, Credentials credentials) {
        if (credentials instanceof Credentials.ClientCredentials client) {
            return shopify.mintToken(shop.value(), client.clientId(), client.clientSecret())
                    .map(minted -> new Token(minted.accessToken(), minted.lifetime()));
        }
        return Uni.createFrom().item(new Token(((Credentials.AdminApiToken) credentials).accessToken(), null));
    }

    /**
     * Connects the tenant's store, or replaces its credentials: mints a token first for a Dev Dashboard app,
     * tests it against Shopify (502 when Shopify cannot be reached, 422 with the reason when the credentials are
     * refused or a required scope is missing), saves the credentials encrypted, makes the webhook subscriptions
     * exactly the required ones, and publishes the new state.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "200", description = "Connected: the connection, its features and the webhooks registered")
    @APIResponse(responseCode = "400", description = "The store domain or the credentials are missing or malformed")
    @APIResponse(responseCode = "409", description = "The store is connected to another tenant")
    @APIResponse(responseCode = "422", description = "Shopify refused the credentials, or read_orders is not granted")
    @APIResponse(responseCode = "502", description = "Shopify could not be reached")
    public Uni<RestResponse<ConnectionSummary>> connect(@RestPath String tenant, @Valid ConnectRequest request) {
        if (request == null) {
            throw HttpProblem.builder().withStatus(400).withTitle("Missing body")
                    .withDetail("send shop_domain with either access_token and api_secret_key, or client_id and client_secret")
                    .build();
        }
        ShopDomain shop = shop(request.shopDomain());
        Credentials credentials = request.credentials();
        return settings.get(tenant).chain(current -> token(shop, credentials).chain(token ->
                tester.test(shop.value(), token.value(), current.inventorySync,
                        current.fulfillmentServiceId != null, false)
                        .invoke(ShopifyConnectionResource::requireUsable)
                        .chain(report -> connections.connect(credentials instanceof Credentials.ClientCredentials client
                                ? ConnectCommand.clientCredentials(tenant, shop, client, token.value(), token.lifetime(),
                                        Set.copyOf(report.grantedScopes()))
                                : ConnectCommand.adminApiToken(tenant, shop, (Credentials.AdminApiToken) credentials,
                                        Set.copyOf(report.grantedScopes())))
                                .chain(connection -> webhooks.register(shop.value(), token.value(), current.inventorySync,
                                        current.fulfillmentServiceId != null)
                                        .call(() -> webhookHealth.checked(tenant, 0))
                                        .map(registration -> RestResponse.ok(
                                                ConnectionSummary.of(connection, registration.topics(), report)))))
                        .call(() -> relay.publishSoon(PUBLISH_WAIT))))
                .onFailure(ShopAlreadyConnectedException.class).transform(e -> HttpProblem.builder()
                        .withStatus(409).withTitle("Store already connected").withDetail(e.getMessage()).build());
    }

    /**
     * Tests the credentials in the body (a token, or a Dev Dashboard app's client id and secret), or the saved
     * ones for {@code {}}: a report, whatever it finds.
     */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "200", description = "The report, whatever it found (ok false says why)")
    @APIResponse(responseCode = "400", description = "The store domain is missing or malformed")
    @APIResponse(responseCode = "404", description = "No credentials sent and none saved")
    public Uni<ConnectionReport> test(@RestPath String tenant, @Valid TestRequest request) {
        if (request != null && request.hasCredentials()) {
            if (request.shopDomain() == null || request.shopDomain().isBlank()) {
                throw Problems.field(400, "Bad Request", "shop_domain", "is required with credentials to test");
            }
            ShopDomain shop = shop(request.shopDomain());
            Credentials credentials = request.asConnect().credentials(false);
            return settings.get(tenant).chain(current -> token(shop, credentials)
                    .chain(token -> tester.test(shop.value(), token.value(), current.inventorySync,
                            current.fulfillmentServiceId != null, false))
                    .onFailure(ShopifyAccessException.class).recoverWithItem(e -> ConnectionReport.failed(true, e.getMessage()))
                    .onFailure(ShopifyUnavailableException.class).recoverWithItem(e -> ConnectionReport.failed(false, e.getMessage())));
        }
        // the saved credentials: what the test finds of the store's scopes and subscriptions is recorded at once
        return settings.get(tenant).chain(current -> tokens.current(tenant)
                .chain(saved -> saved
                        .map(credentials -> tester.test(credentials.shop().value(), credentials.accessToken(),
                                current.inventorySync, current.fulfillmentServiceId != null, true)
                                .call(report -> record(tenant, report)))
                        .orElseThrow(() -> HttpProblem.builder().withStatus(404).withTitle("Not connected")
                                .withDetail("tenant " + tenant + " has no Shopify store connected; send credentials to test them")
                                .build()))
                .onFailure(ShopifyAccessException.class).recoverWithItem(e -> ConnectionReport.failed(true, e.getMessage()))
                .onFailure(ShopifyUnavailableException.class).recoverWithItem(e -> ConnectionReport.failed(false, e.getMessage())));
    }

    /**
     * What a test of the saved credentials found, kept in the tenant's state at once: the app's scopes (features on or
     * off) and the webhook subscriptions' health (a missing or doubled subscription is failing until the next check
     * or {@code POST .../webhooks/check} mends it).
     */
    private Uni<Void> record(String tenant, ConnectionReport report) {
        if (!report.reachable() || !report.authenticated()) {
            return Uni.createFrom().voidItem();
        }
        List<String> broken = report.webhooks().stream()
                .filter(w -> !w.registered() || w.subscriptions() > 1 || !w.otherAddresses().isEmpty())
                .map(w -> w.registered() ? w.topic() + " subscribed " + w.subscriptions() + " times" : w.topic() + " missing")
                .toList();
        return connections.recordScopes(tenant, Set.copyOf(report.grantedScopes()))
                .chain(() -> broken.isEmpty() ? webhookHealth.checked(tenant, 0)
                        : webhookHealth.failed(tenant, "found by Test Connection: " + String.join(", ", broken)))
                .call(() -> relay.publishSoon(PUBLISH_WAIT))
                .replaceWithVoid();
    }

    /**
     * Checks the store's webhook subscriptions now, as the periodic maintenance pass does: what Shopify removed is
     * registered again, duplicates and old addresses removed; the health in the sync status is updated at once.
     */
    @POST
    @Path("/webhooks/check")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "200", description = "What the check kept, created and deleted")
    @APIResponse(responseCode = "404", description = "The tenant has no store connected")
    @APIResponse(responseCode = "502", description = "Shopify could not be reached; the periodic check tries again")
    public Uni<WebhookCheckResult> checkWebhooks(@RestPath String tenant) {
        return maintenance.check(tenant).chain(registration -> {
            if (registration == null) {
                return connections.findByTenant(tenant).map(connection -> {
                    if (connection == null || connection.status != ShopConnection.Status.connected) {
                        throw Problems.notConnected(tenant);
                    }
                    throw HttpProblem.builder().withStatus(502).withTitle("Shopify unreachable")
                            .withDetail("the webhook subscriptions of " + connection.shopDomain + " could not be checked now; "
                                    + "the sync status says why, and the periodic check tries again")
                            .build();
                });
            }
            return relay.publishSoon(PUBLISH_WAIT).replaceWith(new WebhookCheckResult(registration.topics(),
                    registration.kept(), registration.created(), registration.deleted()));
        });
    }

    /** What a webhook check did: the topics subscribed now, and how many were kept, created and deleted. */
    public record WebhookCheckResult(List<String> topics, int kept, int created, int deleted) {
    }

    private static ShopDomain shop(String input) {
        try {
            return ShopDomain.parse(input);
        } catch (IllegalArgumentException e) {
            throw Problems.field(400, "Invalid store domain", "shop_domain", e.getMessage());
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
     * Deletes the app's webhook subscriptions in Shopify, wipes the credentials and publishes the state; the
     * tenant's orders stay. If Shopify cannot be asked, the credentials are wiped all the same: deliveries to a
     * disconnected store are refused, and Shopify removes subscriptions whose deliveries keep failing.
     */
    @DELETE
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "204", description = "Disconnected: subscriptions deleted, credentials wiped; the orders stay")
    @APIResponse(responseCode = "404", description = "The tenant has no store connected")
    @APIResponse(responseCode = "502", description = "The fulfillment service was to be deleted and Shopify could not be asked or refused; "
            + "nothing was disconnected")
    public Uni<RestResponse<Void>> disconnect(@RestPath String tenant,
            @Parameter(description = "also delete the warehouse's fulfillment service in Shopify (fulfillment_service mode); "
                    + "its location, which holds the merchant's stock history, is kept otherwise")
            @RestQuery("delete_fulfillment_service") boolean deleteFulfillmentService) {
        return tokens.current(tenant)
                .onFailure(e -> e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException)
                .recoverWithUni(e -> connections.savedCredentials(tenant)) // renewal failed: disconnect without it
                .chain(saved -> {
                    if (saved.isEmpty()) {
                        throw Problems.notConnected(tenant);
                    }
                    Uni<Void> service = deleteFulfillmentService
                            ? settings.get(tenant).chain(current -> current.fulfillmentServiceId == null
                                    ? Uni.createFrom().voidItem()
                                    : services.delete(saved.get().shop().value(), saved.get().accessToken(), current.fulfillmentServiceId)
                                            .onFailure(FulfillmentServices.Refused.class).transform(e -> HttpProblem.builder()
                                                    .withStatus(502).withTitle("Fulfillment service not deleted")
                                                    .withDetail(e.getMessage() + "; nothing was disconnected").build())
                                            .call(() -> settings.forgetFulfillmentService(tenant)))
                            : Uni.createFrom().voidItem();
                    return service.chain(() -> webhooks.unregister(saved.get().shop().value(), saved.get().accessToken()))
                            .onFailure(e -> e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException)
                            .recoverWithItem(e -> {
                                LOG.warnf("disconnecting %s: its webhook subscriptions could not be deleted (%s)",
                                        saved.get().shop(), e.getMessage());
                                return 0;
                            });
                })
                .chain(deleted -> connections.disconnect(tenant))
                .call(() -> relay.publishSoon(PUBLISH_WAIT))
                .replaceWith(RestResponse.<Void> noContent());
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The connection (never its secrets)")
    @APIResponse(responseCode = "404", description = "The tenant has no store connected")
    public Uni<ConnectionSummary> get(@RestPath String tenant) {
        return connections.findByTenant(tenant).map(connection -> {
            if (connection == null) {
                throw Problems.notConnected(tenant);
            }
            return ConnectionSummary.of(connection);
        });
    }
}
