package com.proign.shopify.sync.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.messaging.Outages;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Follows shopify.app for the privacy topics (customers/redact, customers/data_request, shop/redact), applied by
 * {@link PrivacyRequests}; app/uninstalled is integration-service's. An outage is waited out; a record that cannot be
 * read goes to the dead-letter topic.
 */
@ApplicationScoped
public class PrivacyConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyConsumer.class);
    private static final Set<String> TOPICS = Set.of("customers/redact", "customers/data_request", "shop/redact");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record that can never be applied. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private final PrivacyRequests privacy;
    private final MeterRegistry metrics;

    public PrivacyConsumer(PrivacyRequests privacy, MeterRegistry metrics) {
        this.privacy = privacy;
        this.metrics = metrics;
    }

    @Incoming("shopify-app")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String topic = header(record, "ce_shopifytopic");
        // app/uninstalled, and records naming no topic, are integration-service's (it dead-letters what it cannot read)
        if (topic == null || !TOPICS.contains(topic)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> read(record, topic))
                .chain(request -> Outages.waitOut(topic + " " + request.webhookId(),
                        e -> e instanceof Unreadable || Outages.refusedByDatabase(e),
                        Uni.createFrom().deferred(() -> privacy.apply(request)))
                        .invoke(outcome -> metrics.counter("sync.privacy_requests", "topic", topic, "outcome", outcome.name())
                                .increment()))
                .onFailure().invoke(failure -> {
                    metrics.counter("sync.privacy_requests", "topic", String.valueOf(topic), "outcome", "dead_lettered").increment();
                    LOG.warnf("shopify.app record %d@%d not applied, dead-lettering it: %s", record.partition(),
                            record.offset(), failure.getMessage());
                })
                .replaceWithVoid();
    }

    private static PrivacyRequests.Request read(ConsumerRecord<String, byte[]> record, String topic) {
        String tenant = header(record, "ce_tenant");
        String id = header(record, "ce_id");
        if (tenant == null || id == null || topic == null) {
            throw new Unreadable("a shopify.app record without ce_tenant, ce_id or ce_shopifytopic");
        }
        JsonNode customer;
        try {
            JsonNode body = record.value() == null ? null : JSON.readTree(record.value());
            if (body == null || !body.isObject()) {
                throw new Unreadable("unreadable " + topic + ": not a JSON object");
            }
            customer = body.path("customer");
        } catch (IOException e) {
            throw new Unreadable("unreadable " + topic + ": not JSON");
        }
        return new PrivacyRequests.Request(tenant, topic, id, time(header(record, "ce_time")),
                customer.path("email").isTextual() ? customer.path("email").asText() : null,
                customer.path("phone").isTextual() ? customer.path("phone").asText() : null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static OffsetDateTime time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
