package com.proign.shopify.integration.rest;

import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.integration.ShopConnection;

/** A connection as the API shows it: never any secret (the client id of a Dev Dashboard app is an identifier). */
public record ConnectionSummary(
        String tenant,
        String shopDomain,
        String status,
        String credentialKind,
        String clientId,
        OffsetDateTime tokenExpiresAt,
        OffsetDateTime connectedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime disconnectedAt,
        String disconnectReason,
        List<String> webhooks) {

    public static ConnectionSummary of(ShopConnection connection) {
        return of(connection, null);
    }

    /** With the webhook topics subscribed by a connect, when it just registered them. */
    public static ConnectionSummary of(ShopConnection connection, List<String> webhooks) {
        return new ConnectionSummary(connection.tenant, connection.shopDomain, connection.status.name(),
                connection.credentialKind.name(), connection.clientId, connection.tokenExpiresAt,
                connection.connectedAt, connection.updatedAt, connection.disconnectedAt,
                connection.disconnectReason == null ? null : connection.disconnectReason.name(), webhooks);
    }
}
