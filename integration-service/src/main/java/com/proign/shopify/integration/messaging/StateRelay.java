package com.proign.shopify.integration.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.context.Contexts;
import com.proign.shopify.integration.repository.ShopConnectionRepository;
import com.proign.shopify.integration.repository.ShopSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes tenants' states (TenantState) to the compacted topic integration.settings, keyed by tenant. The
 * database is the outbox: a state change raises the settings row's version in the change's own transaction, and
 * the relay publishes every row whose published_version is behind, then records what it published. A crash or a
 * Kafka outage between commit and publication only delays it; a record may be published twice, which a
 * compacted topic read by version tolerates. The relay runs on a schedule and right after each change.
 */
@ApplicationScoped
public class StateRelay {

    private static final Logger LOG = Logger.getLogger(StateRelay.class);
    private static final int BATCH = 100;

    private final MutinyEmitter<String> emitter;
    private final ShopSettingsRepository settings;
    private final ShopConnectionRepository connections;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public StateRelay(@Channel("integration-settings") MutinyEmitter<String> emitter, ShopSettingsRepository settings,
            ShopConnectionRepository connections, ObjectMapper json, MeterRegistry metrics) {
        this.emitter = emitter;
        this.settings = settings;
        this.connections = connections;
        this.json = json;
        this.metrics = metrics;
    }

    @Scheduled(every = "${integration.state.relay-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return publishPending().onFailure().recoverWithItem(e -> {
            LOG.warnf("publishing tenant states failed, next run retries: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /**
     * Publishes what is pending, a batch at a time; how many states it published. Never waits longer than
     * {@code timeout} for a change made by a request, which then leaves the rest to the schedule.
     */
    public Uni<Integer> publishSoon(Duration timeout) {
        return publishPending()
                .ifNoItem().after(timeout).recoverWithItem(0)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("publishing tenant states failed, the relay retries: %s", e.getMessage());
                    return 0;
                });
    }

    public Uni<Integer> publishPending() {
        return Panache.withSession(() -> settings.unpublished(BATCH).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().item(List.<TenantState>of());
            }
            List<String> tenants = pending.stream().map(s -> s.tenant).toList();
            return connections.list("tenant in ?1", tenants).map(found -> {
                Map<String, ShopConnection> byTenant = found.stream()
                        .collect(Collectors.toMap(c -> c.tenant, Function.identity()));
                return pending.stream().map(s -> TenantState.of(s, byTenant.get(s.tenant))).toList();
            });
        })).chain(states -> Multi.createFrom().iterable(states)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().asList()
                .chain(published -> published.size() == BATCH
                        ? publishPending().map(more -> published.size() + more)
                        : Uni.createFrom().item(published.size())));
    }

    private Uni<TenantState> publish(TenantState state) {
        Message<String> message = Message.of(serialize(state))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(state.tenant()).build());
        return Contexts.onCallersContext(emitter.sendMessage(message))
                .chain(() -> Panache.withTransaction(() -> settings.markPublished(state.tenant(), state.version())))
                .invoke(() -> {
                    metrics.counter("integration.state.published").increment();
                    LOG.debugf("published the state of tenant %s, version %d", state.tenant(), state.version());
                })
                .replaceWith(state);
    }

    private String serialize(TenantState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state of tenant " + state.tenant(), e);
        }
    }

}
