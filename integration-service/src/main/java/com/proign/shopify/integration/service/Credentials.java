package com.proign.shopify.integration.service;

/** What a tenant hands over to connect a store: one of Shopify's two kinds of app credentials (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant). */
public sealed interface Credentials {

    /** An app made in the store's admin (none new since 2026-01-01): its permanent token and its API secret key. */
    record AdminApiToken(String accessToken, String apiSecretKey) implements Credentials {
        @Override
        public String toString() {
            return "AdminApiToken[<redacted>]";
        }
    }

    /** A Dev Dashboard app in the merchant's organisation: tokens are minted from its client id and secret. */
    record ClientCredentials(String clientId, String clientSecret) implements Credentials {
        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>]";
        }
    }
}
