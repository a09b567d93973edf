package com.proign.shopify.integration.rest;

import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.service.ConnectionReport;
import com.proign.shopify.integration.service.Feature;
import com.proign.shopify.integration.service.Scopes;

/**
 * A connection as the API shows it: never any secret (the client id of a Dev Dashboard app is an identifier); the
 * features its app's scopes allow; after a connect, also what it subscribed, each scope and the features left off.
 */
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
        List<Feature.Status> features,
        List<String> webhooks,
        List<ConnectionReport.ScopeCheck> scopes,
        List<String> warnings) {

    /** As stored: features as the scopes last read make them (null before they were read, or once disconnected). */
    public static ConnectionSummary of(ShopConnection connection) {
        return new ConnectionSummary(connection.tenant, connection.shopDomain, connection.status.name(),
                connection.credentialKind.name(), connection.clientId, connection.tokenExpiresAt,
                connection.connectedAt, connection.updatedAt, connection.disconnectedAt,
                connection.disconnectReason == null ? null : connection.disconnectReason.name(),
                connection.status == ShopConnection.Status.connected ? Scopes.features(connection.grantedScopes) : null,
                null, null, null);
    }

    /** What a connect did: the webhook topics it subscribed, each scope the suite uses, the features left off. */
    public static ConnectionSummary of(ShopConnection connection, List<String> webhooks, ConnectionReport report) {
        ConnectionSummary stored = of(connection);
        return new ConnectionSummary(stored.tenant, stored.shopDomain, stored.status, stored.credentialKind,
                stored.clientId, stored.tokenExpiresAt, stored.connectedAt, stored.updatedAt, stored.disconnectedAt,
                stored.disconnectReason, stored.features, webhooks, report.scopes(), report.warnings());
    }
}
