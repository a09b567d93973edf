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
import io.restassured.path.json.JsonPath;

/**
 * The way back: an order placed in the store reaches the queue, the warehouse picks, packs and ships it with
 * tracking, and the store's order is fulfilled with that tracking, once; the queue shows the shipment synced.
 */
@ExtendWith(LocalSuite.class)
class FulfillmentBackIT {

    @Test
    void shippingInTheWarehouseFulfilsTheOrderInShopify() {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        String shop = LocalSuite.env("SHOP_DOMAIN");
        long shopifyId = given().baseUri(shopify).contentType(ContentType.JSON)
                .body(Map.of("seed", 301, "financial_status", "paid"))
                .post("/_sim/stores/" + shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");

        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(orders).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/demo/orders").asString()).getString("orders[0].id"), found -> found != null);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pack").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1ZE2E0000000000001",
                        "tracking_url", "https://www.ups.com/track?tracknum=1ZE2E0000000000001"))
                .post("/api/demo/orders/" + id + "/ship").then().statusCode(200).body("status", equalTo("shipped"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then().statusCode(200)
                .body("shipments[0].sync_status", equalTo("synced")));
        given().baseUri(shopify).get("/_sim/stores/" + shop + "/orders/" + shopifyId + "/fulfillments").then()
                .statusCode(200)
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].tracking_number", equalTo("1ZE2E0000000000001"))
                .body("fulfillments[0].tracking_company", equalTo("UPS"));
    }

    /**
     * A shipment of two parcels with a carrier written the warehouse's way: Shopify's fulfillment has both numbers
     * under Shopify's name for the carrier (with the tracking links Shopify makes for it); a parcel relabelled later
     * changes the same fulfillment's tracking, not a second fulfillment.
     */
    @Test
    void severalParcelsReachShopifyUnderItsCarrierNameAndTheirTrackingCanChange() {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        String shop = LocalSuite.env("SHOP_DOMAIN");
        long shopifyId = given().baseUri(shopify).contentType(ContentType.JSON)
                .body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + shop + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(orders).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/demo/orders").asString()).getString("orders[0].id"), found -> found != null);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + id + "/pack").then().statusCode(200);
        String shipment = given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "federal express", "tracking_numbers", java.util.List.of("794600000001", "794600000002")))
                .post("/api/demo/orders/" + id + "/ship").then().statusCode(200).extract().path("shipments[0].id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("shipments[0].sync_status", equalTo("synced")));
        given().baseUri(shopify).get("/_sim/stores/" + shop + "/orders/" + shopifyId + "/fulfillments").then()
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].tracking_company", equalTo("FedEx"))
                .body("fulfillments[0].tracking_numbers", equalTo(java.util.List.of("794600000001", "794600000002")))
                .body("fulfillments[0].tracking_urls[1]", org.hamcrest.Matchers.containsString("794600000002"));

        given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "FedEx", "tracking_numbers", java.util.List.of("794600000001", "794600000009")))
                .put("/api/demo/orders/" + id + "/shipments/" + shipment + "/tracking").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(shopify).get("/_sim/stores/" + shop + "/orders/" + shopifyId + "/fulfillments").then()
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].tracking_numbers", equalTo(java.util.List.of("794600000001", "794600000009"))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + id).then()
                .body("shipments[0].sync_status", equalTo("synced")));
    }
}
