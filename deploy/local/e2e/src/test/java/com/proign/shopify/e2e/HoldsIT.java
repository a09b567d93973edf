package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A hold placed in Shopify: the merchant holds an order in the admin (high risk of fraud); Shopify's
 * fulfillment_orders/placed_on_hold crosses the gateway, the sync-service reads the fulfillment order's holds, and the
 * queue shows the order on hold with Shopify's reason, refusing to pick it; the merchant's release puts it back. And
 * the other way: the warehouse's hold is placed in Shopify, where the merchant sees it.
 */
@ExtendWith(LocalSuite.class)
class HoldsIT {

    @Test
    void anOrderTheMerchantHoldsInShopifyCannotBePickedUntilReleased() {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        String sim = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");
        long shopifyId = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post(sim + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(orders).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/demo/orders").asString()).getString("orders[0].id"), found -> found != null);

        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("reason", "HIGH_RISK_OF_FRAUD", "notes", "card declined twice"))
                .post(sim + "/orders/" + shopifyId + "/hold").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("status", equalTo("on_hold"))
                .body("held_in_shopify", equalTo(true))
                .body("hold_reason", equalTo("Held in Shopify: high risk of fraud: card declined twice")));
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(409);

        given().baseUri(shopify).post(sim + "/orders/" + shopifyId + "/release-hold").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(orders)
                .auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("status", equalTo("pending")).body("held_in_shopify", equalTo(false)));
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
    }

    /** The warehouse's own hold is placed in Shopify (the merchant sees it) and released there with it, alone. */
    @Test
    void theWarehousesHoldIsSeenInShopify() {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        String sim = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");
        long shopifyId = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post(sim + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(orders).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/demo/orders").asString()).getString("orders[0].id"), found -> found != null);

        given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "box damaged"))
                .post("/api/demo/orders/" + id + "/hold").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(shopify)
                .get(sim + "/orders/" + shopifyId + "/fulfillments").then()
                .body("fulfillment_orders[0].status", equalTo("ON_HOLD"))
                .body("fulfillment_orders[0].holds[0].handle", equalTo("proign-warehouse"))
                .body("fulfillment_orders[0].holds[0].reason_notes", equalTo("box damaged")));
        // Shopify's webhook about that hold comes back: it is the warehouse's, so the order stays the warehouse's to release
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("status", equalTo("on_hold")).body("held_in_shopify", equalTo(false));

        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/release").then().statusCode(200)
                .body("status", equalTo("pending"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().baseUri(shopify)
                .get(sim + "/orders/" + shopifyId + "/fulfillments").then()
                .body("fulfillment_orders[0].status", equalTo("OPEN"))
                .body("fulfillment_orders[0].holds.size()", equalTo(0)));
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then().body("status", equalTo("pending"));
    }
}
