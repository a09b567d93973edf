package com.proign.shopify.integration.rest;

import jakarta.validation.constraints.Size;

/**
 * Body of Test Connection: the same credentials as a connect call (then {@code shop_domain} is required too), or
 * {@code {}} to test the saved ones. Its own type so that the API's document says shop_domain is not required here.
 */
public record TestRequest(
        String shopDomain,
        @Size(max = 512) String accessToken,
        @Size(max = 512) String apiSecretKey,
        @Size(max = 255) String clientId,
        @Size(max = 512) String clientSecret) {

    /** Credentials to test were sent (otherwise the saved ones are tested). */
    boolean hasCredentials() {
        return shopDomain != null || accessToken != null || clientId != null;
    }

    ConnectRequest asConnect() {
        return new ConnectRequest(shopDomain, accessToken, apiSecretKey, clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "TestRequest[shopDomain=" + shopDomain + ", clientId=" + clientId + ", secrets=<redacted>]";
    }
}
