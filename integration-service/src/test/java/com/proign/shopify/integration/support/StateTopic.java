package com.proign.shopify.integration.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import com.proign.shopify.testinfra.AsyncApiContract;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads integration.settings, the compacted topic of tenants' states, from its start. */
public final class StateTopic implements AutoCloseable {

    private final ConsumerTask<String, String> task;

    public StateTopic(KafkaCompanion kafka) {
        this.task = kafka.consume(String.class, String.class)
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("state-topic-test-" + System.nanoTime())
                .fromTopics("integration.settings");
    }

    /** Every record of the tenant so far, oldest first. */
    public List<ConsumerRecord<String, String>> records(String tenant) {
        return task.getRecords().stream().filter(r -> tenant.equals(r.key())).toList();
    }

    /**
     * Waits for the tenant's latest record to match, and answers it; every record of the tenant so far must be what
     * the topics' contract says (docs/asyncapi.yaml, message tenantState).
     */
    public JsonPath awaitLatest(String tenant, Predicate<JsonPath> condition) {
        JsonPath latest = await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ConsumerRecord<String, String>> records = records(tenant);
            return records.isEmpty() ? null : JsonPath.from(records.get(records.size() - 1).value());
        }, state -> state != null && condition.test(state));
        for (ConsumerRecord<String, String> record : records(tenant)) {
            if (record.value() != null) {
                assertEquals(List.of(), AsyncApiContract.violations("tenantState", record.value()), record.value());
            }
        }
        return latest;
    }

    @Override
    public void close() {
        task.close();
    }
}
