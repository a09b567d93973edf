package com.proign.shopify.orders.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.orders.service.CustomerPrivacy;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Follows shopify.app for the privacy topics (customers/redact, customers/data_request, shop/redact), applied by
 * {@link CustomerPrivacy}; app/uninstalled is integration-service's. An outage is waited out; a record that cannot be
 * read goes to the dead-letter topic.
 */
@ApplicationScoped
public class PrivacyConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyConsumer.class);
    private static final Set<String> TOPICS = Set.of("customers/redact", "customers/data_request", "shop/redact");

    private final CustomerPrivacy privacy;
    private final MeterRegistry metrics;

    public PrivacyConsumer(CustomerPrivacy privacy, MeterRegistry metrics) {
        this.privacy = privacy;
        this.metrics = metrics;
    }

    @Incoming("shopify-app")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        // app/uninstalled, and records naming no topic, are integration-service's (it dead-letters what it cannot read)
        var topic = record.headers().lastHeader("ce_shopifytopic");
        if (topic == null || !TOPICS.contains(new String(topic.value(), StandardCharsets.UTF_8))) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> DeliveryMetadata.from(record.headers())).chain(delivery -> {
            CustomerPrivacy.Request request = CustomerPrivacy.Request.read(delivery.topic(), record.value());
            return Outages.waitOut(delivery.topic() + " " + delivery.id(), Outages::cannotBeApplied,
                    privacy.apply(delivery, time(record), request))
                    .invoke(outcome -> metrics.counter("orders.privacy_requests", "topic", delivery.topic(),
                            "outcome", outcome.name()).increment())
                    .replaceWithVoid();
        }).onFailure().invoke(failure -> {
            metrics.counter("orders.privacy_requests", "topic", "unknown", "outcome", "dead_lettered").increment();
            LOG.warnf("shopify.app record %d@%d not applied, dead-lettering it: %s", record.partition(), record.offset(),
                    failure.getMessage());
        });
    }

    private static OffsetDateTime time(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("ce_time");
        try {
            return header == null ? null : OffsetDateTime.parse(new String(header.value(), StandardCharsets.UTF_8));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
