package com.proign.shopify.orders.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.proign.shopify.orders.OutboxRecord;

import com.proign.shopify.orders.context.Contexts;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes the outbox: records written in the transaction of the change they announce, in id order, each with
 * its CloudEvents id (consumers deduplicate on it), then marked published. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share the work without publishing a row twice; a crash
 * after the send and before the mark publishes it again, which the id makes harmless. Runs every second and
 * right after a change; while Kafka is down, records wait in the table.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry metrics;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    @Scheduled(every = "${orders.outbox.relay-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return publishPending()
                .invoke(published -> {
                    long since = failingSince.getAndSet(0);
                    if (since != 0) {
                        LOG.infof("the outbox is published again after %d s", (System.nanoTime() - since) / 1_000_000_000L);
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    // every second while the database or Kafka is out: said once, then every 30 s
                    long now = System.nanoTime();
                    if (failingSince.compareAndSet(0, now) || now - lastWarned.get() > 30_000_000_000L) {
                        lastWarned.set(now);
                        LOG.warnf("publishing the outbox failed (for %d s now), each run retries: %s",
                                (now - failingSince.get()) / 1_000_000_000L, e.getMessage());
                    }
                    return 0;
                }).replaceWithVoid();
    }

    private final java.util.concurrent.atomic.AtomicLong failingSince = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lastWarned = new java.util.concurrent.atomic.AtomicLong();

    /** Publishes what is pending now, within {@code timeout} (the rest is left to the schedule). */
    public Uni<Integer> publishSoon(Duration timeout) {
        return publishPending().ifNoItem().after(timeout).recoverWithItem(0)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("outbox not published now (%s); the relay retries", e.getMessage());
                    return 0;
                });
    }

    public Uni<Integer> publishPending() {
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH
                        + " FOR UPDATE SKIP LOCKED", OutboxRecord.class)
                .getResultList()
                .chain(records -> Multi.createFrom().iterable(records)
                        .onItem().transformToUniAndConcatenate(record -> send(record, context))
                        .collect().asList()
                        .invoke(sent -> {
                            OffsetDateTime now = OffsetDateTime.now();
                            sent.forEach(r -> r.publishedAt = now);
                            metrics.counter("orders.outbox.published").increment(sent.size());
                        })
                        .map(List::size))));
    }

    private Uni<OutboxRecord> send(OutboxRecord record, Context context) {
        Message<String> message = Message.of(record.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(record.topic).withKey(record.recordKey).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(record.eventId.toString())
                        .withType(record.eventType)
                        .withSource(URI.create("urn:proign:order-service"))
                        .withDataContentType("application/json")
                        .withExtension("tenant", record.tenant)
                        .build());
        if (record.traceparent != null) {
            // the request continues the trace the order came in with: the producer span (and the traceparent
            // header it writes) are children of it, not of this relay's run
            message = message.addMetadata(TracingMetadata.withCurrent(TraceContexts.parse(record.traceparent)));
        }
        // the acknowledgement comes on Kafka's thread; the session lives on this context
        return Contexts.deliverOn(context, emitter.sendMessage(message)).replaceWith(record);
    }
}
