package com.proign.shopify.integration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.proign.shopify.integration.service.Credentials;

/**
 * Body of a connect call: the store and one kind of app credentials, either an admin-made custom app's
 * {@code access_token} and {@code api_secret_key}, or a Dev Dashboard app's {@code client_id} and
 * {@code client_secret}.
 */
public record ConnectRequest(
        @NotBlank(message = "is required, like your-store.myshopify.com") String shopDomain,
        @Size(max = 512) String accessToken,
        @Size(max = 512) String apiSecretKey,
        @Size(max = 255) String clientId,
        @Size(max = 512) String clientSecret) {

    /** The credentials given, or a 400 problem naming the field that is missing or extra. */
    public Credentials credentials() {
        return credentials(true);
    }

    /** For a connection test the API secret key may be left out: only the token is tried. */
    Credentials credentials(boolean secretKeyRequired) {
        boolean admin = present(accessToken) || present(apiSecretKey);
        boolean dashboard = present(clientId) || present(clientSecret);
        if (admin && dashboard) {
            throw Problems.field(400, "Bad Request", present(clientId) ? "client_id" : "client_secret",
                    "give either access_token with api_secret_key (an app made in the store's admin) or client_id "
                            + "with client_secret (a Dev Dashboard app), not both");
        }
        if (dashboard) {
            require(clientId, "client_id", "the Dev Dashboard app's client ID");
            require(clientSecret, "client_secret", "the Dev Dashboard app's client secret");
            return new Credentials.ClientCredentials(clientId.strip(), clientSecret.strip());
        }
        require(accessToken, "access_token", admin ? "the app's Admin API access token"
                : "the app's Admin API access token (with api_secret_key), or else client_id and client_secret "
                        + "of a Dev Dashboard app");
        if (secretKeyRequired) {
            require(apiSecretKey, "api_secret_key", "the app's API secret key, which signs its webhooks");
        }
        return new Credentials.AdminApiToken(accessToken.strip(), apiSecretKey == null ? null : apiSecretKey.strip());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(String value, String field, String what) {
        if (!present(value)) {
            throw Problems.field(400, "Bad Request", field, "is required: " + what);
        }
    }

    @Override
    public String toString() {
        return "ConnectRequest[shopDomain=" + shopDomain + ", clientId=" + clientId + ", secrets=<redacted>]";
    }
}
