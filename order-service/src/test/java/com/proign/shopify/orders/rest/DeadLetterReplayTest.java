package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An operator lists this service's dead letters and replays them once the cause is fixed: each applies once, a
 * second replay changes nothing, a replay of something already applied is absorbed by the consumer's idempotency,
 * and one that fails again is a new dead letter with its new reason. Only the tenant-less operator role sees them.
 */
@OrderServiceTest
class DeadLetterReplayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    private static String operator() {
        return Jwt.subject("ops@proign").groups(Set.of("operator")).expiresIn(600).sign();
    }

    /** A record as an earlier version of this service dead-lettered it: the delivery, its source and a reason. */
    private static void deadLettered(KafkaCompanion kafka, String tenant, String deliveryId, long orderId, byte[] body, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", deliveryId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "orders/create".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", "shopify.orders".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", "41".getBytes(StandardCharsets.UTF_8));
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("order-service.dlq", null, tenant + ":" + orderId, body, headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private long orders(String tenant, long shopifyOrderId) {
        return pool.preparedQuery("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_order_id = $2")
                .execute(Tuple.of(tenant, shopifyOrderId)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The operator's list, with query parameters as name, value, name, value. */
    private static JsonPath list(String... query) {
        var request = given().auth().oauth2(operator());
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return JsonPath.from(request.get("/ops/orders/dead-letters").then().statusCode(200).extract().asString());
    }

    @Test
    void aDeadLetterIsReplayedOnceAndOneThatFailsAgainComesBackWithItsNewReason() {
        String tenant = "replays";
        String fixed = "d-" + UUID.randomUUID();
        String stillBroken = "d-" + UUID.randomUUID();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            OrderEvents.settings(kafka, tenant, 1, "any");
            // an order a bug once refused (now fixed: it reads), and one that still cannot be read
            deadLettered(kafka, tenant, fixed, 66_001, OrderEvents.order(66_001, "2026-11-20T10:00:00Z", "paid", null),
                    "an earlier version could not read it");
            deadLettered(kafka, tenant, stillBroken, 66_002, "{not an order".getBytes(StandardCharsets.UTF_8),
                    "not a Shopify order");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> list("tenant", tenant).getList("dead_letters").size() == 2);
        JsonPath listed = list("tenant", tenant, "reason", "earlier version");
        assertEquals(1, listed.getList("dead_letters").size());
        assertEquals("replays:66001", listed.getString("dead_letters[0].record_key"));
        assertEquals("shopify.orders", listed.getString("dead_letters[0].source_topic"));
        org.junit.jupiter.api.Assertions.assertNull(listed.get("dead_letters[0].replayed_at"));
        long fixedId = listed.getLong("dead_letters[0].id");
        long brokenId = list("tenant", tenant, "reason", "Shopify order").getLong("dead_letters[0].id");
        assertEquals(0, orders(tenant, 66_001));

        // replayed: applied once
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(fixedId)))
                .post("/ops/orders/dead-letters/replay").then().statusCode(200)
                .body("replayed", equalTo(1)).body("results[0].result", equalTo("replayed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> orders(tenant, 66_001) == 1);
        // again: nothing happens, and it says why
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(fixedId)))
                .post("/ops/orders/dead-letters/replay").then().statusCode(200)
                .body("replayed", equalTo(0)).body("results[0].result", equalTo("already_replayed"));

        // the same delivery dead-lettered a second time (as after a crash between publishing and marking) and
        // replayed: the consumer has seen its ce_id, so the queue does not change
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            deadLettered(kafka, tenant, fixed, 66_001, OrderEvents.order(66_001, "2026-11-20T10:00:00Z", "paid", null),
                    "an earlier version could not read it");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> list("tenant", tenant, "replayed", "false", "reason", "earlier")
                .getList("dead_letters").size() == 1);
        double duplicatesBefore = duplicates();
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("reason", "earlier version", "tenant", tenant))
                .post("/ops/orders/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertEquals(1, orders(tenant, 66_001));

        // the one still broken fails again: back as a new dead letter, with its reason, naming the one it replayed
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(brokenId)))
                .post("/ops/orders/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> list("tenant", tenant, "replayed", "false", "reason", "Shopify order")
                .getList("dead_letters").size() == 1);
        JsonPath again = list("tenant", tenant, "replayed", "false", "reason", "Shopify order");
        assertEquals(0, orders(tenant, 66_002));
        given().auth().oauth2(operator()).queryParam("tenant", tenant).queryParam("replayed", "false")
                .queryParam("reason", "Shopify order").get("/ops/orders/dead-letters")
                .then().body("dead_letters[0].replayed_from", containsString("order-service.dlq@"))
                .body("dead_letters[0].reason", containsString("not a Shopify order"))
                .body("dead_letters[0].id", equalTo((int) again.getLong("dead_letters[0].id")));
    }

    @Test
    void onlyTheTenantlessOperatorRoleSeesDeadLetters() {
        given().auth().oauth2(TestTokens.user("replays", "owner")).get("/ops/orders/dead-letters")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("replays", "operator")).get("/ops/orders/dead-letters")
                .then().statusCode(403);
        given().get("/ops/orders/dead-letters").then().statusCode(401);
        given().auth().oauth2(operator()).get("/ops/orders/dead-letters?limit=1").then().statusCode(200)
                .body("dead_letters", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(1)));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body("{}")
                .post("/ops/orders/dead-letters/replay").then().statusCode(400).contentType("application/problem+json");
    }

    /** Deliveries the order consumer recognised as seen before (orders_ingested_total{outcome="duplicate"}). */
    private static double duplicates() {
        String metrics = given().get("/q/metrics").asString();
        var m = java.util.regex.Pattern.compile("orders_ingested_total\\{[^}]*outcome=\"duplicate\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
