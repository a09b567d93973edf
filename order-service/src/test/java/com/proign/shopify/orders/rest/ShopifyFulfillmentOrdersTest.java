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
class ShopifyFulfillmentOrdersTest {

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
                .fromRecords(new ProducerRecord<>("sync-service.fulfillment-orders", tenant + ":" + order, value))
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

    /** One fulfillment order in the per-order message: at the fulfillment location or at a fulfillment service. */
    private static String fulfillmentOrder(long id, String status, boolean here, long lineItem, int quantity) {
        return "{\"fulfillment_order_id\":" + id + ",\"status\":\"" + status + "\",\"location_id\":" + (here ? 7 : 9)
                + ",\"location_name\":\"" + (here ? "Dock" : "Acme 3PL") + "\",\"fulfillment_service\":"
                + (here ? "null" : "\"Acme 3PL\"") + ",\"at_fulfillment_location\":" + here + ",\"fulfill_at\":null,"
                + "\"holds\":[],\"lines\":[{\"line_item_id\":" + lineItem + ",\"total_quantity\":" + quantity
                + ",\"remaining_quantity\":" + quantity + "}]}";
    }

    private void fulfillmentOrders(String tenant, long order, OffsetDateTime readAt, String... fulfillmentOrders) {
        String value = "{\"tenant\":\"" + tenant + "\",\"shopify_order_id\":" + order + ",\"fulfillment_orders\":["
                + String.join(",", fulfillmentOrders) + "],\"read_at\":\"" + readAt + "\"}";
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                com.proign.shopify.testinfra.AsyncApiContract.violations("fulfillmentOrdersState", value));
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("sync-service.fulfillment-orders", tenant + ":" + order, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private static final long LINE = 1071823193L;

    private static JsonPath awaitItem(String tenant, long order, java.util.function.Predicate<JsonPath> condition) {
        String token = TestTokens.user(tenant, "member");
        return await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(token)
                .queryParam("shopify_order_id", order).get("/api/" + tenant + "/orders").asString()),
                page -> page.getList("orders").size() == 1 && condition.test(page));
    }

    @Test
    void whatShopifyAssignsElsewhereLeavesThePickListBeforePickingAndWaitsForAPersonAfter() {
        String tenant = "assigned-" + Long.toString(System.nanoTime(), 36);
        OrderEvents.settings(kafka, tenant, 1, "any");
        OrderEvents.publish(kafka, tenant, "orders/create", 711, OrderEvents.order(711, "2026-11-02T09:00:00Z", "paid", o -> {
            var line = (com.fasterxml.jackson.databind.node.ObjectNode) o.withArray("line_items").get(0);
            line.put("quantity", 3).put("current_quantity", 3).put("fulfillable_quantity", 3);
        }));
        String id = awaitOrder(tenant, 711, "pending").getString("orders[0].id");
        String worker = TestTokens.user(tenant, "warehouse");
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);

        // before picking: two of three moved to a fulfillment service leave the pick list
        fulfillmentOrders(tenant, 711, t, fulfillmentOrder(9711, "OPEN", true, LINE, 1), fulfillmentOrder(9712, "OPEN", false, LINE, 2));
        JsonPath page = awaitItem(tenant, 711, p -> p.getInt("orders[0].items[0].quantity_to_pick") == 1);
        org.junit.jupiter.api.Assertions.assertEquals("pending", page.getString("orders[0].status"));
        org.junit.jupiter.api.Assertions.assertEquals(2, page.getInt("orders[0].items[0].elsewhere_quantity"));
        org.junit.jupiter.api.Assertions.assertEquals("Acme 3PL (a fulfillment service)", page.getString("orders[0].items[0].assigned_elsewhere"));
        JsonPath edits = JsonPath.from(given().auth().oauth2(worker).get("/api/" + tenant + "/orders/" + id + "/edits").asString());
        org.junit.jupiter.api.Assertions.assertEquals("applied", edits.getString("[0].state"));
        org.junit.jupiter.api.Assertions.assertEquals("IPOD2009BLACK IPod Touch 8GB: 2 assigned to Acme 3PL (a fulfillment service) "
                + "in Shopify, 1 left for this warehouse", edits.getString("[0].changes[0].text"));

        // all of it there: out of the queue; an older read changes nothing; back here: pending again
        fulfillmentOrders(tenant, 711, t.plusSeconds(1), fulfillmentOrder(9711, "CLOSED", true, LINE, 0),
                fulfillmentOrder(9712, "OPEN", false, LINE, 3));
        awaitOrder(tenant, 711, "assigned_elsewhere");
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pick").then().statusCode(409);
        fulfillmentOrders(tenant, 711, t.minusSeconds(5), fulfillmentOrder(9711, "OPEN", true, LINE, 3));
        fulfillmentOrders(tenant, 711, t.plusSeconds(2), fulfillmentOrder(9711, "CLOSED", true, LINE, 0),
                fulfillmentOrder(9712, "OPEN", true, LINE, 3));
        page = awaitOrder(tenant, 711, "pending");
        org.junit.jupiter.api.Assertions.assertEquals(3, page.getInt("orders[0].items[0].quantity_to_pick"));

        // once picking started: flagged, the pick list as it was, until someone acknowledges the change
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pick").then().statusCode(200);
        fulfillmentOrders(tenant, 711, t.plusSeconds(3), fulfillmentOrder(9711, "CLOSED", true, LINE, 0),
                fulfillmentOrder(9712, "OPEN", true, LINE, 1), fulfillmentOrder(9713, "OPEN", false, LINE, 2));
        page = awaitItem(tenant, 711, p -> p.getBoolean("orders[0].changed_after_picking"));
        org.junit.jupiter.api.Assertions.assertEquals("picking", page.getString("orders[0].status"));
        org.junit.jupiter.api.Assertions.assertEquals(3, page.getInt("orders[0].items[0].quantity_to_pick"));
        edits = JsonPath.from(given().auth().oauth2(worker).get("/api/" + tenant + "/orders/" + id + "/edits").asString());
        org.junit.jupiter.api.Assertions.assertEquals("awaiting_acknowledgement", edits.getString("[0].state"));
        org.junit.jupiter.api.Assertions.assertEquals("assigned_elsewhere", edits.getString("[0].changes[0].kind"));
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/edits/acknowledge").then().statusCode(200)
                .body("changed_after_picking", equalTo(false)).body("status", equalTo("picking"))
                .body("items[0].quantity_to_pick", equalTo(1)).body("items[0].elsewhere_quantity", equalTo(2));
        // the warehouse ships its part only
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pack").then().statusCode(200);
        given().auth().oauth2(worker).contentType("application/json")
                .body("{\"carrier\":\"UPS\",\"tracking_number\":\"1Z999\",\"lines\":[{\"shopify_line_item_id\":" + LINE
                        + ",\"quantity\":3}]}")
                .post("/api/" + tenant + "/orders/" + id + "/ship").then().statusCode(422)
                .body("detail", containsString("has 1 left to ship, not 3"));
        given().auth().oauth2(worker).contentType("application/json").body("{\"carrier\":\"UPS\",\"tracking_number\":\"1Z999\"}")
                .post("/api/" + tenant + "/orders/" + id + "/ship").then().statusCode(200).body("status", equalTo("shipped"));
    }

    /** A fulfillment order at the warehouse's own fulfillment service's location, with the merchant's request. */
    private static String requested(long id, String status, String requestStatus, String message, String response) {
        return "{\"fulfillment_order_id\":" + id + ",\"status\":\"" + status + "\",\"request_status\":\"" + requestStatus
                + "\",\"location_id\":8,\"location_name\":\"PROIGN Warehouse\",\"fulfillment_service\":\"PROIGN Warehouse\","
                + "\"at_fulfillment_location\":true,\"fulfill_at\":null,\"holds\":[],\"lines\":[{\"line_item_id\":" + LINE
                + ",\"total_quantity\":1,\"remaining_quantity\":1}],\"request_message\":" + (message == null ? "null" : "\"" + message + "\"")
                + ",\"response\":" + (response == null ? "null" : "\"" + response + "\"") + "}";
    }

    @Test
    void theMerchantsRequestsWaitForTheWarehousesAnswerWhichGoesToShopifyThroughTheOutbox() {
        String tenant = "requests-" + Long.toString(System.nanoTime(), 36);
        OrderEvents.settings(kafka, tenant, 1, "any");
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC);
        // the request read before the order arrived: imported as requested, not pickable
        fulfillmentOrders(tenant, 721, t, requested(9721, "OPEN", "SUBMITTED", "ship before Friday", null));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        OrderEvents.publish(kafka, tenant, "orders/create", 721, OrderEvents.order(721, "2026-11-02T09:00:00Z", "paid", null));
        String id = awaitOrder(tenant, 721, "requested").getString("orders[0].id");
        String worker = TestTokens.user(tenant, "warehouse");
        given().auth().oauth2(worker).get("/api/" + tenant + "/orders/" + id).then()
                .body("fulfillment_request", equalTo("submitted"))
                .body("request_note", equalTo("Fulfillment requested by the merchant: ship before Friday"));
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pick").then().statusCode(409);
        var decisions = kafka.consume(String.class, String.class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.request-decisions");
        try {
            // a rejection needs Shopify's reason, and the order's own lines
            given().auth().oauth2(worker).contentType("application/json").body("{\"reason\":\"SOLD_OUT\"}")
                    .post("/api/" + tenant + "/orders/" + id + "/fulfillment-request/reject").then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(worker).contentType("application/json").body("{\"reason\":\"INVALID_SKU\",\"line_item_ids\":[1]}")
                    .post("/api/" + tenant + "/orders/" + id + "/fulfillment-request/reject").then().statusCode(422)
                    .body("detail", containsString("has no line item 1"));
            given().auth().oauth2(worker).contentType("application/json")
                    .body("{\"message\":\"on its way\",\"estimated_ship_date\":\"2026-12-05\"}")
                    .post("/api/" + tenant + "/orders/" + id + "/fulfillment-request/accept").then().statusCode(200)
                    .body("status", equalTo("requested"))
                    .body("request_note", equalTo("Accepting the fulfillment request: on its way (sent to Shopify)"));
            // no cancellation request waits
            given().auth().oauth2(worker).contentType("application/json").body("{}")
                    .post("/api/" + tenant + "/orders/" + id + "/cancellation-request/accept").then().statusCode(409)
                    .body("detail", containsString("has no cancellation request from the merchant waiting for an answer"));
            await().atMost(Duration.ofSeconds(30)).until(() -> decisions.getRecords().stream().anyMatch(r -> (tenant + ":721").equals(r.key())));
            String sent = decisions.getRecords().stream().filter(r -> (tenant + ":721").equals(r.key())).findFirst().orElseThrow().value();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                    com.proign.shopify.testinfra.AsyncApiContract.violations("requestDecided", sent));
            org.junit.jupiter.api.Assertions.assertEquals("accept", JsonPath.from(sent).getString("decision"));
            org.junit.jupiter.api.Assertions.assertEquals("2026-12-05", JsonPath.from(sent).getString("estimated_ship_date"));

            // Shopify took it: pickable; the merchant then asks to cancel before picking: the rule accepts
            fulfillmentOrders(tenant, 721, t.plusSeconds(1), requested(9721, "IN_PROGRESS", "ACCEPTED", "ship before Friday", "on its way"));
            awaitOrder(tenant, 721, "pending");
            fulfillmentOrders(tenant, 721, t.plusSeconds(2), requested(9721, "IN_PROGRESS", "CANCELLATION_REQUESTED", "changed their mind", null));
            await().atMost(Duration.ofSeconds(30)).until(() -> decisions.getRecords().stream()
                    .filter(r -> (tenant + ":721").equals(r.key())).count() == 2);
            String rule = decisions.getRecords().stream().filter(r -> (tenant + ":721").equals(r.key())).toList().get(1).value();
            org.junit.jupiter.api.Assertions.assertEquals("cancellation", JsonPath.from(rule).getString("kind"));
            org.junit.jupiter.api.Assertions.assertEquals("accept", JsonPath.from(rule).getString("decision"));
            org.junit.jupiter.api.Assertions.assertEquals("rule", JsonPath.from(rule).getString("decided_by"));
            // the same state read again decides nothing more
            fulfillmentOrders(tenant, 721, t.plusSeconds(3), requested(9721, "IN_PROGRESS", "CANCELLATION_REQUESTED", "changed their mind", null));
            fulfillmentOrders(tenant, 721, t.plusSeconds(4), requested(9721, "CANCELLED", "CANCELLATION_ACCEPTED", "changed their mind",
                    "Nothing was picked yet"));
            JsonPath cancelled = awaitOrder(tenant, 721, "cancelled");
            org.junit.jupiter.api.Assertions.assertEquals("accepted", cancelled.getString("orders[0].cancellation_request"));
            org.junit.jupiter.api.Assertions.assertEquals(2, decisions.getRecords().stream().filter(r -> (tenant + ":721").equals(r.key())).count());
        } finally {
            decisions.close();
        }
    }
}
