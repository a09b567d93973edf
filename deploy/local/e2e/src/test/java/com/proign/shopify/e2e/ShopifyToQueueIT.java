package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;

/**
 * The whole way with nothing posted by hand: connecting the demo store (run.sh) registered its webhooks at the
 * stand-in; a customer's order there is delivered, signed, to the gateway and lands in the queue.
 */
@ExtendWith(LocalSuite.class)
class ShopifyToQueueIT {

    @Test
    void anOrderPlacedInTheStoreReachesTheFulfillmentQueue() {
        long id = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("seed", 77))
                .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .queryParam("shopify_order_id", id).get("/api/demo/orders")
                .then().statusCode(200).body("orders", hasSize(1)));

        given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .contentType(ContentType.JSON).body("{}")
                .post("/api/demo/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true));
    }
}
