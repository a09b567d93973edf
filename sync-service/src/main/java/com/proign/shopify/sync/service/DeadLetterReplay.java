package com.proign.shopify.sync.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.repository.DeadLetterRepository;
import com.proign.shopify.sync.repository.DeadLetterRepository.Claimed;
import com.proign.shopify.sync.repository.DeadLetterRepository.Filter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonArray;

/**
 * Replays dead letters after their cause is fixed: each selected one not replayed yet is claimed (a claim older than
 * a minute is taken over, should an instance die half-way), published again to the topic it came from with its key
 * and headers and a {@code replayed-from} header, and marked replayed once Kafka has it; a second replay of it
 * changes nothing. Its consumer applies it once: it deduplicates on {@code ce_id}, which the replay keeps. One that
 * fails again comes back as a new dead letter with its new reason, naming the one it replayed.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration CLAIM_LEASE = Duration.ofMinutes(1);
    /** Only the topics this service consumes: a header never sends a record anywhere else. */
    static final Set<String> REPLAYABLE_TOPICS = Set.of("order-service.fulfillment-requests", "shopify.products",
            "shopify.inventory-levels", "integration.settings");
    public static final String DLQ_TOPIC = "sync-service.dlq";

    /** What became of one selected dead letter. */
    public record Outcome(long id, String result, String detail) {
    }

    private final DeadLetterRepository deadLetters;
    private final MutinyEmitter<byte[]> replays;

    public DeadLetterReplay(DeadLetterRepository deadLetters, @Channel("dead-letter-replays") MutinyEmitter<byte[]> replays) {
        this.deadLetters = deadLetters;
        this.replays = replays;
    }

    /** Replays the dead letters of {@code ids}, or else all that {@code filter} selects. */
    public Uni<List<Outcome>> replay(List<Long> ids, Filter filter) {
        return deadLetters.claim(ids, filter, CLAIM_LEASE, DLQ_TOPIC)
                .chain(claimed -> Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(this::publish)
                        .collect().asList()
                        .chain(outcomes -> ids == null || ids.isEmpty() ? Uni.createFrom().item(outcomes)
                                : notClaimed(ids, outcomes)));
    }

    private Uni<Outcome> publish(Claimed d) {
        if (d.sourceTopic() == null || !REPLAYABLE_TOPICS.contains(d.sourceTopic())) {
            return deadLetters.release(d.id()).replaceWith(new Outcome(d.id(), "not_replayable",
                    "it came from " + (d.sourceTopic() == null ? "no named topic" : d.sourceTopic())
                            + ", which this service does not consume"));
        }
        RecordHeaders headers = new RecordHeaders();
        for (Object entry : d.headers()) {
            JsonArray header = (JsonArray) entry;
            String value = header.getString(1);
            if (!"replayed-from".equals(header.getString(0))) {
                headers.add(header.getString(0), value == null ? null : Base64.getDecoder().decode(value));
            }
        }
        headers.add("replayed-from", d.position().getBytes(StandardCharsets.UTF_8));
        Message<byte[]> message = Message.of(d.body() == null ? new byte[0] : d.body())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(d.sourceTopic()).withKey(d.key())
                        .withHeaders(headers).build());
        return replays.sendMessage(message)
                .chain(() -> deadLetters.markReplayed(d.id()))
                .invoke(() -> LOG.infof("dead letter %d (%s) replayed to %s", d.id(), d.position(), d.sourceTopic()))
                .replaceWith(new Outcome(d.id(), "replayed", "to " + d.sourceTopic()))
                .onFailure().recoverWithUni(failure -> deadLetters.release(d.id())
                        .replaceWith(new Outcome(d.id(), "failed", "Kafka did not take it: " + failure.getMessage())));
    }

    /** Why the named ids that were not claimed were not: replayed before, being replayed, or unknown. */
    private Uni<List<Outcome>> notClaimed(List<Long> ids, List<Outcome> outcomes) {
        List<Long> missing = new ArrayList<>(ids);
        outcomes.forEach(outcome -> missing.remove(outcome.id()));
        if (missing.isEmpty()) {
            return Uni.createFrom().item(outcomes);
        }
        return deadLetters.byIds(missing, DLQ_TOPIC).map(found -> {
            List<Outcome> all = new ArrayList<>(outcomes);
            for (long id : missing) {
                var letter = found.stream().filter(f -> f.id() == id).findFirst();
                all.add(letter.isEmpty() ? new Outcome(id, "not_found", "no dead letter has this id")
                        : letter.get().replayedAt() != null
                                ? new Outcome(id, "already_replayed", "replayed at " + letter.get().replayedAt())
                                : new Outcome(id, "in_progress", "another replay of it is under way"));
            }
            return all;
        });
    }
}
