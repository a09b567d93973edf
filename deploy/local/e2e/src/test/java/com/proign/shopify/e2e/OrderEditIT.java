package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A merchant edits an order in the store before the warehouse starts picking it (Shopify's order editing: a line's
 * quantity raised, an upsell line added, then removed again): orders/edited and orders/updated reach the gateway,
 * the edit notice is taken (not dead-lettered), and the queue follows the order as it now is.
 */
@ExtendWith(LocalSuite.class)
class OrderEditIT {

    private static final String SHOP = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");

    private static JsonPath queued(long id) {
        return given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", id).get("/api/demo/orders").then().statusCode(200).extract().jsonPath();
    }

    private static void edit(long id, Map<String, Object> edit) {
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(edit)
                .post(SHOP + "/orders/" + id + "/edit").then().statusCode(200);
    }

    @Test
    void beforePickingTheQueueFollowsTheOrderAsEdited() {
        JsonPath order = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("seed", 404, "shippable", true, "financial_status", "paid"))
                .post(SHOP + "/orders").then().statusCode(201).extract().jsonPath();
        long id = order.getLong("id");
        long line = order.getLong("line_items.find { it.requires_shipping && !it.gift_card }.id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> queued(id).getList("orders").size() == 1);
        int before = queued(id).getInt("orders[0].items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick");

        edit(id, Map.of("set_quantities", List.of(Map.of("line_item_id", line, "quantity", before + 2)),
                "add", List.of(Map.of("title", "Upsell mug", "sku", "MUG-EDIT", "quantity", 1, "price", "12.00"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", id).get("/api/demo/orders").then().statusCode(200)
                .body("orders[0].status", equalTo("pending"))
                .body("orders[0].items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick", equalTo(before + 2))
                .body("orders[0].items.findAll { it.sku == 'MUG-EDIT' }", hasSize(1))
                .body("orders[0].items.find { it.sku == 'MUG-EDIT' }.quantity_to_pick", equalTo(1)));
        long mug = queued(id).getLong("orders[0].items.find { it.sku == 'MUG-EDIT' }.shopify_line_item_id");

        edit(id, Map.of("set_quantities", List.of(Map.of("line_item_id", mug, "quantity", 0))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", id).get("/api/demo/orders").then().statusCode(200)
                .body("orders[0].items.find { it.sku == 'MUG-EDIT' }.quantity_to_pick", equalTo(0))
                .body("orders[0].items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick", equalTo(before + 2)));

        // both edits' notices were delivered to the gateway and taken
        List<Map<String, Object>> attempts = given().baseUri(LocalSuite.env("SHOPIFY_URL")).get(SHOP + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.topic == 'orders/edited' }");
        assertTrue(attempts.size() >= 2 && attempts.stream().allMatch(a -> ((Number) a.get("status")).intValue() == 200),
                attempts.toString());
    }

    @Test
    void afterPickingStartedTheEditWaitsUntilSomeoneAcknowledgesIt() {
        JsonPath order = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("seed", 405, "shippable", true, "financial_status", "paid"))
                .post(SHOP + "/orders").then().statusCode(201).extract().jsonPath();
        long id = order.getLong("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> queued(id).getList("orders").size() == 1);
        JsonPath before = queued(id);
        String orderId = before.getString("orders[0].id");
        int items = before.getList("orders[0].items").size();
        String token = LocalSuite.env("TOKEN");
        given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(token).post("/api/demo/orders/" + orderId + "/pick")
                .then().statusCode(200);

        edit(id, Map.of("add", List.of(Map.of("title", "Late upsell", "sku", "LATE-1", "quantity", 2, "price", "5.00"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> queued(id).getBoolean("orders[0].changed_after_picking"));
        // the picking list stays as it was; the change is there in words
        JsonPath flagged = queued(id);
        assertTrue(flagged.getList("orders[0].items").size() == items && "picking".equals(flagged.getString("orders[0].status")));
        given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(token).get("/api/demo/orders/" + orderId + "/edits")
                .then().statusCode(200).body("[0].state", equalTo("awaiting_acknowledgement"))
                .body("[0].changes[0].text", equalTo("LATE-1 Late upsell: added, 2"));

        given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(token)
                .post("/api/demo/orders/" + orderId + "/edits/acknowledge").then().statusCode(200)
                .body("changed_after_picking", equalTo(false))
                .body("items.find { it.sku == 'LATE-1' }.quantity_to_pick", equalTo(2));
    }

    @Test
    void aFullRefundBeforePickingTakesTheOrderOutOfTheQueue() {
        JsonPath order = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("seed", 406, "shippable", true, "financial_status", "paid"))
                .post(SHOP + "/orders").then().statusCode(201).extract().jsonPath();
        long id = order.getLong("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> queued(id).getList("orders").size() == 1);
        List<Map<String, Object>> lines = order.getList("line_items");
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("refund_line_items", lines.stream().map(l -> Map.of("line_item_id", l.get("id"),
                        "quantity", l.get("fulfillable_quantity"))).toList()))
                .post(SHOP + "/orders/" + id + "/refund").then().statusCode(200).body("financial_status", equalTo("refunded"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> "refunded".equals(queued(id).getString("orders[0].status")));
        List<Map<String, Object>> attempts = given().baseUri(LocalSuite.env("SHOPIFY_URL")).get(SHOP + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.topic == 'refunds/create' }");
        assertTrue(!attempts.isEmpty() && attempts.stream().allMatch(a -> ((Number) a.get("status")).intValue() == 200),
                attempts.toString());
    }
}
