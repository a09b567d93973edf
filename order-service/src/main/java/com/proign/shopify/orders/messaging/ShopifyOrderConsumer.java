package com.proign.shopify.orders.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.orders.mapping.InvalidOrderPayloadException;
import com.proign.shopify.orders.mapping.ShopifyOrderMapper;
import com.proign.shopify.orders.service.OrderIngestion;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Consumes order events (webhook deliveries and, later, pulled orders) into the queue. The record is
 * acknowledged when the Uni completes. Transient failures (database) retry with backoff; a record that cannot
 * be read fails at once and the channel's failure strategy sends it to the dead-letter topic, so one bad record
 * never stops the consumer.
 */
@ApplicationScoped
public class ShopifyOrderConsumer {

    private static final Logger LOG = Logger.getLogger(ShopifyOrderConsumer.class);

    private final ShopifyOrderMapper mapper;
    private final OrderIngestion ingestion;
    private final MeterRegistry metrics;

    public ShopifyOrderConsumer(ShopifyOrderMapper mapper, OrderIngestion ingestion, MeterRegistry metrics) {
        this.mapper = mapper;
        this.ingestion = ingestion;
        this.metrics = metrics;
    }

    @Incoming("shopify-orders")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> DeliveryMetadata.from(record.headers()))
                .chain(delivery -> ingestion.apply(delivery, mapper.map(record.value()))
                        .onFailure(ShopifyOrderConsumer::isTransient)
                        .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).withJitter(0.3).atMost(5)
                        .invoke(outcome -> {
                            metrics.counter("orders.ingested", "outcome", outcome.name()).increment();
                            LOG.debugf("order event %s of tenant %s: %s", delivery.deliveryId(), delivery.tenant(), outcome);
                        }))
                .onFailure().invoke(failure -> {
                    metrics.counter("orders.ingested", "outcome", "failed").increment();
                    LOG.warnf("order record %s-%d@%d not applied, dead-lettering it: %s",
                            record.topic(), record.partition(), record.offset(), failure.getMessage());
                })
                .replaceWithVoid();
    }

    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof PoisonRecordException || failure instanceof InvalidOrderPayloadException);
    }
}
