package com.proign.shopify.integration.rest;

import java.time.OffsetDateTime;

import com.proign.shopify.integration.ShopConnection;

/** A connection as the API shows it: never any credential. */
public record ConnectionSummary(
        String tenant,
        String shopDomain,
        String status,
        String credentialKind,
        OffsetDateTime connectedAt,
        OffsetDateTime updatedAt) {

    public static ConnectionSummary of(ShopConnection connection) {
        return new ConnectionSummary(connection.tenant, connection.shopDomain, connection.status.name(),
                connection.credentialKind.name(), connection.connectedAt, connection.updatedAt);
    }
}
