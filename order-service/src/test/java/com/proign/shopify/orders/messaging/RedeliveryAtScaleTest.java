package com.proign.shopify.orders.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * 10,000 deliveries as Shopify's at-least-once webhooks bring them: 2,000 orders in four versions each, 20 %
 * of the deliveries redelivered (same webhook id), and 10 % of the versions swapped with their neighbour
 * (delivered before the version they follow). Each order must end in its newest version, once.
 */
@OrderServiceTest
class RedeliveryAtScaleTest {

    private static final String TENANT = "bulk";
    private static final int ORDERS = 2_000;
    private static final int VERSIONS = 4;
    private static final String[] FINANCIAL = { "pending", "authorized", "paid", "partially_refunded" };

    @Inject
    Pool pool;

    private record Delivery(String id, long orderId, byte[] body) {
    }

    @Test
    void tenThousandDeliveriesWithDuplicatesAndReorderingLeaveExactlyTheNewestOrders() {
        Random random = new Random(42);
        OffsetDateTime base = OffsetDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.ofHours(-4));
        List<Delivery> stream = new ArrayList<>();
        for (int o = 0; o < ORDERS; o++) {
            long orderId = 5_000_000_000_000_000L + o; // beyond 2^53
            List<Delivery> versions = new ArrayList<>();
            for (int v = 1; v <= VERSIONS; v++) {
                int version = v;
                byte[] body = OrderEvents.order(orderId, base.plusMinutes(o).plusSeconds(v).toString(), FINANCIAL[v - 1],
                        order -> order.put("total_price", version + ".00"));
                versions.add(new Delivery("bulk-" + UUID.randomUUID(), orderId, body));
            }
            stream.addAll(versions);
        }
        // 10 % reordered: a version swapped with the one before it (same order, so same key and partition)
        int swaps = 0;
        while (swaps < stream.size() / 10) {
            int i = 1 + random.nextInt(stream.size() - 1);
            if (stream.get(i).orderId() == stream.get(i - 1).orderId()) {
                Collections.swap(stream, i, i - 1);
                swaps++;
            }
        }
        // 20 % of the 10,000 are redeliveries of a delivery already in the stream, a little later
        int unique = stream.size();
        int duplicates = 2_000;
        for (int d = 0; d < duplicates; d++) {
            int source = random.nextInt(unique);
            Delivery copy = stream.get(source);
            int at = Math.min(stream.size(), source + 1 + random.nextInt(50));
            stream.add(at, copy);
        }
        assertEquals(10_000, stream.size());

        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (Delivery delivery : stream) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_tenant", TENANT.getBytes(StandardCharsets.UTF_8));
                headers.add("ce_id", delivery.id().getBytes(StandardCharsets.UTF_8));
                headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_shopifytopic", "orders/updated".getBytes(StandardCharsets.UTF_8));
                records.add(new ProducerRecord<>("shopify.orders", null, TENANT + ":" + delivery.orderId(), delivery.body(), headers));
            }
            kafka.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }

        long started = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "SELECT count(*) FROM processed_delivery WHERE tenant = $1", TENANT) == unique);
        System.out.printf("RedeliveryAtScaleTest: %d unique deliveries applied within %d ms of the last send%n",
                unique, (System.nanoTime() - started) / 1_000_000);

        Map<Long, Row> orders = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT shopify_order_id, total_price, financial_status, status FROM shop_order WHERE tenant = $1")
                .execute(Tuple.of(TENANT)).await().indefinitely()) {
            orders.put(row.getLong("shopify_order_id"), row);
        }
        assertEquals(ORDERS, orders.size(), "one order per Shopify order");
        for (Map.Entry<Long, Row> entry : orders.entrySet()) {
            Row row = entry.getValue();
            assertEquals(new BigDecimal("4.00"), row.getBigDecimal("total_price"), "order " + entry.getKey());
            assertEquals("partially_refunded", row.getString("financial_status"), "order " + entry.getKey());
        }
        assertEquals(ORDERS, count("SELECT count(*) FROM shop_order WHERE tenant = $1 AND status = 'pending'", TENANT),
                "each order entered the queue once it was paid");
        assertEquals(ORDERS, count("SELECT count(DISTINCT order_id) FROM order_line WHERE tenant = $1", TENANT));
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }
}
