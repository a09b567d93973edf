package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.testinfra.ShopifySamples;

import io.restassured.specification.RequestSpecification;

/**
 * The walking skeleton, every hop real: a webhook signed with the demo store's secret goes through the gateway
 * (secret from integration-service), Kafka and the order-service into PostgreSQL, and comes back from the API.
 */
@ExtendWith(LocalSuite.class)
class WebhookToOrderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shopify's sample order under an id no earlier run used (ids pass 2^53, as real ones do). */
    private static byte[] freshOrder(long id) throws IOException {
        ObjectNode order = (ObjectNode) JSON.readTree(ShopifySamples.bytes(ShopifySamples.ORDER));
        order.put("id", id);
        order.put("name", "#" + (id % 100_000));
        return JSON.writeValueAsBytes(order);
    }

    private static RequestSpecification delivery(byte[] body, String hmac) {
        return given()
                .baseUri(LocalSuite.env("GATEWAY_URL"))
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", LocalSuite.env("SHOP_DOMAIN"))
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", hmac)
                .contentType("application/json")
                .body(body);
    }

    private static RequestSpecification orders() {
        return given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(LocalSuite.env("TOKEN"));
    }

    @Test
    void aSignedWebhookBecomesAnOrderInTheQueue() throws IOException {
        long id = (1L << 53) + ThreadLocalRandom.current().nextLong(1, 1L << 40);
        byte[] body = freshOrder(id);
        delivery(body, ShopifySamples.sign(body, LocalSuite.env("WEBHOOK_SECRET")))
                .post("/webhooks/shopify").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> orders()
                .queryParam("shopify_order_id", id).get("/api/demo/orders")
                .then().statusCode(200).body("orders", hasSize(1)));
        orders().queryParam("shopify_order_id", id).get("/api/demo/orders").then()
                .body(containsString("\"shopify_order_id\":" + id + ","))
                .body("orders[0].shopify_order_number", equalTo("#" + (id % 100_000)))
                .body("orders[0].status", equalTo("pending"))
                .body("orders[0].items[0].sku", equalTo("IPOD2009BLACK"))
                .body("orders[0].items[0].quantity", equalTo(1))
                .body("orders[0].shipping_address.city", equalTo("Fakecity"))
                .body("orders[0].shipping_address.zip", equalTo("K2P 1L4"));
    }

    @Test
    void aTamperedWebhookIsRefusedAndNeverBecomesAnOrder() throws IOException {
        long id = (1L << 53) + ThreadLocalRandom.current().nextLong(1, 1L << 40);
        byte[] body = freshOrder(id);
        String hmac = ShopifySamples.sign(body, LocalSuite.env("WEBHOOK_SECRET"));
        byte[] tampered = body.clone();
        tampered[tampered.length - 3] ^= 0x01;
        delivery(tampered, hmac).post("/webhooks/shopify")
                .then().statusCode(401).contentType("application/problem+json");

        // a valid delivery sent after it (same order, same partition) arrives; the tampered one never did
        delivery(body, hmac).post("/webhooks/shopify").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> orders()
                .queryParam("shopify_order_id", id).get("/api/demo/orders")
                .then().statusCode(200).body("orders", hasSize(1)));
    }

    @Test
    void theConnectionShowsNoSecretAndEveryServiceIsHealthy() {
        given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .get("/api/demo/integrations/shopify").then().statusCode(200)
                .body("shop_domain", equalTo(LocalSuite.env("SHOP_DOMAIN")))
                .body(not(containsString(LocalSuite.env("WEBHOOK_SECRET"))));
        given().baseUri(LocalSuite.env("SYNC_URL")).auth().oauth2(LocalSuite.env("TOKEN"))
                .get("/api/demo/sync/status").then().statusCode(200).body("tenant", equalTo("demo"));
        for (String url : new String[] { "GATEWAY_URL", "ORDERS_URL", "SYNC_URL", "INTEGRATION_URL" }) {
            given().baseUri(LocalSuite.env(url)).get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri(LocalSuite.env(url)).get("/q/metrics").then().statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
            given().baseUri(LocalSuite.env(url)).get("/q/openapi").then().statusCode(200)
                    .body(notNullValue());
        }
    }
}
