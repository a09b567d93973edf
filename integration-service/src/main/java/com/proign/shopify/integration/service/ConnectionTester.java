package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.client.AdminResponse;
import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.config.ShopifyConfig;
import com.proign.shopify.integration.service.ConnectionReport.ScopeCheck;
import com.proign.shopify.integration.service.ConnectionReport.WebhookCheck;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Tests a store's credentials against Shopify in one call (ConnectionCheck.graphql) and says what is wrong. */
@ApplicationScoped
public class ConnectionTester {

    /** Every scope the suite uses: name, whether connecting needs it, what it is for. */
    static final List<ScopeCheck> SCOPES = List.of(
            new ScopeCheck("read_orders", false, true, "importing orders"),
            new ScopeCheck("read_all_orders", false, false, "pulling history older than 60 days"),
            new ScopeCheck("read_products", false, false, "syncing products and SKUs"),
            new ScopeCheck("read_locations", false, true, "choosing the fulfillment location"),
            new ScopeCheck("read_merchant_managed_fulfillment_orders", false, true, "reading what to fulfil"),
            new ScopeCheck("write_merchant_managed_fulfillment_orders", false, true, "marking orders fulfilled with tracking"));

    /** Needed (and then required) only while inventory sync is on. */
    static final List<String> INVENTORY_SCOPES = List.of("read_inventory", "write_inventory");

    private final ShopifyAdminClient shopify;
    private final ShopifyConfig config;

    public ConnectionTester(ShopifyAdminClient shopify, ShopifyConfig config) {
        this.shopify = shopify;
        this.config = config;
    }

    /** Tests a token; with inventory sync on, the inventory scopes and webhook are required too. */
    public Uni<ConnectionReport> test(String shopDomain, String accessToken, boolean inventorySync) {
        return shopify.execute(shopDomain, accessToken, "ConnectionCheck", new JsonObject())
                .map(response -> report(shopDomain, response, inventorySync))
                .onFailure(ShopifyAccessException.class).recoverWithItem(e -> ConnectionReport.failed(true, e.getMessage()))
                .onFailure(ShopifyUnavailableException.class).recoverWithItem(e -> ConnectionReport.failed(false, e.getMessage()));
    }

    static List<ScopeCheck> scopes(boolean inventorySync) {
        List<ScopeCheck> scopes = new ArrayList<>(SCOPES);
        for (String scope : INVENTORY_SCOPES) {
            scopes.add(new ScopeCheck(scope, false, inventorySync, inventorySync
                    ? "inventory sync, which is on"
                    : "inventory sync, if it is turned on"));
        }
        return scopes;
    }

    private ConnectionReport report(String shopDomain, AdminResponse response, boolean inventorySync) {
        List<String> problems = new ArrayList<>();
        if (response.data() == null) {
            problems.add("Shopify answered without data: " + response.errors());
            return new ConnectionReport(true, true, response.apiVersion(), null, List.of(), List.of(), problems);
        }
        if (!ShopifyAdminClient.API_VERSION.equals(response.apiVersion())) {
            problems.add("Shopify served API version " + response.apiVersion() + " instead of "
                    + ShopifyAdminClient.API_VERSION + "; the pinned version may no longer be supported");
        }
        Set<String> granted = response.data().getJsonObject("currentAppInstallation").getJsonArray("accessScopes")
                .stream().map(s -> ((JsonObject) s).getString("handle")).collect(Collectors.toSet());
        List<ScopeCheck> scopes = scopes(inventorySync).stream().map(s -> new ScopeCheck(s.scope(), grants(granted, s.scope()),
                s.required(), s.neededFor())).toList();
        for (ScopeCheck scope : scopes) {
            if (!scope.present() && (scope.required() || !INVENTORY_SCOPES.contains(scope.scope()))) {
                problems.add("The app lacks the " + scope.scope() + " scope, needed for " + scope.neededFor()
                        + ": add it to the app's Admin API scopes in Shopify and approve the update"
                        + (scope.required() ? "; connecting needs it." : "."));
            }
        }
        Set<String> registered = response.data().getJsonObject("webhookSubscriptions").getJsonArray("nodes").stream()
                .map(n -> (JsonObject) n)
                .filter(n -> config.webhookCallbackUrl().equals(n.getString("uri")))
                .map(n -> n.getString("topic"))
                .collect(Collectors.toSet());
        List<WebhookCheck> webhooks = WebhookTopics.required(inventorySync).stream()
                .map(topic -> new WebhookCheck(topic, registered.contains(topic))).toList();
        webhooks.stream().filter(w -> !w.registered()).forEach(w -> problems.add("No " + w.topic()
                + " webhook subscription to " + config.webhookCallbackUrl() + "; connecting again registers it."));
        String shopName = response.data().getJsonObject("shop").getString("name");
        if (!shopDomain.equals(response.data().getJsonObject("shop").getString("myshopifyDomain"))) {
            problems.add("The token belongs to " + response.data().getJsonObject("shop").getString("myshopifyDomain")
                    + ", not " + shopDomain);
            return new ConnectionReport(true, false, response.apiVersion(), shopName, scopes, webhooks, problems);
        }
        return new ConnectionReport(true, true, response.apiVersion(), shopName, scopes, webhooks, problems);
    }

    /** A write scope implies its read scope, as on Shopify. */
    private static boolean grants(Set<String> granted, String scope) {
        return granted.contains(scope) || (scope.startsWith("read_") && granted.contains("write_" + scope.substring(5)));
    }
}
