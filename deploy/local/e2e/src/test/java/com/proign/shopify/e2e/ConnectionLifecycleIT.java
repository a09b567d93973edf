package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;

/**
 * A Dev Dashboard app's store connected through the API, an order delivered through its minted credentials'
 * webhook secret, the store's catalogue pulled on connect into order-service's products, then the app uninstalled in the store: Shopify's app/uninstalled crosses the gateway and
 * Kafka and ends the connection, and the gateway stops taking the store's deliveries.
 */
@ExtendWith(LocalSuite.class)
class ConnectionLifecycleIT {

    private static final String SHOP = "lifecycle-e2e.myshopify.com";

    @Test
    void connectReceiveUninstall() {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String integration = LocalSuite.env("INTEGRATION_URL");
        String owner = LocalSuite.token("lifecycle", "owner");
        given().baseUri(shopify).contentType(ContentType.JSON)
                .body(Map.of("domain", SHOP, "client_id", "lifecycle-client", "client_secret", "shpss_lifecycle_e2e"))
                .post("/_sim/stores").then().statusCode(201);

        given().baseUri(integration).auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", SHOP, "client_id", "lifecycle-client", "client_secret", "shpss_lifecycle_e2e"))
                .post("/api/lifecycle/integrations/shopify")
                .then().statusCode(200).body("credential_kind", equalTo("client_credentials"));

        long id = given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("seed", 5))
                .post("/_sim/stores/" + SHOP + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        // the gateway learns of a newly connected store within its cache's refresh (60 s); Shopify's retries cover it
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(owner)
                .queryParam("shopify_order_id", id).get("/api/lifecycle/orders")
                .then().statusCode(200).body("orders", hasSize(1)));

        // connecting pulled the store's catalogue (sync-service, through shopify.products) into order-service
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(owner)
                .queryParam("sku", "IPOD2009BLACK").get("/api/lifecycle/products")
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].variants.find { it.sku == 'IPOD2009BLACK' }.shopify_inventory_item_id", notNullValue()));

        given().baseUri(shopify).post("/_sim/stores/" + SHOP + "/uninstall").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(integration).auth().oauth2(owner).get("/api/lifecycle/integrations/shopify")
                .then().statusCode(200)
                .body("status", equalTo("disconnected"))
                .body("disconnect_reason", equalTo("app_uninstalled")));

        // the tenant's orders stay
        given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(owner)
                .queryParam("shopify_order_id", id).get("/api/lifecycle/orders")
                .then().statusCode(200).body("orders", hasSize(1));
    }
}
