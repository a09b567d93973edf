package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Orders Shopify changes after import (an edit: a quantity raised, a line added): before picking the queue follows;
 * once picking started the order is flagged changed_after_picking with the changes in words and picking stays as it
 * was until someone acknowledges; after shipping the change is only recorded.
 */
@OrderServiceTest
class OrderEditsTest {

    private static final long LINE = 1071823193L;
    private static final long ADDED = 1071823999L;

    KafkaCompanion kafka;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** The sample order: its line at {@code quantity} (and, when given, a line added by an edit). */
    private static byte[] order(long id, String updatedAt, int quantity, boolean withAdded) {
        return order(id, updatedAt, quantity, withAdded, "paid");
    }

    private static byte[] order(long id, String updatedAt, int quantity, boolean withAdded, String financialStatus) {
        return OrderEvents.order(id, updatedAt, financialStatus, order -> {
            ArrayNode items = (ArrayNode) order.get("line_items");
            ObjectNode line = (ObjectNode) items.get(0);
            // Shopify keeps quantity as first ordered; an edit changes current_quantity
            line.put("quantity", 1).put("current_quantity", quantity).put("fulfillable_quantity", quantity)
                    .put("requires_shipping", true).put("gift_card", false);
            if (withAdded) {
                ObjectNode added = line.deepCopy();
                added.put("id", ADDED).put("title", "Upsell mug").put("sku", "MUG-1").put("quantity", 2)
                        .put("current_quantity", 2).put("fulfillable_quantity", 2);
                items.add(added);
            }
        });
    }

    private static JsonPath awaitOrder(String tenant, long shopifyOrderId, java.util.function.Predicate<JsonPath> condition) {
        String token = TestTokens.user(tenant, "member");
        return await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(token)
                .queryParam("shopify_order_id", shopifyOrderId).get("/api/" + tenant + "/orders").asString()),
                page -> page.getList("orders").size() == 1 && condition.test(page));
    }

    private static JsonPath edits(String tenant, String id) {
        return JsonPath.from(given().auth().oauth2(TestTokens.user(tenant, "member")).get("/api/" + tenant + "/orders/" + id
                + "/edits").then().statusCode(200).extract().asString());
    }

    @Test
    void beforePickingTheQueueFollowsAnEdit() {
        String tenant = "edit-before";
        OrderEvents.settings(kafka, tenant, 1, "any");
        OrderEvents.publish(kafka, tenant, "orders/create", 61, order(61, "2026-11-21T10:00:00Z", 1, false));
        String id = awaitOrder(tenant, 61, p -> true).getString("orders[0].id");

        OrderEvents.publish(kafka, tenant, "orders/updated", 61, order(61, "2026-11-21T11:00:00Z", 3, true));
        JsonPath page = awaitOrder(tenant, 61, p -> p.getList("orders[0].items").size() == 2);
        assertEquals(3, page.getInt("orders[0].items.find { it.shopify_line_item_id == " + LINE + "L }.quantity_to_pick"));
        assertEquals(2, page.getInt("orders[0].items.find { it.shopify_line_item_id == " + ADDED + "L }.quantity_to_pick"));
        assertEquals(false, page.getBoolean("orders[0].changed_after_picking"));
        JsonPath edits = edits(tenant, id);
        assertEquals("applied", edits.getString("[0].state"));
        assertEquals(List.of("IPOD2009BLACK IPod Touch 8GB: quantity 1 → 3", "MUG-1 Upsell mug: added, 2"),
                edits.getList("[0].changes.text"));
    }

    @Test
    void afterPickingStartedTheChangeWaitsForAPersonAndIsAppliedWhenAcknowledged() {
        String tenant = "edit-picking";
        OrderEvents.settings(kafka, tenant, 1, "any");
        OrderEvents.publish(kafka, tenant, "orders/create", 62, order(62, "2026-11-21T10:00:00Z", 1, false));
        String id = awaitOrder(tenant, 62, p -> true).getString("orders[0].id");
        String worker = TestTokens.user(tenant, "warehouse");
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pick").then().statusCode(200);
        // nothing waits yet
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/edits/acknowledge").then().statusCode(409)
                .contentType("application/problem+json");

        OrderEvents.publish(kafka, tenant, "orders/updated", 62, order(62, "2026-11-21T11:00:00Z", 3, true));
        JsonPath page = awaitOrder(tenant, 62, p -> p.getBoolean("orders[0].changed_after_picking"));
        // picking stays as it was
        assertEquals("picking", page.getString("orders[0].status"));
        assertEquals(1, page.getList("orders[0].items").size());
        assertEquals(1, page.getInt("orders[0].items[0].quantity_to_pick"));
        JsonPath edits = edits(tenant, id);
        assertEquals(1, edits.getList("$").size());
        assertEquals("awaiting_acknowledgement", edits.getString("[0].state"));
        assertEquals(List.of("quantity_changed", "added"), edits.getList("[0].changes.kind"));

        // a later update of the same order (a note, a payment) keeps the one change waiting, not a second
        OrderEvents.publish(kafka, tenant, "orders/updated", 62, order(62, "2026-11-21T12:00:00Z", 3, true));
        awaitOrder(tenant, 62, p -> true);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.user(tenant, "member"))
                .get("/api/" + tenant + "/orders/" + id).then().extract().jsonPath().getInt("version") >= 3);
        assertEquals(1, edits(tenant, id).getList("$").size());

        // a member may look, not acknowledge
        given().auth().oauth2(TestTokens.user(tenant, "member")).post("/api/" + tenant + "/orders/" + id + "/edits/acknowledge")
                .then().statusCode(403);
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/edits/acknowledge").then().statusCode(200)
                .body("changed_after_picking", equalTo(false))
                .body("status", equalTo("picking"))
                .body("items", hasSize(2))
                .body("items.find { it.shopify_line_item_id == " + LINE + "L }.quantity_to_pick", equalTo(3))
                .body("items.find { it.shopify_line_item_id == " + ADDED + "L }.quantity_to_pick", equalTo(2));
        edits = edits(tenant, id);
        assertEquals("acknowledged", edits.getString("[0].state"));
        assertEquals("user@" + tenant, edits.getString("[0].acknowledged_by"));
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/edits/acknowledge").then().statusCode(409);
        // another tenant's order is not found through this tenant
        given().auth().oauth2(TestTokens.user("someone-else", "member")).get("/api/someone-else/orders/" + id + "/edits")
                .then().statusCode(404);
    }

    @Test
    void afterShippingTheChangeIsOnlyRecorded() {
        String tenant = "edit-shipped";
        OrderEvents.settings(kafka, tenant, 1, "any");
        OrderEvents.publish(kafka, tenant, "orders/create", 63, order(63, "2026-11-21T10:00:00Z", 1, false));
        String id = awaitOrder(tenant, 63, p -> true).getString("orders[0].id");
        String worker = TestTokens.user(tenant, "warehouse");
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + id + "/pack").then().statusCode(200);
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1Z63"))
                .post("/api/" + tenant + "/orders/" + id + "/ship").then().statusCode(200).body("status", equalTo("shipped"));

        OrderEvents.publish(kafka, tenant, "orders/updated", 63, order(63, "2026-11-21T11:00:00Z", 3, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> edits(tenant, id).getList("$").size() == 1);
        assertEquals("recorded_after_shipping", edits(tenant, id).getString("[0].state"));
        JsonPath page = awaitOrder(tenant, 63, p -> true);
        assertEquals("shipped", page.getString("orders[0].status"));
        assertEquals(false, page.getBoolean("orders[0].changed_after_picking"));
        assertEquals(0, page.getInt("orders[0].items[0].quantity_to_pick"));
        assertEquals(1, page.getInt("orders[0].items[0].shipped_quantity"));
    }

    @Test
    void aFullRefundTakesTheOrderOutBeforePickingAndOnAcknowledgementAfter() {
        String tenant = "refunds";
        OrderEvents.settings(kafka, tenant, 1, "any");
        OrderEvents.publish(kafka, tenant, "orders/create", 64, order(64, "2026-11-21T10:00:00Z", 2, false));
        OrderEvents.publish(kafka, tenant, "orders/create", 65, order(65, "2026-11-21T10:00:00Z", 2, false));
        awaitOrder(tenant, 64, p -> true);
        String picked = awaitOrder(tenant, 65, p -> true).getString("orders[0].id");
        String worker = TestTokens.user(tenant, "warehouse");
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + picked + "/pick").then().statusCode(200);

        // refunded before picking: out of the queue
        OrderEvents.publish(kafka, tenant, "orders/updated", 64, order(64, "2026-11-21T11:00:00Z", 0, false, "refunded"));
        awaitOrder(tenant, 64, p -> "refunded".equals(p.getString("orders[0].status")));
        // refunded once picking started: flagged, the pick list as it was, until someone acknowledges
        OrderEvents.publish(kafka, tenant, "orders/updated", 65, order(65, "2026-11-21T11:00:00Z", 0, false, "refunded"));
        JsonPath flagged = awaitOrder(tenant, 65, p -> p.getBoolean("orders[0].changed_after_picking"));
        assertEquals("picking", flagged.getString("orders[0].status"));
        assertEquals(2, flagged.getInt("orders[0].items[0].quantity_to_pick"));
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + picked + "/edits/acknowledge").then().statusCode(200)
                .body("status", equalTo("refunded")).body("items[0].quantity_to_pick", equalTo(0));
        given().auth().oauth2(worker).post("/api/" + tenant + "/orders/" + picked + "/pack").then().statusCode(409);
    }
}
