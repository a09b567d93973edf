package com.proign.shopify.integration.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the suite does with a store, and the Admin API access scopes each needs: the one table of scopes, shown in the
 * README, in the connect answer and in Test Connection. Only importing orders is required to connect; a store whose
 * app lacks another feature's scopes connects with that feature off, saying which scopes to grant, and the feature
 * turns on when credentials with them are saved. Scopes: https://shopify.dev/docs/api/usage/access-scopes; fulfillment
 * orders need the merchant-managed fulfillment order scopes
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/order-management-apps/manage-fulfillments).
 */
public enum Feature {

    orders("importing orders (webhooks, history pulls, reconciliation)", true, "read_orders"),
    fulfillment("marking orders fulfilled in Shopify with tracking", false,
            "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders"),
    locations("choosing the fulfillment location (fulfillment and inventory happen there)", false, "read_locations"),
    products("products, variants and SKUs", false, "read_products"),
    inventory("inventory sync both ways, when it is turned on", false, "read_inventory", "write_inventory"),
    history("history pulls older than 60 days", false, "read_all_orders");

    private final String description;
    private final boolean required;
    private final List<String> scopes;

    Feature(String description, boolean required, String... scopes) {
        this.description = description;
        this.required = required;
        this.scopes = List.of(scopes);
    }

    public String description() {
        return description;
    }

    /** Whether connecting needs it (a store without it is refused). */
    public boolean required() {
        return required;
    }

    public List<String> scopes() {
        return scopes;
    }

    /** The feature's state for a token with these scopes (a write scope implies its read scope, as on Shopify). */
    public Status status(Collection<String> granted) {
        List<String> missing = scopes.stream().filter(scope -> !grants(granted, scope)).toList();
        return new Status(name(), missing.isEmpty(), scopes, missing, description, missing.isEmpty() ? null
                : "grant " + String.join(", ", missing) + " in Shopify (the app's Admin API access scopes, then approve "
                        + "the update or install it again) and save the new credentials here");
    }

    /** Every feature's state for a token with these scopes. */
    public static List<Status> statuses(Collection<String> granted) {
        List<Status> statuses = new ArrayList<>();
        for (Feature feature : values()) {
            statuses.add(feature.status(granted));
        }
        return statuses;
    }

    /** Every scope the suite uses, each once, in the table's order. */
    public static List<String> allScopes() {
        Set<String> all = new LinkedHashSet<>();
        for (Feature feature : values()) {
            all.addAll(feature.scopes);
        }
        return List.copyOf(all);
    }

    /** The features a scope serves. */
    public static List<Feature> servedBy(String scope) {
        List<Feature> features = new ArrayList<>();
        for (Feature feature : values()) {
            if (feature.scopes.contains(scope)) {
                features.add(feature);
            }
        }
        return features;
    }

    static boolean grants(Collection<String> granted, String scope) {
        return granted.contains(scope) || (scope.startsWith("read_") && granted.contains("write_" + scope.substring(5)));
    }

    /**
     * A feature as a store's token allows it: on or off, the scopes it needs and those missing, and what to do in
     * Shopify when it is off.
     */
    public record Status(String feature, boolean enabled, List<String> scopes, List<String> missingScopes,
            String description, String fix) {
    }
}
