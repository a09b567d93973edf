package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The demo store's month of orders (seeded in the stand-in, never delivered as webhooks) imported with a manual
 * sync: sync-service pulls them and they reach the queue through the webhooks' own path.
 */
@ExtendWith(LocalSuite.class)
class HistoryImportIT {

    @Test
    void aManualSyncBringsTheStoresHistoryIntoTheQueue() {
        String token = LocalSuite.env("TOKEN");
        String job = given().baseUri(LocalSuite.env("SYNC_URL")).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from_date", LocalDate.now().minusDays(40).toString(), "to_date", LocalDate.now().toString()))
                .post("/api/demo/sync/shopify").then().statusCode(202).extract().path("job_id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("SYNC_URL")).auth().oauth2(token).get("/api/demo/sync/jobs/" + job).then()
                .statusCode(200).body("status", equalTo("completed")));

        String answer = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .header("X-Shopify-Access-Token", LocalSuite.env("SHOPIFY_ACCESS_TOKEN"))
                .body(Map.of("query", "{ orders(first: 50, sortKey: CREATED_AT) { nodes { legacyResourceId } } }"))
                .post("/admin/api/2026-10/graphql.json").then().statusCode(200).extract().asString();
        List<String> ids = JsonPath.from(answer).getList("data.orders.nodes.legacyResourceId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : ids) {
                given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(token).queryParam("shopify_order_id", id)
                        .get("/api/demo/orders").then().statusCode(200).body("orders", hasSize(1));
            }
        });
    }
}
