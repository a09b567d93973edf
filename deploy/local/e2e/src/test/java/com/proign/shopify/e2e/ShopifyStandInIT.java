package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;

/** run.sh starts the Shopify stand-in and seeds the demo store the demo tenant is connected to. */
@ExtendWith(LocalSuite.class)
class ShopifyStandInIT {

    @Test
    void theDemoStoreIsServedWithALocationAndOrders() {
        given().baseUri(LocalSuite.env("SHOPIFY_URL"))
                .header("X-Shopify-Access-Token", LocalSuite.env("SHOPIFY_ACCESS_TOKEN"))
                .contentType(ContentType.JSON)
                .body(Map.of("query", "{ shop { myshopifyDomain } locations(first: 5) { nodes { name } } "
                        + "orders(first: 50, query: \"status:any\") { nodes { id } } }"))
                .post("/admin/api/2026-10/graphql.json")
                .then().statusCode(200)
                .header("X-Shopify-API-Version", "2026-10")
                .body("data.shop.myshopifyDomain", equalTo(LocalSuite.env("SHOP_DOMAIN")))
                .body("data.locations.nodes[0].name", equalTo("PROIGN Warehouse"))
                .body("data.orders.nodes", hasSize(50));
    }
}
