package com.proign.shopify.orders.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.ShopifySamples;
import com.proign.shopify.testinfra.TestTokens;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@OrderServiceTest
class OrderIngestionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Shopify's sample order with the given id and updated_at, and optionally another financial status. */
    private static byte[] order(long id, String updatedAt, String financialStatus) {
        try {
            ObjectNode order = (ObjectNode) JSON.readTree(ShopifySamples.bytes(ShopifySamples.ORDER));
            order.put("id", id);
            order.put("updated_at", updatedAt);
            order.put("financial_status", financialStatus);
            return JSON.writeValueAsBytes(order);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A record as the gateway publishes it: CloudEvents headers, key tenant:order-id, raw body. */
    private void publish(String tenant, String deliveryId, String key, byte[] body) {
        publish(tenant, deliveryId, key, body, "orders/updated");
    }

    private void publish(String tenant, String deliveryId, String key, byte[] body, String shopifyTopic) {
        RecordHeaders headers = new RecordHeaders();
        if (tenant != null) {
            headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("ce_id", deliveryId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", shopifyTopic.getBytes(StandardCharsets.UTF_8));
        // as large as the gateway's producer sends (9 MiB)
        kafka.produce(String.class, byte[].class).withProp("max.request.size", "9437184")
                .fromRecords(new ProducerRecord<>("shopify.orders", null, key, body, headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    private void awaitDelivery(String tenant, String deliveryId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM processed_delivery WHERE tenant = $1 AND webhook_id = $2", tenant, deliveryId) == 1);
    }

    @Test
    void importsAnOrderIntoTheQueueInTheSeedsShape() {
        publish("north", "d-" + UUID.randomUUID(), "north:1073459981", ShopifySamples.bytes(ShopifySamples.ORDER));
        String token = TestTokens.user("north", "member");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("shopify_order_id", 1073459981L)
                .get("/api/north/orders").then().statusCode(200).body("orders", hasSize(1)));

        String id = given().auth().oauth2(token).queryParam("shopify_order_id", 1073459981L)
                .get("/api/north/orders").then().statusCode(200)
                .body("orders[0].shopify_order_id", equalTo(1073459981))
                .body("orders[0].shopify_order_number", equalTo("#1002"))
                .body("orders[0].status", equalTo("pending"))
                .body("orders[0].items[0].sku", equalTo("IPOD2009BLACK"))
                .body("orders[0].items[0].title", equalTo("IPod Touch 8GB"))
                .body("orders[0].items[0].quantity", equalTo(1))
                .body("orders[0].shipping_address.name", equalTo("Jane Smith"))
                .body("orders[0].shipping_address.address1", equalTo("123 Fake Street"))
                .body("orders[0].shipping_address.city", equalTo("Fakecity"))
                .body("orders[0].shipping_address.province", equalTo("Ontario"))
                .body("orders[0].shipping_address.zip", equalTo("K2P 1L4"))
                .body("orders[0].shipping_address.country", equalTo("Canada"))
                .body("next_cursor", nullValue())
                .extract().path("orders[0].id");

        given().auth().oauth2(token).get("/api/north/orders/" + id).then().statusCode(200)
                .body("shopify_order_number", equalTo("#1002"))
                .body(containsString("\"price\":199.00,"))
                .body(containsString("\"total_price\":181.09,"))
                .body(containsString("\"ordered_at\":\"2025-04-02T11:31:38-05:00\""));
    }

    @Test
    void redeliveriesAndRepeatsMakeOneOrder() {
        long orderId = 820982911946154508L;
        String key = "east:" + orderId;
        byte[] body = order(orderId, "2026-11-20T10:00:00Z", "paid");
        String delivery = "d-" + UUID.randomUUID();
        publish("east", delivery, key, body);
        publish("east", delivery, key, body);
        String other = "d-" + UUID.randomUUID();
        publish("east", other, key, body);
        awaitDelivery("east", other);

        assertEquals(1, count("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_order_id = $2", "east", orderId));
        assertEquals(1, count("SELECT count(*) FROM order_line l JOIN shop_order o ON o.id = l.order_id "
                + "WHERE o.tenant = $1 AND o.shopify_order_id = $2", "east", orderId));
        given().auth().oauth2(TestTokens.user("east", "member")).queryParam("shopify_order_id", orderId)
                .get("/api/east/orders").then().statusCode(200)
                .body(containsString("\"shopify_order_id\":820982911946154508"));
    }

    @Test
    void anOlderStateNeverOverwritesANewerOne() {
        long orderId = 5001L;
        String key = "west:" + orderId;
        publish("west", "d-new-" + UUID.randomUUID(), key, order(orderId, "2026-11-21T12:00:00+02:00", "refunded"));
        String older = "d-old-" + UUID.randomUUID();
        publish("west", older, key, order(orderId, "2026-11-21T09:59:59Z", "paid"));
        awaitDelivery("west", older);

        given().auth().oauth2(TestTokens.user("west", "member")).queryParam("shopify_order_id", orderId)
                .get("/api/west/orders").then().statusCode(200)
                .body("orders[0].financial_status", equalTo("refunded"));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String poison = "d-poison-" + UUID.randomUUID();
        publish("south", poison, "south:1", "{not json".getBytes(StandardCharsets.UTF_8));
        String headless = "d-headless-" + UUID.randomUUID();
        publish(null, headless, "south:2", order(2, "2026-11-21T10:00:00Z", "paid"));
        String good = "d-good-" + UUID.randomUUID();
        publish("south", good, "south:3", order(3, "2026-11-21T10:00:00Z", "paid"));
        awaitDelivery("south", good);

        var dead = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.dlq");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.getRecords().stream()
                    .map(r -> ceId(r))
                    .filter(id -> poison.equals(id) || headless.equals(id)).distinct().count() == 2);
            var record = dead.getRecords().stream()
                    .filter(r -> poison.equals(ceId(r)))
                    .findFirst().orElseThrow();
            String reason = new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("not a Shopify order"), reason);
        } finally {
            dead.stop();
        }
    }

    @Test
    void anOrderEditNoticeIsNeitherDeadLetteredNorAppliedAndTheOrderAfterItIs() {
        String tenant = "edits";
        publish(tenant, "d-" + UUID.randomUUID(), tenant + ":41", order(41, "2026-11-21T10:00:00Z", "paid"));
        // Shopify's orders/edited body is the edit, naming its order; the order follows with orders/updated
        String notice = "d-edit-" + UUID.randomUUID();
        publish(tenant, notice, tenant + ":41", ("{\"order_edit\":{\"id\":78912328,\"order_id\":41,\"notify_customer\":false,"
                + "\"line_items\":{\"additions\":[{\"id\":466157049,\"delta\":1}],\"removals\":[]}}}")
                .getBytes(StandardCharsets.UTF_8), "orders/edited");
        String updated = "d-" + UUID.randomUUID();
        publish(tenant, updated, tenant + ":41", order(41, "2026-11-21T11:00:00Z", "paid"));
        awaitDelivery(tenant, updated);
        assertEquals(0, count("SELECT count(*) FROM processed_delivery WHERE tenant = $1 AND webhook_id = $2", tenant, notice));
        assertEquals(1, count("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_updated_at = '2026-11-21T11:00:00Z'",
                tenant));
        var dead = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.dlq");
        try {
            // the dead-letter topic holds the other tests' poison, never the notice
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertTrue(dead.getRecords().stream().noneMatch(r -> r.headers().lastHeader("ce_id") != null
                    && notice.equals(ceId(r))));
        } finally {
            dead.stop();
        }
    }

    @Test
    void anOrderOfEightMebibytesEntersTheQueueAndOneThatCannotBeAppliedIsDeadLetteredWhole() {
        // the largest delivery the gateway accepts: consumed (a fetch larger than the fetch size still arrives)
        byte[] large = ShopifySamples.largeOrder(880_000_002L, 8 * 1024 * 1024);
        publish("large", "d-large-" + UUID.randomUUID(), "large:880000002", large);
        String token = TestTokens.user("large", "member");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("shopify_order_id", 880_000_002L).get("/api/large/orders").then().statusCode(200)
                .body("orders", hasSize(1)).body("orders[0].items", hasSize(250)));

        // one of the same size that can never be applied reaches the dead-letter topic as it came
        byte[] broken = large.clone();
        broken[0] = 'x';
        String poison = "d-large-poison-" + UUID.randomUUID();
        publish("large", poison, "large:880000003", broken);
        var dead = kafka.consume(String.class, byte[].class).withProp("max.partition.fetch.bytes", "10485760")
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.dlq");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> dead.getRecords().stream()
                    .anyMatch(r -> poison.equals(ceId(r))));
            var record = dead.getRecords().stream()
                    .filter(r -> poison.equals(ceId(r)))
                    .findFirst().orElseThrow();
            org.junit.jupiter.api.Assertions.assertArrayEquals(broken, record.value());
        } finally {
            dead.stop();
        }
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchApplied() {
        // reads fine, but its name is longer than the column: the batch's transaction fails, every retry too,
        // so the records are applied one by one and only this one is dead-lettered
        String refused = "d-refused-" + UUID.randomUUID();
        byte[] tooLong = new String(order(31, "2026-11-21T10:00:00Z", "paid"), StandardCharsets.UTF_8)
                .replaceFirst("\"name\": *\"[^\"]*\"", "\"name\": \"#" + "9".repeat(80) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        var dead = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.dlq");
        try {
            publish("west", "d-before-" + UUID.randomUUID(), "west:30", order(30, "2026-11-21T10:00:00Z", "paid"));
            publish("west", refused, "west:31", tooLong);
            publish("west", "d-after-" + UUID.randomUUID(), "west:32", order(32, "2026-11-21T10:00:00Z", "paid"));
            await().atMost(Duration.ofSeconds(60)).until(() -> dead.getRecords().stream()
                    .anyMatch(r -> refused.equals(ceId(r))));
        } finally {
            dead.stop();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_order_id IN (30, 32)", "west") == 2);
        assertEquals(0, count("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_order_id = 31", "west"));
    }

    @Test
    void oneTenantNeverSeesAnothersOrders() {
        String delivery = "d-" + UUID.randomUUID();
        publish("alpha", delivery, "alpha:7001", order(7001, "2026-11-21T10:00:00Z", "paid"));
        awaitDelivery("alpha", delivery);
        String alphaOrder = given().auth().oauth2(TestTokens.user("alpha", "member")).queryParam("shopify_order_id", 7001)
                .get("/api/alpha/orders").then().statusCode(200).extract().path("orders[0].id");

        String beta = TestTokens.user("beta", "owner");
        given().auth().oauth2(beta).get("/api/alpha/orders").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(beta).get("/api/alpha/orders/" + alphaOrder).then().statusCode(403);
        given().auth().oauth2(beta).queryParam("shopify_order_id", 7001)
                .get("/api/beta/orders").then().statusCode(200).body("orders", hasSize(0));
        given().auth().oauth2(beta).get("/api/beta/orders/" + alphaOrder).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/alpha/orders").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void pagesThroughTheQueueWithACursor() {
        String last = null;
        for (long id = 9001; id <= 9003; id++) {
            last = "d-" + UUID.randomUUID();
            publish("paged", last, "paged:" + id, order(id, "2026-11-21T10:00:00Z", "paid"));
            awaitDelivery("paged", last);
        }
        String token = TestTokens.user("paged", "member");
        String cursor = given().auth().oauth2(token).queryParam("limit", 2).get("/api/paged/orders")
                .then().statusCode(200).body("orders", hasSize(2))
                .body("orders[0].shopify_order_id", equalTo(9003))
                .extract().path("next_cursor");
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/paged/orders")
                .then().statusCode(200).body("orders", hasSize(1))
                .body("orders[0].shopify_order_id", equalTo(9001))
                .body("next_cursor", nullValue());
        given().auth().oauth2(token).queryParam("cursor", "garbage").get("/api/paged/orders")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("limit", 0).get("/api/paged/orders")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("status", "lost").get("/api/paged/orders")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** A record's ce_id; null for one without (the topic is shared with other tests' records in CI's one broker). */
    private static String ceId(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> r) {
        var header = r.headers().lastHeader("ce_id");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
