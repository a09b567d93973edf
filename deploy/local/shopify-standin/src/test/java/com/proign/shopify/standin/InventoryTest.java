package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.proign.shopify.standin.StandIn.TestStore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class InventoryTest {

    private static final String SET = "mutation($input: InventorySetQuantitiesInput!, $key: String!) { "
            + "inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { reason "
            + "changes { name delta quantityAfterChange } } userErrors { code field message } } }";

    record Stock(TestStore store, String item, String location) {
    }

    private static Stock stock() {
        TestStore store = StandIn.store(Map.of());
        String location = given().contentType(ContentType.JSON).body(Map.of("name", "Main"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201)
                .extract().path("admin_graphql_api_id");
        String item = StandIn.graphql(store.token(), "{ productVariants(first: 5, query: \"sku:IPOD2009BLACK\") { "
                + "nodes { sku title product { title } inventoryItem { id sku } } } }")
                .body("data.productVariants.nodes", hasSize(1))
                .body("data.productVariants.nodes[0].product.title", equalTo("IPod Touch 8GB"))
                .extract().path("data.productVariants.nodes[0].inventoryItem.id");
        return new Stock(store, item, location);
    }

    private static int available(Stock s) {
        return StandIn.graphql(s.store().token(), "query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { "
                + "inventoryLevel(locationId: $loc) { quantities(names: [\"available\", \"on_hand\"]) { name quantity } } } }",
                Map.of("id", s.item(), "loc", s.location())).extract().path("data.inventoryItem.inventoryLevel.quantities[0].quantity");
    }

    private static Map<String, Object> input(Stock s, int quantity, Object changeFrom, boolean includeChangeFrom) {
        Map<String, Object> q = new HashMap<>();
        q.put("inventoryItemId", s.item());
        q.put("locationId", s.location());
        q.put("quantity", quantity);
        if (includeChangeFrom) {
            q.put("changeFromQuantity", changeFrom);
        }
        return Map.of("name", "available", "reason", "correction", "referenceDocumentUri", "proign://count/1",
                "quantities", List.of(q));
    }

    @Test
    void servesProductsVariantsAndLevels() {
        Stock s = stock();
        StandIn.graphql(s.store().token(), "{ products(first: 10) { nodes { title variants(first: 5) { nodes { sku } } } } }")
                .body("errors", nullValue())
                .body("data.products.nodes", hasSize(4));
        StandIn.graphql(s.store().token(), "query($id: ID!) { inventoryItem(id: $id) { sku tracked inventoryLevels(first: 5) { "
                + "nodes { location { name } quantities(names: [\"available\"]) { quantity } } } } }", Map.of("id", s.item()))
                .body("data.inventoryItem.sku", equalTo("IPOD2009BLACK"))
                .body("data.inventoryItem.inventoryLevels.nodes[0].location.name", equalTo("Main"));
        String narrow = StandIn.token(s.store(), List.of("read_orders"));
        StandIn.graphql(narrow, "{ products(first: 1) { nodes { id } } }").body("errors[0].extensions.code", equalTo("ACCESS_DENIED"));
    }

    @Test
    void setsQuantitiesWithCompareAndSwapAndIdempotencyKeys() {
        Stock s = stock();
        int before = available(s);

        StandIn.graphql(s.store().token(), "mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) "
                + "{ userErrors { code } } }", Map.of("input", input(s, 5, before, true)))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("@idempotent"));
        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, 5, null, false), "key", "k-missing"))
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("COMPARE_QUANTITY_REQUIRED"));
        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, 5, before + 1, true), "key", "k-stale"))
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("CHANGE_FROM_QUANTITY_STALE"))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup", nullValue());
        assertEquals(before, available(s), "a stale request changes nothing");

        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, before + 7, before, true), "key", "k-1"))
                .body("data.inventorySetQuantities.userErrors", hasSize(0))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].delta", equalTo(7))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].quantityAfterChange", equalTo(before + 7));
        // the same request again (a retry): the same answer, applied once, though its changeFromQuantity is now stale
        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, before + 7, before, true), "key", "k-1"))
                .body("data.inventorySetQuantities.userErrors", hasSize(0))
                .body("data.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].delta", equalTo(7));
        assertEquals(before + 7, available(s));
        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, 1, before + 7, true), "key", "k-1"))
                .body("data.inventorySetQuantities.userErrors[0].code", equalTo("IDEMPOTENCY_KEY_PARAMETER_MISMATCH"));

        // an explicit null opts out of the check
        StandIn.graphql(s.store().token(), SET, Map.of("input", input(s, 3, null, true), "key", "k-2"))
                .body("data.inventorySetQuantities.userErrors", hasSize(0));
        assertEquals(3, available(s));
        StandIn.graphql(StandIn.token(s.store(), List.of("read_inventory")), SET, Map.of("input", input(s, 1, null, true), "key", "k-3"))
                .body("errors[0].extensions.code", equalTo("ACCESS_DENIED"));
    }
}
