package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.AsyncApiContract;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The queue's rules (filter, cancellation, what to pick) and the warehouse's moves, with the hand-off to Kafka. */
@OrderServiceTest
class QueueTest {

    KafkaCompanion kafka;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private static JsonPath awaitOrder(String tenant, long shopifyOrderId, String status) {
        String token = TestTokens.user(tenant, "member");
        return await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(token)
                .queryParam("shopify_order_id", shopifyOrderId).get("/api/" + tenant + "/orders").asString()),
                page -> status.equals(page.getString("orders[0].status")));
    }

    private static String idOf(JsonPath page) {
        return page.getString("orders[0].id");
    }

    /** The sample order with a gift card line and a digital line beside its physical one. */
    private static byte[] mixedOrder(long id, String updatedAt, String financialStatus) {
        return OrderEvents.order(id, updatedAt, financialStatus, order -> {
            ArrayNode items = (ArrayNode) order.get("line_items");
            ObjectNode physical = (ObjectNode) items.get(0);
            physical.put("quantity", 3).put("current_quantity", 3).put("fulfillable_quantity", 3).put("requires_shipping", true).put("gift_card", false);
            ObjectNode gift = physical.deepCopy();
            gift.put("id", physical.get("id").asLong() + 1).put("title", "Gift card").put("gift_card", true)
                    .put("quantity", 1).put("current_quantity", 1).put("fulfillable_quantity", 1).putNull("sku");
            ObjectNode digital = physical.deepCopy();
            digital.put("id", physical.get("id").asLong() + 2).put("title", "E-book").put("requires_shipping", false)
                    .put("quantity", 1).put("current_quantity", 1).put("fulfillable_quantity", 1).put("sku", "EBOOK-1");
            items.removeAll();
            items.add(physical).add(gift).add(digital);
        });
    }

    @Test
    void theStatusFilterDecidesWhatEntersTheQueueAndAPaidOrderEntersThen() {
        OrderEvents.settings(kafka, "filt", 1, "paid");
        OrderEvents.publish(kafka, "filt", "orders/create", 501, OrderEvents.order(501, "2026-11-01T10:00:00-05:00", "pending", null));
        OrderEvents.publish(kafka, "filt", "orders/create", 502, OrderEvents.order(502, "2026-11-01T10:00:00-05:00", "paid", null));
        awaitOrder("filt", 501, "filtered");
        awaitOrder("filt", 502, "pending");
        String member = TestTokens.user("filt", "member");
        given().auth().oauth2(member).get("/api/filt/orders").then().statusCode(200)
                .body("orders.shopify_order_id", equalTo(List.of(502)));
        given().auth().oauth2(member).queryParam("status", "filtered").get("/api/filt/orders").then()
                .body("orders.shopify_order_id", equalTo(List.of(501)));

        // the customer pays: the order enters the queue then
        OrderEvents.publish(kafka, "filt", "orders/updated", 501, OrderEvents.order(501, "2026-11-01T11:00:00-05:00", "paid", null));
        awaitOrder("filt", 501, "pending");

        // a looser filter lets in what waited
        OrderEvents.publish(kafka, "filt", "orders/create", 503, OrderEvents.order(503, "2026-11-01T10:00:00-05:00", "authorized", null));
        awaitOrder("filt", 503, "filtered");
        OrderEvents.settings(kafka, "filt", 2, "authorized");
        awaitOrder("filt", 503, "pending");
        // an older settings record is ignored
        OrderEvents.settings(kafka, "filt", 1, "paid");
        OrderEvents.publish(kafka, "filt", "orders/create", 504, OrderEvents.order(504, "2026-11-01T10:00:00-05:00", "authorized", null));
        awaitOrder("filt", 504, "pending");
    }

    @Test
    void aShipmentOfSeveralParcelsCarriesEveryTrackingNumberAndItsTrackingCanChangeAfterwards() {
        OrderEvents.settings(kafka, "parcels", 1, "any");
        OrderEvents.publish(kafka, "parcels", "orders/create", 611, mixedOrder(611, "2026-11-02T09:00:00+01:00", "paid"));
        String id = idOf(awaitOrder("parcels", 611, "pending"));
        String worker = TestTokens.user("parcels", "warehouse");
        given().auth().oauth2(worker).post("/api/parcels/orders/" + id + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).post("/api/parcels/orders/" + id + "/pack").then().statusCode(200);
        // a number with spaces around it, or more than 20 parcels, is refused with the field named
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("tracking_numbers", List.of(" 1Z ")))
                .post("/api/parcels/orders/" + id + "/ship").then().statusCode(400).contentType("application/problem+json");
        var requests = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.fulfillment-requests");
        try {
            String shipment = given().auth().oauth2(worker).contentType(ContentType.JSON)
                    .body(Map.of("carrier", "fedex", "tracking_numbers", List.of("7946000001", "7946000002"),
                            "tracking_urls", List.of("https://fedex.example/7946000001", "https://fedex.example/7946000002")))
                    .post("/api/parcels/orders/" + id + "/ship").then().statusCode(200)
                    .body("shipments[0].tracking_number", equalTo("7946000001"))
                    .body("shipments[0].tracking_numbers", equalTo(List.of("7946000001", "7946000002")))
                    .body("shipments[0].tracking_urls[1]", equalTo("https://fedex.example/7946000002"))
                    .extract().path("shipments[0].id");
            // a parcel relabelled after it left: the same shipment goes out again with its tracking as it now is
            given().auth().oauth2(worker).contentType(ContentType.JSON)
                    .body(Map.of("carrier", "FedEx", "tracking_numbers", List.of("7946000001", "7946000003")))
                    .put("/api/parcels/orders/" + id + "/shipments/" + shipment + "/tracking").then().statusCode(200)
                    .body("shipments[0].tracking_numbers", equalTo(List.of("7946000001", "7946000003")))
                    .body("shipments[0].tracking_urls", hasSize(0))
                    .body("shipments[0].sync_status", equalTo("pending"));
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("tracking_numbers", List.of()))
                    .put("/api/parcels/orders/" + id + "/shipments/" + shipment + "/tracking").then().statusCode(400);
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("tracking_numbers", List.of("X")))
                    .put("/api/parcels/orders/" + id + "/shipments/" + UUID.randomUUID() + "/tracking").then().statusCode(404);
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.getRecords().stream()
                    .filter(r -> "parcels:611".equals(r.key())).count() == 2);
            var sent = requests.getRecords().stream().filter(r -> "parcels:611".equals(r.key())).toList();
            sent.forEach(r -> assertEquals(List.of(), AsyncApiContract.violations("fulfillmentRequested", r.value())));
            assertEquals(List.of("7946000001", "7946000002"), JsonPath.from(sent.get(0).value()).getList("tracking.numbers"));
            assertEquals("fedex", JsonPath.from(sent.get(0).value()).getString("tracking.company"));
            assertEquals(List.of("7946000001", "7946000003"), JsonPath.from(sent.get(1).value()).getList("tracking.numbers"));
            assertEquals(shipment, JsonPath.from(sent.get(1).value()).getString("shipment_id"));
        } finally {
            requests.close();
        }
    }

    @Test
    void picksOnlyPhysicalGoodsAndShipsPartiallyThenTheRestWithTrackingAndRetriesWhatFailed() throws InterruptedException {
        OrderEvents.settings(kafka, "ship", 1, "any");
        OrderEvents.publish(kafka, "ship", "orders/create", 601, mixedOrder(601, "2026-11-02T09:00:00+01:00", "paid"));
        JsonPath page = awaitOrder("ship", 601, "pending");
        String id = idOf(page);
        long physical = page.getLong("orders[0].items[0].shopify_line_item_id");
        assertEquals(List.of(true, false, false), page.getList("orders[0].items.pickable"));
        assertEquals(List.of(3, 0, 0), page.getList("orders[0].items.quantity_to_pick"));

        String worker = TestTokens.user("ship", "warehouse");
        // the warehouse cannot ship what is not packed
        given().auth().oauth2(worker).contentType(ContentType.JSON).body("{}")
                .post("/api/ship/orders/" + id + "/ship").then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("Invalid transition"));
        given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/pick").then().statusCode(200)
                .body("status", equalTo("picking"));
        given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/pack").then().statusCode(200)
                .body("status", equalTo("packed"));
        given().auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("lines", List.of(Map.of("shopify_line_item_id", physical, "quantity", 4))))
                .post("/api/ship/orders/" + id + "/ship").then().statusCode(422)
                .body("detail", containsString("3 left to ship"));

        var firstConsumer = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.fulfillment-requests");
        String first = given().auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1Z999", "tracking_url", "https://ups.example/1Z999",
                        "lines", List.of(Map.of("shopify_line_item_id", physical, "quantity", 2))))
                .post("/api/ship/orders/" + id + "/ship").then().statusCode(200)
                .body("status", equalTo("partially_shipped"))
                .body("items[0].quantity_to_pick", equalTo(1))
                .body("shipments", hasSize(1))
                .body("shipments[0].sync_status", equalTo("pending"))
                .extract().path("shipments[0].id");
        given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/pack").then().statusCode(200);
        given().auth().oauth2(worker).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1Z1000"))
                .post("/api/ship/orders/" + id + "/ship").then().statusCode(200)
                .body("status", equalTo("shipped"))
                .body("items[0].shipped_quantity", equalTo(3))
                .body("shipments", hasSize(2));

        // both shipments went out as fulfillment requests, keyed by the order, with the lines and tracking
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> firstConsumer.getRecords().stream()
                    .filter(r -> ("ship:601").equals(r.key())).count() == 2);
            // each record as written is what the topics' contract says (docs/asyncapi.yaml)
            firstConsumer.getRecords().stream().filter(r -> "ship:601".equals(r.key())).forEach(r ->
                    assertEquals(List.of(), AsyncApiContract.violations("fulfillmentRequested", r.value())));
            var requests = firstConsumer.getRecords().stream().filter(r -> "ship:601".equals(r.key()))
                    .map(r -> JsonPath.from(r.value())).toList();
            assertEquals(first, requests.get(0).getString("shipment_id"));
            assertEquals(2, requests.get(0).getInt("lines[0].quantity"));
            assertEquals("1Z999", requests.get(0).getString("tracking.number"));
            assertEquals("https://ups.example/1Z999", requests.get(0).getString("tracking.url"));
            assertEquals(1, requests.get(1).getInt("lines[0].quantity"));
            var firstRecord = firstConsumer.getRecords().stream().filter(r -> "ship:601".equals(r.key())).findFirst().orElseThrow();
            assertEquals(first, new String(firstRecord.headers().lastHeader("ce_id").value()));
            assertEquals("ship", new String(firstRecord.headers().lastHeader("ce_tenant").value()));
        } finally {
            firstConsumer.close();
        }

        // the sync-service answers: one synced, one failed with the reason
        String second = given().auth().oauth2(worker).get("/api/ship/orders/" + id).then().extract().path("shipments[1].id");
        kafka.produce(String.class, String.class).fromRecords(
                new ProducerRecord<>("sync-service.fulfillment-results", "ship:601", "{\"tenant\":\"ship\",\"shipment_id\":\""
                        + first + "\",\"status\":\"synced\",\"shopify_fulfillment_id\":255858046}"),
                new ProducerRecord<>("sync-service.fulfillment-results", "ship:601", "{\"tenant\":\"ship\",\"shipment_id\":\""
                        + second + "\",\"status\":\"failed\",\"error\":\"fulfillment order is closed\"}"),
                new ProducerRecord<>("sync-service.fulfillment-results", "other:601", "{\"tenant\":\"other\",\"shipment_id\":\""
                        + second + "\",\"status\":\"synced\"}"))
                .awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(worker)
                .get("/api/ship/orders/" + id).then()
                .body("shipments[0].sync_status", equalTo("synced"))
                .body("shipments[0].shopify_fulfillment_id", equalTo(255858046))
                .body("shipments[1].sync_status", equalTo("failed"))
                .body("shipments[1].sync_error", equalTo("fulfillment order is closed")));

        // the cause fixed, the failed shipment is sent again (once, however often it is asked while on its way); the
        // one Shopify has cannot be; a member cannot retry
        var retried = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.fulfillment-requests");
        try {
            given().auth().oauth2(TestTokens.user("ship", "member")).post("/api/ship/orders/" + id + "/shipments/" + second
                    + "/retry").then().statusCode(403);
            given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/shipments/" + second + "/retry").then()
                    .statusCode(200).body("shipments[1].sync_status", equalTo("pending"))
                    .body("shipments[1].sync_error", equalTo(null));
            given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/shipments/" + second + "/retry").then()
                    .statusCode(200).body("shipments[1].sync_status", equalTo("pending"));
            given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/shipments/" + first + "/retry").then()
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("already in Shopify"));
            given().auth().oauth2(worker).post("/api/ship/orders/" + id + "/shipments/" + java.util.UUID.randomUUID()
                    + "/retry").then().statusCode(404).contentType("application/problem+json");
            // the shipment's first request and one more, however often the retry was asked
            await().atMost(Duration.ofSeconds(30)).until(() -> retried.getRecords().stream()
                    .filter(r -> r.value().contains(second)).count() >= 2);
            Thread.sleep(1000);
            assertEquals(2, retried.getRecords().stream().filter(r -> r.value().contains(second)).count(),
                    "one more request for the retried shipment");
            JsonPath again = JsonPath.from(retried.getRecords().stream().filter(r -> r.value().contains(second))
                    .reduce((a, b) -> b).orElseThrow().value());
            assertEquals(1, again.getInt("lines[0].quantity"));
            assertEquals("1Z1000", again.getString("tracking.number"));

            // it fails again; the tenant's every failed shipment is sent again at once
            kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("sync-service.fulfillment-results",
                    "ship:601", "{\"tenant\":\"ship\",\"shipment_id\":\"" + second
                            + "\",\"status\":\"failed\",\"error\":\"Shopify is down\"}")).awaitCompletion(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(worker)
                    .get("/api/ship/orders/" + id).then().body("shipments[1].sync_status", equalTo("failed")));
            given().auth().oauth2(worker).post("/api/ship/orders/shipments/retry-failed").then().statusCode(200)
                    .body("retried", equalTo(1)).body("shipment_ids", equalTo(List.of(second)));
            given().auth().oauth2(worker).post("/api/ship/orders/shipments/retry-failed").then().statusCode(200)
                    .body("retried", equalTo(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> retried.getRecords().stream()
                    .filter(r -> r.value().contains(second)).count() == 3);
            given().auth().oauth2(TestTokens.user("other", "warehouse")).post("/api/ship/orders/shipments/retry-failed")
                    .then().statusCode(403);
        } finally {
            retried.close();
        }
    }

    @Test
    void cancellationBeforeShippingCancelsAfterShippingIsFlagged() {
        OrderEvents.settings(kafka, "cxl", 1, "any");
        OrderEvents.publish(kafka, "cxl", "orders/create", 701, OrderEvents.order(701, "2026-11-03T08:00:00Z", "paid", null));
        OrderEvents.publish(kafka, "cxl", "orders/create", 702, OrderEvents.order(702, "2026-11-03T08:00:00Z", "paid", null));
        String before = idOf(awaitOrder("cxl", 701, "pending"));
        String after = idOf(awaitOrder("cxl", 702, "pending"));
        String worker = TestTokens.user("cxl", "admin");
        given().auth().oauth2(worker).post("/api/cxl/orders/" + before + "/pick").then().statusCode(200);
        for (String step : List.of("pick", "pack")) {
            given().auth().oauth2(worker).post("/api/cxl/orders/" + after + "/" + step).then().statusCode(200);
        }
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("carrier", "DHL", "tracking_number", "JD01"))
                .post("/api/cxl/orders/" + after + "/ship").then().statusCode(200).body("status", equalTo("shipped"));

        for (long id : new long[] { 701, 702 }) {
            OrderEvents.publish(kafka, "cxl", "orders/cancelled", id, OrderEvents.order(id, "2026-11-03T09:00:00Z", "refunded",
                    order -> order.put("cancelled_at", "2026-11-03T09:00:00Z").put("cancel_reason", "customer")));
        }
        awaitOrder("cxl", 701, "cancelled");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(worker).get("/api/cxl/orders/" + after)
                .then().body("status", equalTo("shipped"))
                .body("cancelled_after_shipping", equalTo(true))
                .body("shipments", hasSize(1)));
        given().auth().oauth2(worker).post("/api/cxl/orders/" + before + "/pack").then().statusCode(409);
    }

    @Test
    void holdAndReleaseReturnWhereTheOrderWasAndConcurrentMovesNeverBothApply() {
        OrderEvents.settings(kafka, "race", 1, "any");
        OrderEvents.publish(kafka, "race", "orders/create", 801, OrderEvents.order(801, "2026-11-04T08:00:00Z", "paid", null));
        String id = idOf(awaitOrder("race", 801, "pending"));
        String worker = TestTokens.user("race", "warehouse");
        given().auth().oauth2(worker).post("/api/race/orders/" + id + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("reason", "address check"))
                .post("/api/race/orders/" + id + "/hold").then().statusCode(200)
                .body("status", equalTo("on_hold")).body("hold_reason", equalTo("address check"));
        given().auth().oauth2(worker).post("/api/race/orders/" + id + "/pack").then().statusCode(409)
                .body("detail", containsString("release it first"));
        int version = given().auth().oauth2(worker).post("/api/race/orders/" + id + "/release").then().statusCode(200)
                .body("status", equalTo("picking")).extract().path("version");

        // a stale If-Match is refused
        given().auth().oauth2(worker).header("If-Match", "\"" + (version - 1) + "\"")
                .post("/api/race/orders/" + id + "/pack").then().statusCode(409).body("title", equalTo("Changed meanwhile"));

        // eight packers at once: exactly one moves it
        List<CompletableFuture<Integer>> racers = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                given().auth().oauth2(worker).post("/api/race/orders/" + id + "/pack").statusCode())).toList();
        List<Integer> statuses = racers.stream().map(CompletableFuture::join).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(Set.of(200, 409), Set.copyOf(statuses), statuses.toString());
    }

    @Test
    void filtersTheQueueByNumberSkuAndOrderDate() {
        OrderEvents.settings(kafka, "find", 1, "any");
        OrderEvents.publish(kafka, "find", "orders/create", 42001, OrderEvents.order(42001, "2026-11-07T08:00:00Z", "paid",
                order -> order.put("created_at", "2026-10-01T09:00:00-04:00")));
        OrderEvents.publish(kafka, "find", "orders/create", 42002, OrderEvents.order(42002, "2026-11-07T08:00:00Z", "paid",
                order -> {
                    order.put("created_at", "2026-11-05T09:00:00+01:00");
                    ((ObjectNode) order.get("line_items").get(0)).put("sku", "MUG-STONE");
                }));
        awaitOrder("find", 42001, "pending");
        awaitOrder("find", 42002, "pending");
        String member = TestTokens.user("find", "member");
        given().auth().oauth2(member).queryParam("sku", "MUG-STONE").get("/api/find/orders").then().statusCode(200)
                .body("orders.shopify_order_id", equalTo(List.of(42002)));
        given().auth().oauth2(member).queryParam("order_number", "42001").get("/api/find/orders").then()
                .body("orders.shopify_order_id", equalTo(List.of(42001)));
        given().auth().oauth2(member).queryParam("order_number", "#42002").get("/api/find/orders").then()
                .body("orders.shopify_order_id", equalTo(List.of(42002)));
        given().auth().oauth2(member).queryParam("ordered_from", "2026-11-01").get("/api/find/orders").then()
                .body("orders.shopify_order_id", equalTo(List.of(42002)));
        given().auth().oauth2(member).queryParam("ordered_to", "2026-10-01T14:00:00Z").get("/api/find/orders").then()
                .body("orders.shopify_order_id", equalTo(List.of(42001)));
        given().auth().oauth2(member).queryParam("ordered_from", "yesterday").get("/api/find/orders").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("ordered_from"));
        given().auth().oauth2(member).queryParam("status", "lost").get("/api/find/orders").then()
                .statusCode(400).body("field", equalTo("status"));
    }

    @Test
    void anotherTenantSeesAndMovesNothing() {
        OrderEvents.settings(kafka, "mine", 1, "any");
        OrderEvents.publish(kafka, "mine", "orders/create", 901, OrderEvents.order(901, "2026-11-05T08:00:00Z", "paid", null));
        String id = idOf(awaitOrder("mine", 901, "pending"));
        String intruder = TestTokens.user("theirs", "owner");
        given().auth().oauth2(intruder).get("/api/mine/orders/" + id).then().statusCode(403);
        given().auth().oauth2(intruder).post("/api/mine/orders/" + id + "/pick").then().statusCode(403);
        // with its own tenant in the path, the order does not exist for it
        given().auth().oauth2(intruder).post("/api/theirs/orders/" + id + "/pick").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(intruder).get("/api/theirs/orders").then().statusCode(200).body("orders", hasSize(0));
        // a member reads but does not move orders
        given().auth().oauth2(TestTokens.user("mine", "member")).post("/api/mine/orders/" + id + "/pick").then().statusCode(403);
        Set<String> statuses = Set.of(given().auth().oauth2(TestTokens.user("mine", "member")).get("/api/mine/orders/" + id)
                .then().extract().path("status").toString());
        assertEquals(Set.of("pending"), statuses.stream().collect(Collectors.toSet()));
    }
}
