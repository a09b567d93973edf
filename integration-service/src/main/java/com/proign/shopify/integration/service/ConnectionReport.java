package com.proign.shopify.integration.service;

import java.util.List;

/**
 * The result of testing a connection: whether Shopify answered and accepted the token, the API version served,
 * each scope the suite uses (present or not, and what it is for), the webhook subscriptions, and a specific
 * message for every problem found.
 */
public record ConnectionReport(
        boolean reachable,
        boolean authenticated,
        String apiVersion,
        String shopName,
        List<ScopeCheck> scopes,
        List<WebhookCheck> webhooks,
        List<String> problems) {

    public record ScopeCheck(String scope, boolean present, boolean required, String neededFor) {
    }

    public record WebhookCheck(String topic, boolean registered) {
    }

    /** Connectable: Shopify answered, took the token, and every required scope is there. */
    public boolean usable() {
        return reachable && authenticated && scopes.stream().allMatch(s -> s.present() || !s.required());
    }

    @com.fasterxml.jackson.annotation.JsonProperty("ok")
    public boolean ok() {
        return usable() && problems.isEmpty();
    }

    public List<String> missingScopes() {
        return scopes.stream().filter(s -> !s.present()).map(ScopeCheck::scope).toList();
    }

    public static ConnectionReport failed(boolean reachable, String problem) {
        return new ConnectionReport(reachable, false, null, null, List.of(), List.of(), List.of(problem));
    }
}
