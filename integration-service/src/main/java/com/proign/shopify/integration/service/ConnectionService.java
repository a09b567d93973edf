package com.proign.shopify.integration.service;

import static com.proign.shopify.integration.crypto.SecretCipher.ACCESS_TOKEN;
import static com.proign.shopify.integration.crypto.SecretCipher.WEBHOOK_SECRET;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.ShopConnection.CredentialKind;
import com.proign.shopify.integration.ShopConnection.DisconnectReason;
import com.proign.shopify.integration.ShopConnection.Status;
import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.config.RotationConfig;
import com.proign.shopify.integration.config.ShopifyConfig;
import com.proign.shopify.integration.crypto.SecretCipher;
import com.proign.shopify.integration.repository.ShopConnectionRepository;
import com.proign.shopify.integration.repository.ShopSettingsRepository;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Stores a tenant's store connection with its credentials encrypted, and serves them back decrypted to the
 * services that call Shopify. Every change of a connection's state also marks the tenant's settings row changed,
 * in the same transaction, so the state is published (integration.settings).
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    private final ShopConnectionRepository repository;
    private final ShopSettingsRepository settings;
    private final SecretCipher cipher;
    private final RotationConfig rotation;
    private final ShopifyConfig shopify;
    private final Clock clock;

    public ConnectionService(ShopConnectionRepository repository, ShopSettingsRepository settings, SecretCipher cipher,
            RotationConfig rotation, ShopifyConfig shopify, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.cipher = cipher;
        this.rotation = rotation;
        this.shopify = shopify;
        this.clock = clock;
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
                        : Uni.createFrom().item(update(existing, command)))
                .call(connection -> settings.touch(connection.tenant, connection.updatedAt));
    }

    @WithSession
    public Uni<ShopConnection> findByTenant(String tenant) {
        return repository.findByTenant(tenant);
    }

    @WithSession
    public Uni<List<String>> connectedTenants() {
        return repository.find("status = ?1 order by tenant", Status.connected).project(TenantOnly.class).list()
                .map(rows -> rows.stream().map(TenantOnly::tenant).toList());
    }

    /** A projection: the tenant of a connection. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record TenantOnly(String tenant) {
    }

    /**
     * A connected store's credentials, decrypted: the token to call Shopify with, when it is due for renewal and
     * when it expires (both null for permanent tokens), and for client credentials what renews it.
     */
    public record SavedCredentials(String tenant, ShopDomain shop, CredentialKind kind, String accessToken,
            OffsetDateTime refreshAt, OffsetDateTime expiresAt, String clientId, String clientSecret) {

        public boolean dueForRefresh(OffsetDateTime now) {
            return kind == CredentialKind.client_credentials && !now.isBefore(refreshAt);
        }

        public boolean expired(OffsetDateTime now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "SavedCredentials[tenant=" + tenant + ", shop=" + shop + ", kind=" + kind + ", secrets=<redacted>]";
        }
    }

    @WithSession
    public Uni<Optional<SavedCredentials>> savedCredentials(String tenant) {
        return repository.findByTenant(tenant).map(this::credentialsOf);
    }

    /**
     * Locks the tenant's connection for the rest of the current transaction (other instances renewing the same
     * store's token wait here), and answers its credentials as they are now.
     */
    public Uni<Optional<SavedCredentials>> lockCredentials(String tenant) {
        return repository.find("tenant", tenant).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult().map(this::credentialsOf);
    }

    /** Saves a newly minted token in the current transaction (after {@link #lockCredentials}). */
    public Uni<SavedCredentials> saveMintedToken(String tenant, String accessToken, Duration lifetime) {
        return repository.findByTenant(tenant).map(connection -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            connection.accessTokenCiphertext = cipher.encrypt(accessToken, tenant, ACCESS_TOKEN);
            setExpiry(connection, now, lifetime);
            connection.updatedAt = now;
            return credentialsOf(connection).orElseThrow();
        });
    }

    private Optional<SavedCredentials> credentialsOf(ShopConnection connection) {
        if (connection == null || connection.status != Status.connected) {
            return Optional.empty();
        }
        boolean minted = connection.credentialKind == CredentialKind.client_credentials;
        return Optional.of(new SavedCredentials(connection.tenant, new ShopDomain(connection.shopDomain),
                connection.credentialKind,
                cipher.decrypt(connection.accessTokenCiphertext, connection.tenant, ACCESS_TOKEN),
                connection.tokenRefreshAt, connection.tokenExpiresAt,
                connection.clientId,
                minted ? cipher.decrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET) : null));
    }

    /** The secrets that may sign the store's webhooks now, if the store is connected. */
    @WithSession
    public Uni<Optional<WebhookSecrets>> webhookSecrets(ShopDomain shop) {
        return repository.findByShopDomain(shop).map(connection -> {
            if (connection == null || connection.webhookSecretCiphertext == null) {
                return Optional.empty();
            }
            if (connection.status != Status.connected) {
                return Optional.of(new WebhookSecrets(connection.tenant, connection.shopDomain,
                        List.of(cipher.decrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET)), true));
            }
            List<String> secrets = new ArrayList<>(2);
            secrets.add(cipher.decrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET));
            if (connection.previousWebhookSecretCiphertext != null
                    && connection.previousSecretExpiresAt != null
                    && connection.previousSecretExpiresAt.isAfter(OffsetDateTime.now(clock))) {
                secrets.add(cipher.decrypt(connection.previousWebhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET));
            }
            return Optional.of(new WebhookSecrets(connection.tenant, connection.shopDomain, List.copyOf(secrets), false));
        });
    }

    /**
     * Records the app's access scopes as Shopify reported them now (Test Connection, the maintenance pass); a change
     * turns features on or off, so the tenant's state is published again. Whether they changed.
     */
    @WithTransaction
    public Uni<Boolean> recordScopes(String tenant, java.util.Set<String> granted) {
        return repository.findByTenant(tenant).chain(connection -> {
            String joined = Scopes.join(granted);
            if (connection == null || connection.status != Status.connected || joined.equals(connection.grantedScopes)) {
                return Uni.createFrom().item(false);
            }
            LOG.infof("the app's access scopes in %s (tenant %s) changed: %s -> %s", connection.shopDomain, tenant,
                    connection.grantedScopes, joined);
            connection.grantedScopes = joined;
            connection.updatedAt = OffsetDateTime.now(clock);
            return settings.touch(tenant, connection.updatedAt).replaceWith(true);
        });
    }

    /** Wipes the credentials and marks the connection disconnected; the row (and the tenant's orders) stay. */
    @WithTransaction
    public Uni<ShopConnection> disconnect(String tenant) {
        return repository.findByTenant(tenant)
                .map(connection -> connection == null || connection.status == Status.disconnected
                        ? null
                        : end(connection, DisconnectReason.disconnected))
                .call(connection -> connection == null ? Uni.createFrom().voidItem()
                        : settings.touch(tenant, connection.updatedAt));
    }

    /**
     * The app was uninstalled from the store (app/uninstalled): Shopify revoked its tokens and dropped its
     * subscriptions, so the credentials are wiped and the connection ends. A delivery older than the connection
     * (an uninstall before the store was connected again, redelivered late) changes nothing. Whether it ended the
     * connection.
     */
    @WithTransaction
    public Uni<Boolean> markUninstalled(String tenant, ShopDomain shop, OffsetDateTime triggeredAt) {
        return repository.findByTenant(tenant).chain(connection -> {
            if (connection == null || connection.status != Status.connected || !connection.shopDomain.equals(shop.value())) {
                return Uni.createFrom().item(false);
            }
            if (triggeredAt != null && triggeredAt.isBefore(connection.connectedAt)) {
                LOG.infof("ignoring app/uninstalled of %s from %s: tenant %s connected it again at %s",
                        shop, triggeredAt, tenant, connection.connectedAt);
                return Uni.createFrom().item(false);
            }
            end(connection, DisconnectReason.app_uninstalled);
            return settings.touch(tenant, connection.updatedAt).replaceWith(true);
        });
    }

    /**
     * Ends the connection: the access token and a secret being rotated out are wiped. The current webhook secret stays,
     * encrypted, because Shopify still sends the privacy webhooks after a store stops using the app (shop/redact 48
     * hours after the uninstall, customers/redact and customers/data_request at any time) and they must be verified
     * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance); the gateway takes nothing else with it,
     * and shop/redact deletes it with the rest of the store.
     */
    private ShopConnection end(ShopConnection connection, DisconnectReason reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        connection.accessTokenCiphertext = null;
        connection.previousWebhookSecretCiphertext = null;
        connection.previousSecretExpiresAt = null;
        connection.tokenExpiresAt = null;
        connection.tokenRefreshAt = null;
        connection.status = Status.disconnected;
        connection.disconnectReason = reason;
        connection.disconnectedAt = now;
        connection.updatedAt = now;
        return connection;
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
        connection.status = Status.connected;
        connection.connectedAt = now;
        setCredentials(connection, command, now);
        return connection;
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
        if (connection.status == Status.disconnected) {
            connection.connectedAt = now;
        }
        connection.shopDomain = command.shop().value();
        connection.status = Status.connected;
        connection.disconnectedAt = null;
        connection.disconnectReason = null;
        setCredentials(connection, command, now);
        return connection;
    }

    private void setCredentials(ShopConnection connection, ConnectCommand command, OffsetDateTime now) {
        connection.credentialKind = command.kind();
        connection.clientId = command.clientId();
        connection.grantedScopes = Scopes.join(command.grantedScopes());
        connection.accessTokenCiphertext = cipher.encrypt(command.accessToken(), command.tenant(), ACCESS_TOKEN);
        connection.webhookSecretCiphertext = cipher.encrypt(command.webhookSecret(), command.tenant(), WEBHOOK_SECRET);
        if (command.tokenLifetime() == null) {
            connection.tokenExpiresAt = null;
            connection.tokenRefreshAt = null;
        } else {
            setExpiry(connection, now, command.tokenLifetime());
        }
        connection.updatedAt = now;
    }

    /** Renewal starts the margin before expiry, or at three quarters of a short token's life. */
    private void setExpiry(ShopConnection connection, OffsetDateTime now, Duration lifetime) {
        Duration margin = shopify.tokenRefreshMargin();
        Duration quarter = lifetime.dividedBy(4);
        connection.tokenExpiresAt = now.plus(lifetime);
        connection.tokenRefreshAt = connection.tokenExpiresAt.minus(margin.compareTo(quarter) < 0 ? margin : quarter);
    }
}
