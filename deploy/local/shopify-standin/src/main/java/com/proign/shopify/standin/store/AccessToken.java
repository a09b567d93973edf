package com.proign.shopify.standin.store;

import java.time.Instant;
import java.util.Set;

/** An Admin API access token: its scopes, and an expiry for tokens minted by the client-credentials grant. */
public record AccessToken(String value, Set<String> scopes, Instant expiresAt) {

    public boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** Whether the token holds SCOPE; a write scope implies its read scope, as on Shopify. */
    public boolean grants(String scope) {
        return scopes.contains(scope) || (scope.startsWith("read_") && scopes.contains("write_" + scope.substring(5)));
    }
}
