package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Fulfillment orders Shopify moves after (or as) an order is placed, driven in the stand-in as a merchant (or
 * Shopify's order routing) would: an order routed to a fulfillment service (a 3PL's location) stays out of the queue
 * until the merchant moves it to the warehouse; split and merged at the warehouse it stays the warehouse's; a unit
 * moved to the 3PL leaves the pick list and the warehouse ships
 * and reports only its part; once picking started a move waits for a person; a scheduled order waits for its date.
 */
@ExtendWith(LocalSuite.class)
class FulfillmentOrdersIT {

    private static final String SIM = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");

    private static long fulfillmentService() {
        return given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme 3PL", "fulfillment_service", Map.of("handle", "acme-3pl", "service_name", "Acme 3PL")))
                .post(SIM + "/locations").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The store's warehouse: its first location. */
    private static long warehouse() {
        return Long.parseLong(given().baseUri(LocalSuite.env("SHOPIFY_URL"))
                .header("X-Shopify-Access-Token", LocalSuite.env("SHOPIFY_ACCESS_TOKEN")).contentType(ContentType.JSON)
                .body(Map.of("query", "{ locations(first: 1) { nodes { legacyResourceId } } }"))
                .post("/admin/api/2026-10/graphql.json").then().statusCode(200).extract().jsonPath()
                .getString("data.locations.nodes[0].legacyResourceId"));
    }

    private static JsonPath place(Map<String, Object> body) {
        return given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(body)
                .post(SIM + "/orders").then().statusCode(201).extract().jsonPath();
    }

    /** An order with a line of two or more units to ship, placed in the store. */
    private static JsonPath placeWithSeveralUnits() {
        for (int seed = 5100; seed < 5200; seed++) {
            JsonPath order = place(Map.of("seed", seed, "financial_status", "paid", "shippable", true));
            Integer quantity = order.get("line_items.find { it.requires_shipping && !it.gift_card }.current_quantity");
            if (quantity != null && quantity >= 2) {
                return order;
            }
        }
        throw new AssertionError("no seed gave a line of two units");
    }

    private static JsonPath queued(long shopifyId, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                        .queryParam("shopify_order_id", shopifyId).get("/api/demo/orders").asString()),
                page -> status.equals(page.getString("orders[0].status")));
    }

    private static void move(long shopifyId, long to, Long lineItem, Integer quantity) {
        Map<String, Object> body = lineItem == null ? Map.of("to_location_id", to)
                : Map.of("to_location_id", to, "line_items", List.of(Map.of("line_item_id", lineItem, "quantity", quantity)));
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(body)
                .post(SIM + "/orders/" + shopifyId + "/move").then().statusCode(200);
    }

    private static JsonPath fulfillmentOrders(long shopifyId) {
        return given().baseUri(LocalSuite.env("SHOPIFY_URL")).get(SIM + "/orders/" + shopifyId + "/fulfillments").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void whatShopifyAssignsToAFulfillmentServiceIsNotPickedAndTheWarehouseShipsOnlyItsPart() {
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        long service = fulfillmentService();

        // routed to the 3PL as it was placed: not the warehouse's to ship, until the merchant moves it to the warehouse
        JsonPath routed = place(Map.of("financial_status", "paid", "shippable", true, "location_id", service));
        long routedId = routed.getLong("id");
        JsonPath page = queued(routedId, "assigned_elsewhere");
        assertTrue(page.getList("orders[0].items.quantity_to_pick", Integer.class).stream().allMatch(q -> q == 0), page.prettify());
        assertEquals(service, fulfillmentOrders(routedId).getLong("fulfillment_orders[0].location_id"));
        move(routedId, warehouse(), null, null);
        queued(routedId, "pending");

        // one unit of a line moved to the 3PL leaves the pick list; the warehouse ships the rest, and only that
        JsonPath order = placeWithSeveralUnits();
        long shopifyId = order.getLong("id");
        long line = order.getLong("line_items.find { it.requires_shipping && !it.gift_card }.id");
        int quantity = order.getInt("line_items.find { it.requires_shipping && !it.gift_card }.current_quantity");
        String id = queued(shopifyId, "pending").getString("orders[0].id");
        // split and merged again at the warehouse's location: still all the warehouse's (the states of one order are
        // applied in order, so the move below is judged after them)
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("line_items", List.of(Map.of("line_item_id", line, "quantity", 1))))
                .post(SIM + "/orders/" + shopifyId + "/split").then().statusCode(200);
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).post(SIM + "/orders/" + shopifyId + "/merge").then().statusCode(200);
        move(shopifyId, service, line, 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick", equalTo(quantity - 1))
                .body("items.find { it.shopify_line_item_id == " + line + "L }.elsewhere_quantity", equalTo(1))
                .body("items.find { it.shopify_line_item_id == " + line + "L }.assigned_elsewhere",
                        equalTo("Acme 3PL (a fulfillment service)")));
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pack").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1ZSPLIT3PL"))
                .post("/api/demo/orders/" + id + "/ship").then().statusCode(200).body("status", equalTo("shipped"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then().body("shipments[0].sync_status", equalTo("synced")));
        // in Shopify: the warehouse's fulfillment order is done, the 3PL's unit is still the 3PL's to ship
        JsonPath shopify = fulfillmentOrders(shopifyId);
        assertEquals(1, shopify.getList("fulfillments").size());
        assertEquals(List.of(1), shopify.getList("fulfillment_orders.findAll { it.location_id == " + service
                + "L }.lines.flatten().remaining_quantity"), shopify.prettify());
    }

    @Test
    void aMoveOncePickingStartedWaitsForSomeoneToAcknowledgeIt() {
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        long service = fulfillmentService();
        JsonPath order = placeWithSeveralUnits();
        long shopifyId = order.getLong("id");
        long line = order.getLong("line_items.find { it.requires_shipping && !it.gift_card }.id");
        int quantity = order.getInt("line_items.find { it.requires_shipping && !it.gift_card }.current_quantity");
        String id = queued(shopifyId, "pending").getString("orders[0].id");
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);

        move(shopifyId, service, line, 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("changed_after_picking", equalTo(true))
                .body("status", equalTo("picking"))
                .body("items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick", equalTo(quantity)));
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id + "/edits").then().statusCode(200)
                .body("[0].state", equalTo("awaiting_acknowledgement"))
                .body("[0].changes[0].text", containsString("1 assigned to Acme 3PL (a fulfillment service) in Shopify"));
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/edits/acknowledge").then().statusCode(200)
                .body("changed_after_picking", equalTo(false))
                .body("items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick", equalTo(quantity - 1));
    }

    @Test
    void aScheduledOrderWaitsForItsDate() {
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        long shopifyId = place(Map.of("financial_status", "paid", "shippable", true, "fulfill_at", "2027-01-15T09:00:00Z")).getLong("id");
        String id = queued(shopifyId, "on_hold").getString("orders[0].id");
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("held_in_shopify", equalTo(true)).body("hold_reason", equalTo("Held in Shopify: scheduled for 2027-01-15"));
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(409);

        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("fulfill_at", "2027-02-01T09:00:00Z"))
                .post(SIM + "/orders/" + shopifyId + "/reschedule").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("hold_reason", equalTo("Held in Shopify: scheduled for 2027-02-01")));
        // the date comes
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("open", true))
                .post(SIM + "/orders/" + shopifyId + "/reschedule").then().statusCode(200);
        queued(shopifyId, "pending");
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
    }
}
