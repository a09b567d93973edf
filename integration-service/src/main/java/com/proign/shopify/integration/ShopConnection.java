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
        admin_api_token
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

    /** Null once disconnected. */
    @Column(name = "access_token")
    public String accessTokenCiphertext;

    /** Null once disconnected. */
    @Column(name = "webhook_secret")
    public String webhookSecretCiphertext;

    @Column(name = "previous_webhook_secret")
    public String previousWebhookSecretCiphertext;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "connected_at", nullable = false)
    public OffsetDateTime connectedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "disconnected_at")
    public OffsetDateTime disconnectedAt;

    @Version
    public long version;
}
