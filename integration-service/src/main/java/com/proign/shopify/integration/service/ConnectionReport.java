package com.proign.shopify.integration.service;

import java.util.List;

/**
 * The result of testing a connection: whether Shopify answered and accepted the token, the API version served,
 * the scopes the token has, each scope the suite uses (present or not, whether connecting needs it, what it is for), each feature on or off
 * with what to grant, the webhook subscriptions (for credentials not saved yet: what saving them registers), and a
 * specific message for every problem (what stops something from working) and warning (a feature that is off).
 */
public record ConnectionReport(
        boolean reachable,
        boolean authenticated,
        String apiVersion,
        String shopName,
        boolean saved,
        List<String> grantedScopes,
        List<ScopeCheck> scopes,
        List<Feature.Status> features,
        List<WebhookCheck> webhooks,
        List<String> willRegister,
        List<String> problems,
        List<String> warnings) {

    /** A scope: granted or not, whether connecting (or inventory sync, while on) needs it, what it is for. */
    public record ScopeCheck(String scope, boolean present, boolean required, String neededFor) {
    }

    /**
     * A topic the store should be subscribed to: whether it is, to this suite's address, how many subscriptions the app
     * has for it (more than one delivers every event twice), and the other addresses they go to.
     */
    public record WebhookCheck(String topic, boolean registered, int subscriptions, List<String> otherAddresses) {
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
        return new ConnectionReport(reachable, false, null, null, false, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(problem), List.of());
    }
}
