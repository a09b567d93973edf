package com.proign.shopify.orders.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.mapping.InvalidOrderPayloadException;
import com.proign.shopify.orders.mapping.ShopifyOrderMapper;
import com.proign.shopify.orders.service.OrderIngestion.Event;
import com.proign.shopify.orders.service.OrderIngestion.Outcome;
import com.proign.shopify.orders.service.OrderIngestion;
import com.proign.shopify.orders.service.PoisonRecordException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Consumes order events (webhook deliveries and pulled orders) into the queue, a poll's worth at a time: the
 * records that read are applied in one transaction (OrderIngestion#applyAll); an outage of the database or Kafka is
 * waited out for as long as it lasts ({@link Outages}); a record that cannot be read goes to the dead-letter topic
 * with the reason at once. Should a batch fail for another reason, its records are applied one by one, and only
 * those that can never be applied are dead-lettered, so one bad record never holds up or takes down the others. The
 * poll is acknowledged when all of that is done.
 */
@ApplicationScoped
public class ShopifyOrderConsumer {

    private static final Logger LOG = Logger.getLogger(ShopifyOrderConsumer.class);

    private final ShopifyOrderMapper mapper;
    private final OrderIngestion ingestion;
    private final MeterRegistry metrics;
    private final MutinyEmitter<byte[]> deadLetters;

    public ShopifyOrderConsumer(ShopifyOrderMapper mapper, OrderIngestion ingestion, MeterRegistry metrics,
            @Channel("order-dead-letters") MutinyEmitter<byte[]> deadLetters) {
        this.mapper = mapper;
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    /** Shopify's notices of an order edit and a refund (their bodies are the edit and the refund, not the order). */
    static final java.util.Set<String> NOTICES = java.util.Set.of("orders/edited", "refunds/create");

    private record Parsed(ConsumerRecord<String, byte[]> record, Event event) {
    }

    @Incoming("shopify-orders")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Context context = Vertx.currentContext();
        List<Parsed> parsed = new ArrayList<>(records.count());
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Delivery delivery = DeliveryMetadata.from(record.headers());
                if (NOTICES.contains(delivery.topic())) {
                    // the edit or refund itself, not the order: the orders/updated Shopify sends with it (or the interval
                    // reconciliation, if that one is lost) carries the order as edited, and the queue's rules apply then
                    metrics.counter("orders.ingested", "outcome", "edit_notice").increment();
                    LOG.debugf("%s %s of tenant %s noted; the order follows with orders/updated", delivery.topic(),
                            delivery.id(), delivery.tenant());
                    continue;
                }
                parsed.add(new Parsed(record, new Event(delivery, mapper.map(record.value()))));
            } catch (PoisonRecordException | InvalidOrderPayloadException e) {
                poison.add(deadLetter(record, e));
            }
        }
        Uni<Void> applied = parsed.isEmpty() ? Uni.createFrom().voidItem()
                : Outages.waitOut(context, "a batch of " + parsed.size() + " order records", Outages::cannotBeApplied,
                        ingestion.applyAll(parsed.stream().map(Parsed::event).toList()))
                        .invoke(this::count)
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> {
                            LOG.warnf("a batch of %d order records failed (%s); applying them one by one",
                                    parsed.size(), failure.getMessage());
                            return oneByOne(parsed, context);
                        });
        return applied.chain(() -> poison.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(poison).andCollectFailures().replaceWithVoid());
    }

    /** A batch that would not apply, record by record: only a record that can never be applied is dead-lettered. */
    private Uni<Void> oneByOne(List<Parsed> parsed, Context context) {
        return Multi.createFrom().iterable(parsed).onItem().transformToUniAndConcatenate(p -> Outages.waitOut(context,
                "order record " + p.record().topic() + "-" + p.record().partition() + "@" + p.record().offset(),
                Outages::cannotBeApplied, ingestion.applyAll(List.of(p.event())))
                .invoke(this::count)
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> deadLetter(p.record(), e)))
                .collect().last().replaceWithVoid();
    }

    private void count(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            metrics.counter("orders.ingested", "outcome", outcome.name()).increment();
        }
    }

    /** The record as it came, with SmallRye's dead-letter headers: reason, cause, and where it came from. */
    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason) {
        metrics.counter("orders.ingested", "outcome", "dead_lettered").increment();
        LOG.warnf("order record %s-%d@%d dead-lettered: %s", record.topic(), record.partition(), record.offset(),
                reason.getMessage());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        if (reason.getCause() != null) {
            headers.add("dead-letter-cause", String.valueOf(reason.getCause().getMessage()).getBytes(StandardCharsets.UTF_8));
        }
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        // a broker that cannot take the dead letter now is waited for too: the record stays unacknowledged
        return Outages.waitOut("dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                failure -> false, Uni.createFrom().deferred(() -> deadLetters.sendMessage(Message.of(
                        record.value() == null ? new byte[0] : record.value())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(record.key()).withHeaders(headers).build()))));
    }
}
