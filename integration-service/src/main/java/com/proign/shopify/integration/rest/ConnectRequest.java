package com.proign.shopify.integration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of a connect call: the store and its admin-made custom app's credentials. */
public record ConnectRequest(
        @NotBlank(message = "shop_domain is required, like your-store.myshopify.com") String shopDomain,
        @NotBlank(message = "access_token is required: the app's Admin API access token")
        @Size(max = 512) String accessToken,
        @NotBlank(message = "api_secret_key is required: the app's API secret key, which signs its webhooks")
        @Size(max = 512) String apiSecretKey) {

    @Override
    public String toString() {
        return "ConnectRequest[shopDomain=" + shopDomain + ", credentials=<redacted>]";
    }
}
