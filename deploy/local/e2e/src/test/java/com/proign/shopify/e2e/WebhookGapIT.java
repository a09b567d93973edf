package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A gap in the webhooks: Shopify dropped the store's ORDERS_CREATE subscription (as it does after deliveries keep
 * failing) and a customer orders meanwhile. Nobody does anything: the next interval reconciliation brings the order
 * into the queue, and what the merchant changed meanwhile (an edit, an order handed to a 3PL) reaches it too. Test
 * Connection says the subscription is missing; the webhook check mends it.
 */
@ExtendWith(LocalSuite.class)
class WebhookGapIT {

    private static String graphql(String query) {
        return given().baseUri(LocalSuite.env("SHOPIFY_URL")).header("X-Shopify-Access-Token", LocalSuite.env("SHOPIFY_ACCESS_TOKEN"))
                .contentType(ContentType.JSON).body(Map.of("query", query))
                .post("/admin/api/2026-10/graphql.json").then().statusCode(200).extract().asString();
    }

    private static void settings(Map<String, Object> settings) {
        given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .contentType(ContentType.JSON).body(settings).put("/api/demo/integrations/shopify/settings")
                .then().statusCode(200);
    }

    @Test
    void anOrderPlacedWhileItsWebhookIsGoneArrivesWithTheNextReconciliation() {
        Map<String, Object> before = given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .get("/api/demo/integrations/shopify/settings").then().statusCode(200).extract().jsonPath().getMap("");
        List<Map<String, Object>> subscriptions = JsonPath.from(graphql("{ webhookSubscriptions(first: 50) { nodes { id topic } } }"))
                .getList("data.webhookSubscriptions.nodes");
        // an order in the queue before the gap, which the merchant edits during it
        JsonPath edited = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("seed", 4243, "financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders").then().statusCode(201).extract().jsonPath();
        long editedId = edited.getLong("id");
        long line = edited.getLong("line_items.find { it.requires_shipping && !it.gift_card }.id");
        int quantity = edited.getInt("line_items.find { it.requires_shipping && !it.gift_card }.current_quantity");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", editedId).get("/api/demo/orders").then().statusCode(200).body("orders", hasSize(1)));
        // and an order in the queue before the gap, which the merchant hands to a 3PL during it
        long moving = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", moving).get("/api/demo/orders").then().statusCode(200)
                .body("orders[0].status", equalTo("pending")));
        // the gap: Shopify removed the order and fulfillment order subscriptions (after failed deliveries, say)
        List<String> gone = subscriptions.stream()
                .filter(s -> List.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_EDITED", "FULFILLMENT_ORDERS_MOVED")
                        .contains(s.get("topic")))
                .map(s -> (String) s.get("id")).toList();
        try {
            gone.forEach(subscription -> graphql("mutation { webhookSubscriptionDelete(id: \"" + subscription
                    + "\") { deletedWebhookSubscriptionId } }"));
            Map<String, Object> everyMinute = new HashMap<>(before);
            everyMinute.put("auto_sync_interval_minutes", 1);
            everyMinute.remove("fulfillment_location_name");
            everyMinute.remove("fulfillment_service_location_id");
            everyMinute.remove("tenant");
            everyMinute.remove("updated_at");
            settings(everyMinute);

            long id = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                    .body(Map.of("seed", 4242, "financial_status", "paid"))
                    .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                    .contentType(ContentType.JSON).body("{}").post("/api/demo/integrations/shopify/test").then()
                    .statusCode(200).body("ok", equalTo(false))
                    .body("problems", hasItem(containsString("No ORDERS_CREATE webhook subscription")));

            given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                    .body(Map.of("set_quantities", List.of(Map.of("line_item_id", line, "quantity", quantity + 1))))
                    .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders/" + editedId + "/edit").then().statusCode(200);
            long threePl = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Gap 3PL", "fulfillment_service", Map.of("handle", "gap-3pl", "service_name", "Gap 3PL")))
                    .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/locations").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("to_location_id", threePl))
                    .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders/" + moving + "/move").then().statusCode(200);

            // one reconciliation interval (a minute here) and the scheduler's tick, and no action of anyone's: the new
            // order arrives, and the edit no webhook told of reaches the queue as a delivered one would
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> given()
                    .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                    .queryParam("shopify_order_id", id).get("/api/demo/orders")
                    .then().statusCode(200).body("orders", hasSize(1)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> given()
                    .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                    .queryParam("shopify_order_id", editedId).get("/api/demo/orders").then().statusCode(200)
                    .body("orders[0].items.find { it.shopify_line_item_id == " + line + "L }.quantity_to_pick",
                            equalTo(quantity + 1)));
            // and the move no webhook told of: the order is the 3PL's now
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> given()
                    .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                    .queryParam("shopify_order_id", moving).get("/api/demo/orders").then().statusCode(200)
                    .body("orders[0].status", equalTo("assigned_elsewhere")));
        } finally {
            given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                    .post("/api/demo/integrations/shopify/webhooks/check").then().statusCode(200);
            Map<String, Object> restored = new HashMap<>(before);
            restored.remove("fulfillment_location_name");
            restored.remove("fulfillment_service_location_id");
            restored.remove("tenant");
            restored.remove("updated_at");
            settings(restored);
        }
    }
}
