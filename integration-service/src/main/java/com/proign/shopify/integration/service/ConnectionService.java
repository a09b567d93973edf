package com.proign.shopify.integration.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.ShopConnection.CredentialKind;
import com.proign.shopify.integration.ShopConnection.Status;
import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.config.RotationConfig;
import com.proign.shopify.integration.crypto.SecretCipher;
import com.proign.shopify.integration.repository.ShopConnectionRepository;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Stores a tenant's store connection with its credentials encrypted, and serves the webhook secrets back. */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    static final String ACCESS_TOKEN = "access_token";
    static final String WEBHOOK_SECRET = "webhook_secret";

    private final ShopConnectionRepository repository;
    private final SecretCipher cipher;
    private final RotationConfig rotation;
    private final Clock clock = Clock.systemUTC();

    public ConnectionService(ShopConnectionRepository repository, SecretCipher cipher, RotationConfig rotation) {
        this.repository = repository;
        this.cipher = cipher;
        this.rotation = rotation;
    }

    /** Connects the tenant's store, or updates its credentials; a changed webhook secret starts a rotation. */
    @WithTransaction
    public Uni<ShopConnection> connect(ConnectCommand command) {
        return repository.findByShopDomain(command.shop())
                .invoke(owner -> {
                    if (owner != null && !owner.tenant.equals(command.tenant())) {
                        throw new ShopAlreadyConnectedException(command.shop().value());
                    }
                })
                .chain(() -> repository.findByTenant(command.tenant()))
                .chain(existing -> existing == null
                        ? repository.persist(newConnection(command))
                        : Uni.createFrom().item(update(existing, command)));
    }

    @WithSession
    public Uni<ShopConnection> findByTenant(String tenant) {
        return repository.findByTenant(tenant);
    }

    /** The store and its access token as saved, to test the connection again. */
    public record SavedCredentials(ShopDomain shop, String accessToken) {
        @Override
        public String toString() {
            return "SavedCredentials[shop=" + shop + ", accessToken=<redacted>]";
        }
    }

    @WithSession
    public Uni<Optional<SavedCredentials>> savedCredentials(String tenant) {
        return repository.findByTenant(tenant).map(connection -> connection == null || connection.status != Status.connected
                ? Optional.empty()
                : Optional.of(new SavedCredentials(new ShopDomain(connection.shopDomain),
                        cipher.decrypt(connection.accessTokenCiphertext, connection.tenant, ACCESS_TOKEN))));
    }

    /** The secrets that may sign the store's webhooks now, if the store is connected. */
    @WithSession
    public Uni<Optional<WebhookSecrets>> webhookSecrets(ShopDomain shop) {
        return repository.findByShopDomain(shop).map(connection -> {
            if (connection == null || connection.status != Status.connected) {
                return Optional.empty();
            }
            List<String> secrets = new ArrayList<>(2);
            secrets.add(cipher.decrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET));
            if (connection.previousWebhookSecretCiphertext != null
                    && connection.previousSecretExpiresAt != null
                    && connection.previousSecretExpiresAt.isAfter(OffsetDateTime.now(clock))) {
                secrets.add(cipher.decrypt(connection.previousWebhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET));
            }
            return Optional.of(new WebhookSecrets(connection.tenant, connection.shopDomain, List.copyOf(secrets)));
        });
    }

    /**
     * The stored webhook secret, or null when it no longer decrypts (its key left the keyring): connecting again
     * with fresh credentials is how such a connection is repaired, so that case must not fail.
     */
    private String readableSecret(ShopConnection connection) {
        if (connection.webhookSecretCiphertext == null) {
            return null;
        }
        try {
            return cipher.decrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET);
        } catch (IllegalStateException e) {
            LOG.warnf("the stored webhook secret of tenant %s does not decrypt (%s); replacing the credentials",
                    connection.tenant, e.getMessage());
            return null;
        }
    }

    private ShopConnection newConnection(ConnectCommand command) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ShopConnection connection = new ShopConnection();
        connection.id = UUID.randomUUID();
        connection.tenant = command.tenant();
        connection.shopDomain = command.shop().value();
        connection.credentialKind = CredentialKind.admin_api_token;
        connection.accessTokenCiphertext = cipher.encrypt(command.accessToken(), command.tenant(), ACCESS_TOKEN);
        connection.webhookSecretCiphertext = cipher.encrypt(command.webhookSecret(), command.tenant(), WEBHOOK_SECRET);
        connection.status = Status.connected;
        connection.connectedAt = now;
        connection.updatedAt = now;
        return connection;
    }

    /** Wipes the credentials and marks the connection disconnected; the row (and the tenant's orders) stay. */
    @WithTransaction
    public Uni<ShopConnection> disconnect(String tenant) {
        return repository.findByTenant(tenant).map(connection -> {
            if (connection == null || connection.status == Status.disconnected) {
                return null;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            connection.accessTokenCiphertext = null;
            connection.webhookSecretCiphertext = null;
            connection.previousWebhookSecretCiphertext = null;
            connection.previousSecretExpiresAt = null;
            connection.status = Status.disconnected;
            connection.disconnectedAt = now;
            connection.updatedAt = now;
            return connection;
        });
    }

    private ShopConnection update(ShopConnection connection, ConnectCommand command) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String currentSecret = readableSecret(connection);
        boolean sameStore = connection.shopDomain.equals(command.shop().value());
        if (sameStore && currentSecret != null && !currentSecret.equals(command.webhookSecret())) {
            connection.previousWebhookSecretCiphertext = connection.webhookSecretCiphertext;
            connection.previousSecretExpiresAt = now.plus(rotation.previousSecretGrace());
        } else if (!sameStore || currentSecret == null) {
            connection.previousWebhookSecretCiphertext = null;
            connection.previousSecretExpiresAt = null;
            connection.connectedAt = now;
        }
        connection.shopDomain = command.shop().value();
        connection.accessTokenCiphertext = cipher.encrypt(command.accessToken(), command.tenant(), ACCESS_TOKEN);
        connection.webhookSecretCiphertext = cipher.encrypt(command.webhookSecret(), command.tenant(), WEBHOOK_SECRET);
        connection.status = Status.connected;
        connection.disconnectedAt = null;
        connection.updatedAt = now;
        return connection;
    }
}
