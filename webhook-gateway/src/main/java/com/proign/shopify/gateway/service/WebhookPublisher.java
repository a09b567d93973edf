package com.proign.shopify.gateway.service;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.proign.shopify.gateway.WebhookDelivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes a verified delivery: the raw body as the record value, the delivery's metadata as CloudEvents
 * attributes in binary mode (ce_* headers). The returned Uni completes once Kafka acknowledged the record
 * (acks=all, idempotent producer), and only then does the gateway answer 200.
 */
@ApplicationScoped
public class WebhookPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public WebhookPublisher(@Channel("shopify-webhooks") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(WebhookDelivery delivery, String tenant, Route route) {
        OutgoingCloudEventMetadataBuilder<Object> event = OutgoingCloudEventMetadata.builder()
                .withId(delivery.webhookId())
                .withSource(URI.create("https://" + delivery.shopDomain()))
                .withType("com.shopify." + delivery.topic().replace('/', '.'))
                .withDataContentType("application/json")
                .withExtension("tenant", tenant)
                .withExtension("shopdomain", delivery.shopDomain())
                .withExtension("shopifytopic", delivery.topic())
                .withExtension("shopifyapiversion", delivery.apiVersion());
        if (delivery.eventId() != null) {
            event.withExtension("shopifyeventid", delivery.eventId());
        }
        ZonedDateTime triggeredAt = parseTime(delivery.triggeredAt());
        if (triggeredAt != null) {
            event.withTimestamp(triggeredAt);
        }
        Message<byte[]> message = Message.of(delivery.body())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(route.kafkaTopic())
                        .withKey(route.key())
                        .build())
                .addMetadata(event.build());
        return emitter.sendMessage(message);
    }

    private static ZonedDateTime parseTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toZonedDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
