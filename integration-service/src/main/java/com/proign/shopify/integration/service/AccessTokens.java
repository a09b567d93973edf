package com.proign.shopify.integration.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyAdminClient;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.service.ConnectionService.SavedCredentials;

import com.proign.shopify.integration.context.Contexts;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A connected store's valid access token. Permanent tokens are served as saved; a client-credentials token is
 * renewed once it is due (the margin before expiry), one renewal at a time per store: callers in this instance
 * share the renewal in flight, and other instances wait on the connection's row lock and then find it renewed.
 * When a renewal fails but the saved token has not expired yet, that token is served and renewal is tried again
 * on the next call.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    private final ConnectionService connections;
    private final ShopifyAdminClient shopify;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Uni<Optional<SavedCredentials>>> renewals = new ConcurrentHashMap<>();

    public AccessTokens(ConnectionService connections, ShopifyAdminClient shopify, MeterRegistry metrics, Clock clock) {
        this.connections = connections;
        this.shopify = shopify;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The tenant's credentials with a token valid now; empty when the tenant has no connected store. */
    public Uni<Optional<SavedCredentials>> current(String tenant) {
        return connections.savedCredentials(tenant).chain(saved -> {
            if (saved.isEmpty() || !saved.get().dueForRefresh(OffsetDateTime.now(clock))) {
                return Uni.createFrom().item(saved);
            }
            // a shared renewal completes on the context of whoever started it
            return Contexts.onCallersContext(renewal(tenant));
        });
    }

    private Uni<Optional<SavedCredentials>> renewal(String tenant) {
        return renewals.computeIfAbsent(tenant, t -> renew(t)
                .onTermination().invoke(() -> renewals.remove(t))
                .memoize().indefinitely());
    }

    private Uni<Optional<SavedCredentials>> renew(String tenant) {
        return Panache.withTransaction(() -> connections.lockCredentials(tenant).chain(locked -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (locked.isEmpty() || !locked.get().dueForRefresh(now)) {
                return Uni.createFrom().item(locked); // disconnected, or renewed by another instance meanwhile
            }
            SavedCredentials saved = locked.get();
            return shopify.mintToken(saved.shop().value(), saved.clientId(), saved.clientSecret())
                    .chain(minted -> connections.saveMintedToken(tenant, minted.accessToken(), minted.lifetime()))
                    .invoke(renewed -> {
                        metrics.counter("integration.tokens.renewed", "outcome", "renewed").increment();
                        LOG.infof("renewed the access token of %s (tenant %s), valid until %s",
                                renewed.shop(), tenant, renewed.expiresAt());
                    })
                    .map(Optional::of)
                    .onFailure(e -> (e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException)
                            && !saved.expired(now))
                    .recoverWithItem(e -> {
                        metrics.counter("integration.tokens.renewed", "outcome", "failed").increment();
                        LOG.warnf("renewing the access token of %s (tenant %s) failed, the current one serves until %s: %s",
                                saved.shop(), tenant, saved.expiresAt(), e.getMessage());
                        return locked;
                    });
        }));
    }
}
