package com.proign.shopify.integration.service;

import java.time.Duration;

import com.proign.shopify.integration.ShopConnection.CredentialKind;
import com.proign.shopify.integration.ShopDomain;

/**
 * A connection to save: the token to call Shopify with (permanent, or minted with a lifetime), the secret that
 * signs the store's webhooks, for client credentials the client id, and the access scopes Shopify reported for it.
 */
public record ConnectCommand(String tenant, ShopDomain shop, CredentialKind kind, String accessToken,
        Duration tokenLifetime, String webhookSecret, String clientId, java.util.Set<String> grantedScopes) {

    public static ConnectCommand adminApiToken(String tenant, ShopDomain shop, Credentials.AdminApiToken credentials,
            java.util.Set<String> grantedScopes) {
        return new ConnectCommand(tenant, shop, CredentialKind.admin_api_token, credentials.accessToken(), null,
                credentials.apiSecretKey(), null, grantedScopes);
    }

    public static ConnectCommand clientCredentials(String tenant, ShopDomain shop, Credentials.ClientCredentials credentials,
            String mintedToken, Duration lifetime, java.util.Set<String> grantedScopes) {
        return new ConnectCommand(tenant, shop, CredentialKind.client_credentials, mintedToken, lifetime,
                credentials.clientSecret(), credentials.clientId(), grantedScopes);
    }

    @Override
    public String toString() {
        return "ConnectCommand[tenant=" + tenant + ", shop=" + shop + ", kind=" + kind + ", secrets=<redacted>]";
    }
}
