package com.proign.shopify.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyUnavailableException;
import com.proign.shopify.integration.repository.ShopSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps every connected store's webhook subscriptions registered: Shopify deletes a subscription whose
 * deliveries keep failing (https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks), and nothing tells the app. On an interval (default 15 minutes) each
 * store's subscriptions are listed and what is missing is created again, what is extra deleted; a store that is
 * in order costs one query. Stores are checked one after another, so a large fleet spreads its calls; one store
 * failing does not stop the others. Several instances may run it at once: a subscription created meanwhile by
 * another is answered "taken", which counts as done.
 */
@ApplicationScoped
public class WebhookMaintenance {

    private static final Logger LOG = Logger.getLogger(WebhookMaintenance.class);

    /** What one pass did. */
    public record Pass(int stores, int restored, int removed, int failed) {
    }

    private final ConnectionService connections;
    private final ShopSettingsRepository settings;
    private final AccessTokens tokens;
    private final WebhookRegistrar registrar;
    private final MeterRegistry metrics;
    private final WebhookHealth health;

    public WebhookMaintenance(ConnectionService connections, ShopSettingsRepository settings, AccessTokens tokens,
            WebhookRegistrar registrar, MeterRegistry metrics, WebhookHealth health) {
        this.health = health;
        this.connections = connections;
        this.settings = settings;
        this.tokens = tokens;
        this.registrar = registrar;
        this.metrics = metrics;
    }

    @Scheduled(every = "${integration.shopify.webhook-check-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return checkAll().replaceWithVoid();
    }

    public Uni<Pass> checkAll() {
        return connections.connectedTenants().chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> check(tenant).map(java.util.Optional::ofNullable))
                .collect().asList()
                .map(results -> summarise(tenants, results)));
    }

    /** One store; the registration, or null when it could not be checked. */
    public Uni<WebhookRegistrar.Registration> check(String tenant) {
        return tokens.current(tenant).chain(saved -> {
            if (saved.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            return Panache.withSession(() -> settings.findById(tenant))
                    .chain(s -> registrar.register(saved.get().shop().value(), saved.get().accessToken(),
                            s != null && s.inventorySync, s != null && s.fulfillmentServiceId != null))
                    .invoke(registration -> {
                        if (registration.created() > 0) {
                            metrics.counter("integration.webhooks.restored").increment(registration.created());
                            LOG.warnf("restored %d webhook subscription(s) of %s (tenant %s) that Shopify had removed",
                                    registration.created(), saved.get().shop(), tenant);
                        }
                    })
                    .call(registration -> connections.recordScopes(tenant, registration.grantedScopes()))
                    .call(registration -> health.checked(tenant, registration.created()));
        }).onFailure().call(e -> health.failed(tenant, e.getMessage())
                .onFailure().invoke(f -> LOG.warnf("could not record the webhook check of tenant %s: %s", tenant, f.getMessage()))
                .onFailure().recoverWithNull())
                .onFailure().recoverWithItem(e -> {
                    metrics.counter("integration.webhooks.check_failed").increment();
                    if (e instanceof ShopifyAccessException || e instanceof ShopifyUnavailableException) {
                        LOG.warnf("could not check the webhook subscriptions of tenant %s: %s", tenant, e.getMessage());
                    } else {
                        LOG.errorf(e, "could not check the webhook subscriptions of tenant %s", tenant);
                    }
                    return null;
                });
    }

    private static Pass summarise(List<String> tenants, List<java.util.Optional<WebhookRegistrar.Registration>> results) {
        int failed = (int) results.stream().filter(r -> r.isEmpty()).count();
        int restored = results.stream().flatMap(java.util.Optional::stream).mapToInt(WebhookRegistrar.Registration::created).sum();
        int removed = results.stream().flatMap(java.util.Optional::stream).mapToInt(WebhookRegistrar.Registration::deleted).sum();
        return new Pass(tenants.size(), restored, removed, failed);
    }
}
