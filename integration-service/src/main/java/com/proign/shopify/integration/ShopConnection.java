package com.proign.shopify.integration;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A tenant's connected Shopify store. Secret columns hold ciphertext only (see SecretCipher). */
@Entity
@Table(name = "shop_connection")
public class ShopConnection {

    public enum Status {
        connected, disconnected
    }

    public enum CredentialKind {
        /** An app made in the store's admin: a permanent Admin API token, webhooks signed with its API secret key. */
        admin_api_token,
        /**
         * A Dev Dashboard app: its client id and secret mint tokens of about 24 h (client-credentials grant); the
         * client secret signs its webhooks.
         */
        client_credentials
    }

    public enum DisconnectReason {
        /** By the tenant, through the API. */
        disconnected,
        /** The app was uninstalled in Shopify (app/uninstalled). */
        app_uninstalled
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "shop_domain", nullable = false)
    public String shopDomain;

    @Enumerated(EnumType.STRING)
    @Column(name = "credential_kind", nullable = false)
    public CredentialKind credentialKind;

    /** Client-credentials connections only: the Dev Dashboard app's client id (an identifier, not a secret). */
    @Column(name = "client_id")
    public String clientId;

    /** Null once disconnected. For client credentials, the last minted token. */
    @Column(name = "access_token")
    public String accessTokenCiphertext;

    /** Null once disconnected. For client credentials, the client secret (it signs webhooks and mints tokens). */
    @Column(name = "webhook_secret")
    public String webhookSecretCiphertext;

    @Column(name = "previous_webhook_secret")
    public String previousWebhookSecretCiphertext;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    /** When the minted token stops working (client credentials; null for permanent tokens). */
    @Column(name = "token_expires_at")
    public OffsetDateTime tokenExpiresAt;

    /** From when the minted token is renewed before use (client credentials). */
    @Column(name = "token_refresh_at")
    public OffsetDateTime tokenRefreshAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "connected_at", nullable = false)
    public OffsetDateTime connectedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "disconnected_at")
    public OffsetDateTime disconnectedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "disconnect_reason")
    public DisconnectReason disconnectReason;

    /**
     * The app's access scopes as Shopify last reported them, comma-separated; null until first read. They decide which
     * features are on (service.Feature).
     */
    @Column(name = "granted_scopes")
    public String grantedScopes;

    @Version
    public long version;
}
