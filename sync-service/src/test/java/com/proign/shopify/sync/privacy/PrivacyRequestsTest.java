package com.proign.shopify.sync.privacy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.SyncServiceTest;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The privacy webhooks against what this service keeps: a customer's email or phone quoted in a log line, a job's
 * error or a dead letter is erased by customers/redact (once per delivery, recorded), nothing of another tenant's;
 * shop/redact deletes every row of the store but the record of the requests.
 */
@SyncServiceTest
class PrivacyRequestsTest {

    private static final String EMAIL = "zelda.quixote@example.com";
    private static final String PHONE = "+1 555 0100 4242";

    @Inject
    Pool pool;

    private void publish(String tenant, String topic, String webhookId, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", webhookId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString().getBytes(StandardCharsets.UTF_8));
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>("shopify.app", null, tenant, body.getBytes(StandardCharsets.UTF_8), headers))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
    }

    private void seed(String tenant) {
        sql("INSERT INTO sync_log (tenant, at, level, kind, message) VALUES ($1, now(), 'error', 'fulfillment', $2)",
                tenant, "fulfillment of #1001 refused by Shopify: address of " + EMAIL + " is not deliverable");
        sql("INSERT INTO sync_log (tenant, at, level, kind, message) VALUES ($1, now(), 'info', 'job', $2)",
                tenant, "history pull started: orders from 2026-11-01");
        sql("INSERT INTO sync_job (id, tenant, kind, status, from_date, to_date, order_status, created_at, updated_at, error) "
                + "VALUES ($1, $2, 'manual', 'failed', now(), now(), 'any', now(), now(), $3)",
                UUID.randomUUID(), tenant, "Shopify answered: phone " + PHONE + " is invalid");
        sql("INSERT INTO dead_letter (dlq_partition, dlq_offset, tenant, reason, dead_lettered_at, headers, body, body_size) "
                + "VALUES (0, $1, $2, 'unreadable', now(), '[]'::jsonb, $3, 10)",
                System.nanoTime(), tenant, io.vertx.core.buffer.Buffer.buffer(("{\"email\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCustomersQuotedDataIsErasedOnceAndTheStoreGoesOnShopRedact() {
        // names of this run's own: in CI one broker serves every module's tests, and shopify.app holds theirs too
        String privy = "privy-sync-" + Long.toString(System.nanoTime(), 36);
        String other = privy + "-other";
        String run = Long.toString(System.nanoTime(), 36);
        seed(privy);
        seed(other);
        String redact = "{\"shop_id\":1,\"shop_domain\":\"privy.myshopify.com\",\"customer\":{\"id\":7001,\"email\":\""
                + EMAIL + "\",\"phone\":\"" + PHONE + "\"},\"orders_to_redact\":[1]}";
        publish(privy, "customers/redact", "cr-" + run, redact);
        publish(privy, "customers/redact", "cr-" + run, redact);
        publish(privy, "customers/data_request", "dr-" + run, redact.replace("orders_to_redact", "orders_requested"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM privacy_request WHERE tenant = '" + privy + "' "
                + "AND webhook_id IN ('cr-" + run + "', 'dr-" + run + "') AND outcome <> 'started'") == 2);

        assertEquals(List.of(), rows(privy).stream().filter(PrivacyRequestsTest::personal).toList());
        assertEquals(1, count("SELECT count(*) FROM sync_log WHERE tenant = '" + privy + "' AND message LIKE 'history pull started%'"),
                "what quoted nobody stays");
        assertEquals(1, count("SELECT count(*) FROM privacy_request WHERE tenant = '" + privy + "' AND webhook_id = 'cr-" + run + "'"));
        String erased = pool.query("SELECT erased FROM privacy_request WHERE tenant = '" + privy + "' AND webhook_id = 'cr-" + run + "'")
                .execute().await().indefinitely().iterator().next().getString(0);
        assertTrue(erased.contains("sync_log.message 1") && erased.contains("sync_job.error 1")
                && erased.contains("dead_letter.body 1"), erased);
        assertEquals("nothing_held", pool.query("SELECT outcome FROM privacy_request WHERE webhook_id = 'dr-" + run + "'").execute()
                .await().indefinitely().iterator().next().getString(0));
        assertTrue(rows(other).stream().anyMatch(PrivacyRequestsTest::personal), "another tenant's rows are its own");

        publish(privy, "shop/redact", "sr-" + run, "{\"shop_id\":1,\"shop_domain\":\"privy.myshopify.com\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM privacy_request WHERE tenant = '" + privy + "' AND webhook_id = 'sr-" + run + "' AND outcome = 'erased'") == 1);
        assertEquals(List.of(), rows(privy).stream().filter(row -> !row.startsWith("privacy_request ")).toList());
        assertTrue(count("SELECT count(*) FROM sync_log WHERE tenant = '" + other + "'") == 2);
    }

    private static boolean personal(String row) {
        return row.contains(EMAIL) || row.contains(PHONE) || row.contains("\\\\x7b22656d61696c");
    }

    /** Every row of every table that names the tenant, as text (bytea as hex). */
    private List<String> rows(String tenant) {
        List<String> rows = new ArrayList<>();
        pool.query("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant'")
                .execute().await().indefinitely().forEach(table -> pool.preparedQuery("SELECT to_jsonb(t)::text FROM "
                        + table.getString(0) + " t WHERE tenant = $1").execute(Tuple.of(tenant)).await().indefinitely()
                        .forEach(row -> rows.add(table.getString(0) + " " + row.getString(0))));
        pool.preparedQuery("SELECT convert_from(body, 'UTF8') FROM dead_letter WHERE tenant = $1 AND body IS NOT NULL")
                .execute(Tuple.of(tenant)).await().indefinitely().forEach(row -> rows.add("dead_letter body " + row.getString(0)));
        return rows;
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.tuple(java.util.Arrays.asList(args))).await().indefinitely();
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
