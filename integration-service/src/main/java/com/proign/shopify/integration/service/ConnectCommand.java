package com.proign.shopify.integration.service;

import java.time.Duration;

import com.proign.shopify.integration.ShopConnection.CredentialKind;
import com.proign.shopify.integration.ShopDomain;

/**
 * A connection to save: the token to call Shopify with (permanent, or minted with a lifetime), the secret that
 * signs the store's webhooks, and for client credentials the client id.
 */
public record ConnectCommand(String tenant, ShopDomain shop, CredentialKind kind, String accessToken,
        Duration tokenLifetime, String webhookSecret, String clientId) {

    public static ConnectCommand adminApiToken(String tenant, ShopDomain shop, Credentials.AdminApiToken credentials) {
        return new ConnectCommand(tenant, shop, CredentialKind.admin_api_token, credentials.accessToken(), null,
                credentials.apiSecretKey(), null);
    }

    public static ConnectCommand clientCredentials(String tenant, ShopDomain shop, Credentials.ClientCredentials credentials,
            String mintedToken, Duration lifetime) {
        return new ConnectCommand(tenant, shop, CredentialKind.client_credentials, mintedToken, lifetime,
                credentials.clientSecret(), credentials.clientId());
    }

    @Override
    public String toString() {
        return "ConnectCommand[tenant=" + tenant + ", shop=" + shop + ", kind=" + kind + ", secrets=<redacted>]";
    }
}
