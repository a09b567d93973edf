package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final ShopifyAdminClient shopify;
    private final ShopifyConfig config;

    public ConnectionTester(ShopifyAdminClient shopify, ShopifyConfig config) {
        this.shopify = shopify;
        this.config = config;
    }

    /**
     * Tests a token. {@code saved}: these are the connected store's saved credentials, so its webhook subscriptions
     * should all be there; before saving, what saving will register is said instead. With inventory sync on, the
     * inventory scopes are required too; with a fulfillment service registered ({@code fulfillmentService}), the
     * subscriptions to the merchant's requests to it are wanted too.
     */
    public Uni<ConnectionReport> test(String shopDomain, String accessToken, boolean inventorySync,
            boolean fulfillmentService, boolean saved) {
        return shopify.execute(shopDomain, accessToken, "ConnectionCheck", new JsonObject())
                .map(response -> report(shopDomain, response, inventorySync, fulfillmentService, saved))
                .onFailure(ShopifyAccessException.class).recoverWithItem(e -> ConnectionReport.failed(true, e.getMessage()))
                .onFailure(ShopifyUnavailableException.class).recoverWithItem(e -> ConnectionReport.failed(false, e.getMessage()));
    }

    /** Every scope the suite uses, granted or not: connecting needs the orders feature's, inventory sync (while on) its own. */
    static List<ScopeCheck> scopes(Set<String> granted, boolean inventorySync) {
        List<ScopeCheck> scopes = new ArrayList<>();
        for (String scope : Feature.allScopes()) {
            List<Feature> features = Feature.servedBy(scope);
            boolean required = features.stream().anyMatch(f -> f.required() || (inventorySync && f == Feature.inventory));
            scopes.add(new ScopeCheck(scope, Feature.grants(granted, scope), required,
                    features.stream().map(Feature::description).collect(Collectors.joining("; "))));
        }
        return scopes;
    }

    private ConnectionReport report(String shopDomain, AdminResponse response, boolean inventorySync,
            boolean fulfillmentService, boolean saved) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (response.data() == null) {
            problems.add("Shopify answered without data: " + response.errors());
            return new ConnectionReport(true, true, response.apiVersion(), null, saved, List.of(), List.of(), List.of(),
                    List.of(), List.of(), problems, warnings);
        }
        if (!ShopifyAdminClient.API_VERSION.equals(response.apiVersion())) {
            problems.add("Shopify served API version " + response.apiVersion() + " instead of "
                    + ShopifyAdminClient.API_VERSION + "; the pinned version may no longer be supported");
        }
        Set<String> granted = WebhookRegistrar.grantedScopes(response.data());
        List<ScopeCheck> scopes = scopes(granted, inventorySync);
        for (ScopeCheck scope : scopes) {
            if (!scope.present() && scope.required()) {
                problems.add("The app lacks the " + scope.scope() + " scope, needed for " + scope.neededFor()
                        + ": add it to the app's Admin API access scopes in Shopify and approve the update.");
            }
        }
        List<Feature.Status> features = Feature.statuses(granted);
        for (Feature.Status feature : features) {
            if (!feature.enabled() && !Feature.valueOf(feature.feature()).required()) {
                warnings.add("Off: " + feature.description() + ". To turn it on, " + feature.fix() + ".");
            }
        }
        // the topics the registrar keeps for this store: the same call decides both
        List<String> wanted = WebhookTopics.required(inventorySync, fulfillmentService, granted);
        List<WebhookCheck> webhooks = webhooks(response.data(), wanted);
        for (WebhookCheck webhook : webhooks) {
            if (webhook.subscriptions() > 1 || !webhook.otherAddresses().isEmpty()) {
                problems.add(webhook.topic() + " has " + webhook.subscriptions() + " subscriptions ("
                        + (webhook.registered() ? "to " + config.webhookCallbackUrl() + " and " : "")
                        + "to " + String.join(", ", webhook.otherAddresses()) + "): Shopify delivers each event to every "
                        + "one of them. Saving the credentials, or the next webhook check (every 15 minutes), keeps one.");
            } else if (saved && !webhook.registered()) {
                problems.add("No " + webhook.topic() + " webhook subscription to " + config.webhookCallbackUrl()
                        + ": events of that kind do not arrive until it is back. Saving the credentials again, or the "
                        + "next webhook check (every 15 minutes), registers it; until then the reconciliation pass brings "
                        + "the orders in.");
            }
        }
        List<String> willRegister = saved ? List.of()
                : webhooks.stream().filter(w -> !w.registered()).map(WebhookCheck::topic).toList();
        String shopName = response.data().getJsonObject("shop").getString("name");
        String tokenShop = response.data().getJsonObject("shop").getString("myshopifyDomain");
        if (!shopDomain.equals(tokenShop)) {
            problems.add("The token belongs to " + tokenShop + ", not " + shopDomain);
            return new ConnectionReport(true, false, response.apiVersion(), shopName, saved, List.copyOf(granted), scopes,
                    features, webhooks, willRegister, problems, warnings);
        }
        return new ConnectionReport(true, true, response.apiVersion(), shopName, saved, List.copyOf(granted), scopes,
                features, webhooks, willRegister, problems, warnings);
    }

    /** Per wanted topic: subscribed to our address, how many subscriptions the app has for it, and to where else. */
    private List<WebhookCheck> webhooks(JsonObject data, List<String> wanted) {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        data.getJsonObject("webhookSubscriptions").getJsonArray("nodes").stream().map(n -> (JsonObject) n)
                .forEach(n -> byTopic.computeIfAbsent(n.getString("topic"), t -> new ArrayList<>()).add(n.getString("uri")));
        List<WebhookCheck> checks = new ArrayList<>();
        for (String topic : wanted) {
            List<String> uris = byTopic.getOrDefault(topic, List.of());
            List<String> others = uris.stream().filter(u -> !config.webhookCallbackUrl().equals(u)).distinct().toList();
            checks.add(new WebhookCheck(topic, uris.contains(config.webhookCallbackUrl()), uris.size(), others));
        }
        return checks;
    }
}
