package com.proign.shopify.sync.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.repository.DeadLetterRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;

/**
 * Reads this service's own dead-letter topic into the dead-letter table, where operators list and replay them
 * (DeadLetterResource). Keeps each record as it came: its headers but the dead-letter ones, its key and body.
 */
@ApplicationScoped
public class DeadLetterConsumer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeadLetterConsumer.class);

    /** The header a replay carries, naming the dead letter it came from. */
    public static final String REPLAYED_FROM = "replayed-from";

    private final DeadLetterRepository deadLetters;
    private final java.time.Duration retention;

    public DeadLetterConsumer(DeadLetterRepository deadLetters,
            SyncConfig config) {
        this.deadLetters = deadLetters;
        this.retention = config.deadLetters().retention();
    }

    /** Rows of dead letters the topic no longer keeps either (its retention) are forgotten, with their bodies. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m",
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOld() {
        return deadLetters.forgetOlderThan(OffsetDateTime.now().minus(retention)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    @Incoming("own-dead-letters")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        JsonArray headers = new JsonArray();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(new JsonArray().add(header.key())
                        .add(header.value() == null ? null : Base64.getEncoder().encodeToString(header.value())));
            }
        }
        String reason = text(record, "dead-letter-reason");
        var arrived = new DeadLetterRepository.Arrived(record.topic(), record.partition(), record.offset(),
                text(record, "ce_tenant"), record.key(), text(record, "dead-letter-topic"),
                number(text(record, "dead-letter-partition")), offset(text(record, "dead-letter-offset")),
                reason == null ? "no reason given" : reason, text(record, "dead-letter-cause"),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC), headers, record.value(),
                text(record, REPLAYED_FROM));
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        // a failure is said here, in one line and without the record (its body may hold a customer's data)
        return Outages.waitOut("keeping dead letter " + position, failure -> false, deadLetters.keep(arrived))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("dead letter %s could not be kept for operators: %s", position, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long offset(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
