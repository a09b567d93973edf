package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Holds placed in Shopify on an order's fulfillment order: the order is on_hold with Shopify's reason and cannot be
 * picked or released here; Shopify's release puts it back where it was; an older state never overrides a newer one;
 * an order imported after its hold was read is held too.
 */
@OrderServiceTest
class ShopifyHoldsTest {

    KafkaCompanion kafka;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private void holdState(String tenant, long order, long fulfillmentOrder, boolean held, OffsetDateTime readAt) {
        String holds = held ? "[{\"reason\":\"HIGH_RISK_OF_FRAUD\",\"reason_notes\":\"card declined twice\",\"handle\":null}]" : "[]";
        String value = "{\"tenant\":\"" + tenant + "\",\"shopify_order_id\":" + order + ",\"fulfillment_order_id\":" + fulfillmentOrder
                + ",\"status\":\"" + (held ? "ON_HOLD" : "OPEN") + "\",\"holds\":" + holds + ",\"read_at\":\"" + readAt + "\"}";
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("sync-service.fulfillment-holds", tenant + ":" + order, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private static JsonPath awaitOrder(String tenant, long shopifyOrderId, String status) {
        String token = TestTokens.user(tenant, "member");
        return await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(token)
                .queryParam("shopify_order_id", shopifyOrderId).get("/api/" + tenant + "/orders").asString()),
                page -> status.equals(page.getString("orders[0].status")));
    }

    @Test
    void anOrderHeldInShopifyWaitsInTheQueueUntilShopifyReleasesIt() {
        OrderEvents.settings(kafka, "held", 1, "any");
        OrderEvents.publish(kafka, "held", "orders/create", 701, OrderEvents.order(701, "2026-11-02T09:00:00Z", "paid", null));
        String id = awaitOrder("held", 701, "pending").getString("orders[0].id");
        String worker = TestTokens.user("held", "warehouse");
        given().auth().oauth2(worker).post("/api/held/orders/" + id + "/pick").then().statusCode(200);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        holdState("held", 701, 9701, true, now);
        awaitOrder("held", 701, "on_hold");
        given().auth().oauth2(worker).get("/api/held/orders/" + id).then()
                .body("held_in_shopify", equalTo(true))
                .body("hold_reason", equalTo("Held in Shopify: high risk of fraud: card declined twice"));
        given().auth().oauth2(worker).post("/api/held/orders/" + id + "/pack").then().statusCode(409);
        given().auth().oauth2(worker).post("/api/held/orders/" + id + "/release").then().statusCode(409)
                .body("detail", containsString("released when the hold is released in Shopify"));

        // an older state (a delayed redelivery) changes nothing; the newer release puts it back where it was
        holdState("held", 701, 9701, false, now.minusMinutes(5));
        holdState("held", 701, 9701, false, now.plusSeconds(1));
        awaitOrder("held", 701, "picking");
        given().auth().oauth2(worker).get("/api/held/orders/" + id).then()
                .body("held_in_shopify", equalTo(false)).body("hold_reason", equalTo(null));
        holdState("held", 701, 9701, true, now.minusMinutes(1));
        given().auth().oauth2(worker).post("/api/held/orders/" + id + "/pack").then().statusCode(200);
    }

    @Test
    void theWarehousesHoldAndReleaseGoToShopifyThroughTheOutbox() {
        OrderEvents.settings(kafka, "mirror", 1, "any");
        OrderEvents.publish(kafka, "mirror", "orders/create", 703, OrderEvents.order(703, "2026-11-02T09:00:00Z", "paid", null));
        String id = awaitOrder("mirror", 703, "pending").getString("orders[0].id");
        var requests = kafka.consume(String.class, String.class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.hold-requests");
        try {
            String worker = TestTokens.user("mirror", "warehouse");
            given().auth().oauth2(worker).contentType("application/json").body("{\"reason\":\"box damaged\"}")
                    .post("/api/mirror/orders/" + id + "/hold").then().statusCode(200).body("held_in_shopify", equalTo(false));
            given().auth().oauth2(worker).post("/api/mirror/orders/" + id + "/release").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.getRecords().stream()
                    .filter(r -> "mirror:703".equals(r.key())).count() == 2);
            var sent = requests.getRecords().stream().filter(r -> "mirror:703".equals(r.key())).toList();
            sent.forEach(r -> org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                    com.proign.shopify.testinfra.AsyncApiContract.violations("holdRequested", r.value())));
            org.junit.jupiter.api.Assertions.assertEquals("hold", JsonPath.from(sent.get(0).value()).getString("action"));
            org.junit.jupiter.api.Assertions.assertEquals("box damaged", JsonPath.from(sent.get(0).value()).getString("reason"));
            org.junit.jupiter.api.Assertions.assertEquals("release", JsonPath.from(sent.get(1).value()).getString("action"));
        } finally {
            requests.close();
        }
    }

    @Test
    void anOrderImportedAfterItsHoldWasReadIsHeldToo() {
        OrderEvents.settings(kafka, "early", 1, "any");
        holdState("early", 702, 9702, true, OffsetDateTime.now(ZoneOffset.UTC));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        OrderEvents.publish(kafka, "early", "orders/create", 702, OrderEvents.order(702, "2026-11-02T09:00:00Z", "paid", null));
        awaitOrder("early", 702, "on_hold");
        // the warehouse's own hold and Shopify's are apart: the warehouse cannot release Shopify's
        String id = awaitOrder("early", 702, "on_hold").getString("orders[0].id");
        given().auth().oauth2(TestTokens.user("early", "warehouse")).post("/api/early/orders/" + id + "/release").then().statusCode(409);
    }
}
