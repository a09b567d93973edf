package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.proign.shopify.standin.StandIn.TestStore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AdminGraphqlTest {

    @Test
    void rejectsWhatShopifysSchemaRejects() {
        TestStore store = StandIn.store(Map.of());
        StandIn.graphql(store.token(), "{ shop { nmae } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("undefinedField"))
                .body("errors[0].message", containsString("nmae"))
                .body("errors[0].locations[0].line", equalTo(1));
        StandIn.graphql(store.token(), "{ orders(first: \"ten\") { nodes { id } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("argumentLiteralsIncompatible"));
        StandIn.graphql(store.token(), "mutation { webhookSubscriptionCreat(topic: ORDERS_CREATE, "
                + "webhookSubscription: {uri: \"https://x.example/h\"}) { userErrors { message } } }")
                .body("errors[0].extensions.code", equalTo("undefinedField"));
        StandIn.graphql(store.token(), "{ order { id } }")
                .body("errors[0].extensions.code", equalTo("missingRequiredArguments"));
        StandIn.graphql(store.token(), "{ orders(first: 1, sortKey: NEWEST) { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("argumentLiteralsIncompatible"));
        StandIn.graphql(store.token(), "{ shop { name ").body("errors[0].extensions.code", equalTo("parseError"));
        // fields removed from the schema stay removed: Order.fulfillmentStatus never existed in GraphQL
        StandIn.graphql(store.token(), "{ orders(first: 1) { nodes { fulfillmentStatus } } }")
                .body("errors[0].extensions.code", equalTo("undefinedField"));
    }

    @Test
    void pinsTheVersionAndFallsForwardFromAnUnsupportedOne() {
        TestStore store = StandIn.store(Map.of());
        given().header("X-Shopify-Access-Token", store.token()).contentType(ContentType.JSON)
                .body(Map.of("query", "{ shop { name } }")).post("/admin/api/2026-10/graphql.json")
                .then().statusCode(200).header("X-Shopify-API-Version", "2026-10");
        given().header("X-Shopify-Access-Token", store.token()).contentType(ContentType.JSON)
                .body(Map.of("query", "{ shop { name } }")).post("/admin/api/2024-01/graphql.json")
                .then().statusCode(200).header("X-Shopify-API-Version", "2026-01");
    }

    @Test
    void saysWhatItDoesNotSimulate() {
        TestStore store = StandIn.store(Map.of());
        StandIn.graphql(store.token(), "{ shop { name billingAddress { city } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_SIMULATED"))
                .body("errors[0].message", containsString("Shop.billingAddress"));
    }

    @Test
    void authenticatesByTokenAndEnforcesScopes() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("query", "{ shop { name } }"))
                .post("/admin/api/2026-10/graphql.json").then().statusCode(401)
                .body("errors", containsString("Invalid API key or access token"));
        StandIn.graphql("shpat_wrong", "{ shop { name } }").statusCode(401);

        String narrow = StandIn.token(store, List.of("read_products"));
        // orders is non-null in the schema, so its denial nulls the whole data, as the GraphQL spec has it
        StandIn.graphql(narrow, "{ shop { name } orders(first: 1) { nodes { id } } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("ACCESS_DENIED"))
                .body("errors[0].path[0]", equalTo("orders"))
                .body("errors[0].message", containsString("read_orders"));
        StandIn.graphql(narrow, "{ shop { name } }").body("data.shop.name", notNullValue());
        StandIn.graphql(narrow, "{ currentAppInstallation { accessScopes { handle } } }")
                .body("data.currentAppInstallation.accessScopes.handle", equalTo(List.of("read_products")));
        given().header("X-Shopify-Access-Token", narrow).get("/admin/oauth/access_scopes.json").then()
                .statusCode(200).body("access_scopes.handle", equalTo(List.of("read_products")));
        // a write scope implies its read scope
        String writer = StandIn.token(store, List.of("write_orders"));
        StandIn.graphql(writer, "{ orders(first: 1) { nodes { id } } }").body("errors", nullValue());
    }

    @Test
    void hidesOrdersOlderThan60DaysWithoutReadAllOrders() {
        TestStore store = StandIn.store(Map.of());
        String old = given().contentType(ContentType.JSON)
                .body(Map.of("created_at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(90).toString()))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201)
                .extract().path("admin_graphql_api_id");
        String recentOnly = StandIn.token(store, List.of("read_orders"));
        StandIn.graphql(recentOnly, "{ orders(first: 10) { nodes { id } } }").body("data.orders.nodes", hasSize(0));
        StandIn.graphql(recentOnly, "query($id: ID!) { order(id: $id) { id } }", Map.of("id", old))
                .body("data.order", nullValue());
        StandIn.graphql(store.token(), "{ orders(first: 10) { nodes { id } } }").body("data.orders.nodes.id", hasItem(old));
    }

    @Test
    void searchesSortsAndPagesOrdersAsShopifyDoes() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("count", 600, "seed", 42, "created_from", "2026-11-01T00:00:00Z", "created_to", "2026-11-21T00:00:00Z"))
                .post("/_sim/stores/" + store.domain() + "/orders/generate").then().statusCode(200);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        String previous = "";
        do {
            var page = StandIn.graphql(store.token(), "query($after: String) { orders(first: 250, after: $after, "
                    + "sortKey: UPDATED_AT, query: \"status:any\") { nodes { id updatedAt } "
                    + "pageInfo { hasNextPage endCursor } } }", cursor == null ? Map.of() : Map.of("after", cursor))
                    .statusCode(200).body("errors", nullValue()).extract().jsonPath();
            List<String> ids = page.getList("data.orders.nodes.id");
            List<String> times = page.getList("data.orders.nodes.updatedAt");
            for (String t : times) {
                assertTrue(t.compareTo(previous) >= 0, "sorted by updatedAt");
                previous = t;
            }
            seen.addAll(ids);
            cursor = page.getBoolean("data.orders.pageInfo.hasNextPage") ? page.getString("data.orders.pageInfo.endCursor") : null;
            pages++;
        } while (cursor != null);
        assertEquals(600, seen.size());
        assertEquals(3, pages);

        var filtered = StandIn.graphql(store.token(), "{ orders(first: 250, query: \"created_at:>='2026-11-11T00:00:00Z' "
                + "created_at:<'2026-11-12T00:00:00Z' financial_status:paid\") { nodes { createdAt displayFinancialStatus } } }")
                .body("errors", nullValue())
                .body("data.orders.nodes.displayFinancialStatus", everyItem(equalTo("PAID")))
                .body("data.orders.nodes.createdAt", everyItem(org.hamcrest.Matchers.startsWith("2026-11-11")))
                .extract().jsonPath().getList("data.orders.nodes");
        assertTrue(filtered.size() > 5 && filtered.size() < 30, "about a day's paid orders: " + filtered.size());

        StandIn.graphql(store.token(), "{ orders(first: 3, reverse: true, sortKey: CREATED_AT) { nodes { createdAt } } }")
                .body("data.orders.nodes[0].createdAt", org.hamcrest.Matchers.startsWith("2026-11-20"));
        StandIn.graphql(store.token(), "{ orders(first: 251) { nodes { id } } }")
                .body("errors[0].message", containsString("between 0 and 250"));
    }

    @Test
    void cancellationIsSearchable() {
        TestStore store = StandIn.store(Map.of());
        long id = given().contentType(ContentType.JSON).body(Map.of()).post("/_sim/stores/" + store.domain() + "/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("reason", "customer"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/cancel").then().statusCode(200);
        StandIn.graphql(store.token(), "{ orders(first: 5, query: \"status:cancelled\") { nodes { legacyResourceId cancelReason cancelledAt } } }")
                .body("data.orders.nodes", hasSize(1))
                .body("data.orders.nodes[0].legacyResourceId", equalTo(Long.toString(id)))
                .body("data.orders.nodes[0].cancelReason", equalTo("CUSTOMER"));
        StandIn.graphql(store.token(), "{ orders(first: 5, query: \"status:open\") { nodes { id } } }")
                .body("data.orders.nodes", hasSize(0));
    }

    @Test
    void costsQueriesAndThrottlesAsShopifyCounts() {
        TestStore store = StandIn.store(Map.of("plan", "standard"));
        // 2 + 100 × (1 node + 2 for totalPriceSet.shopMoney + lineItems: 2 + 5 × 1) = 1002: over the single-query limit
        StandIn.graphql(store.token(), "{ orders(first: 100) { nodes { id totalPriceSet { shopMoney { amount } } "
                + "lineItems(first: 5) { nodes { sku } } } } }")
                .body("errors[0].extensions.code", equalTo("MAX_COST_EXCEEDED"))
                .body("errors[0].extensions.cost", equalTo(1002))
                .body("data", nullValue());

        // 2 + 90 × 10 = 902 requested; an empty store returns no nodes, so 2 is used and 900 refunded
        String query = "{ orders(first: 90) { nodes { id totalPriceSet { shopMoney { amount } } lineItems(first: 5) { nodes { sku } } } } }";
        StandIn.graphql(store.token(), query)
                .body("extensions.cost.requestedQueryCost", equalTo(902))
                .body("extensions.cost.actualQueryCost", equalTo(2))
                .body("extensions.cost.throttleStatus.maximumAvailable", equalTo(2000.0f))
                .body("extensions.cost.throttleStatus.restoreRate", equalTo(100.0f));

        // with 300 orders every order is returned (only unreturned line items are refunded): a bucket of 2000 runs dry
        given().contentType(ContentType.JSON).body(Map.of("count", 300, "seed", 3))
                .post("/_sim/stores/" + store.domain() + "/orders/generate").then().statusCode(200);
        // the actual cost counts what came back at every level: each order 1 + 2 + its lineItems (2 + one per line)
        var ten = StandIn.graphql(store.token(), "{ orders(first: 10) { nodes { id totalPriceSet { shopMoney { amount } } "
                + "lineItems(first: 5) { nodes { sku } } } } }").statusCode(200).extract().jsonPath();
        List<List<Object>> lines = ten.getList("data.orders.nodes.lineItems.nodes");
        int expected = 2 + lines.stream().mapToInt(l -> 1 + 2 + 2 + l.size()).sum();
        assertEquals(102, ten.getInt("extensions.cost.requestedQueryCost"));
        assertEquals(expected, ten.getInt("extensions.cost.actualQueryCost"));
        String full = "{ orders(first: 90) { nodes { id totalPriceSet { shopMoney { amount } } lineItems(first: 5) { nodes { sku } } } } }";
        boolean throttled = false;
        for (int i = 0; i < 6 && !throttled; i++) {
            var answer = StandIn.graphql(store.token(), full).statusCode(200).extract().jsonPath();
            if ("THROTTLED".equals(answer.getString("errors[0].extensions.code"))) {
                throttled = true;
                assertTrue(answer.getDouble("extensions.cost.throttleStatus.currentlyAvailable") < 902);
                assertTrue(answer.get("data") == null, "nothing executed when throttled");
            }
        }
        assertTrue(throttled, "a standard store's bucket runs dry after a few 902-point queries");
    }

    @Test
    void mintsExpiringTokensWithTheClientCredentialsGrant() {
        TestStore store = StandIn.store(Map.of("scopes", List.of("read_orders", "read_locations"), "token_lifetime_seconds", 86399));
        var grant = given().contentType(ContentType.URLENC)
                .formParam("client_id", store.clientId()).formParam("client_secret", store.clientSecret())
                .formParam("grant_type", "client_credentials")
                .post("/admin/oauth/access_token").then().statusCode(200)
                .body("expires_in", equalTo(86399))
                .body("scope", equalTo("read_locations,read_orders"))
                .extract().jsonPath();
        StandIn.graphql(grant.getString("access_token"), "{ shop { myshopifyDomain } }")
                .body("data.shop.myshopifyDomain", equalTo(store.domain()));
        given().contentType(ContentType.URLENC)
                .formParam("client_id", store.clientId()).formParam("client_secret", "wrong")
                .formParam("grant_type", "client_credentials")
                .post("/admin/oauth/access_token").then().statusCode(400).body("error", equalTo("invalid_client"));

        TestStore shortLived = StandIn.store(Map.of("token_lifetime_seconds", 0));
        String expired = given().contentType(ContentType.URLENC)
                .formParam("client_id", shortLived.clientId()).formParam("client_secret", shortLived.clientSecret())
                .formParam("grant_type", "client_credentials")
                .post("/admin/oauth/access_token").then().statusCode(200).extract().path("access_token");
        StandIn.graphql(expired, "{ shop { name } }").statusCode(401);
    }

    @Test
    void managesWebhookSubscriptionsWithoutDuplicates() {
        TestStore store = StandIn.store(Map.of());
        String create = "mutation($topic: WebhookSubscriptionTopic!, $uri: String!) { webhookSubscriptionCreate("
                + "topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) { webhookSubscription { id topic uri } "
                + "userErrors { field message } } }";
        String id = StandIn.graphql(store.token(), create, Map.of("topic", "ORDERS_CREATE", "uri", "https://hooks.example/shopify"))
                .body("data.webhookSubscriptionCreate.userErrors", hasSize(0))
                .body("data.webhookSubscriptionCreate.webhookSubscription.topic", equalTo("ORDERS_CREATE"))
                .extract().path("data.webhookSubscriptionCreate.webhookSubscription.id");
        StandIn.graphql(store.token(), create, Map.of("topic", "ORDERS_CREATE", "uri", "https://hooks.example/shopify"))
                .body("data.webhookSubscriptionCreate.webhookSubscription", nullValue())
                .body("data.webhookSubscriptionCreate.userErrors[0].message", equalTo("Address for this topic has already been taken"));
        StandIn.graphql(store.token(), create, Map.of("topic", "ORDERS_UPDATED", "uri", "https://hooks.example/shopify"))
                .body("data.webhookSubscriptionCreate.userErrors", hasSize(0));
        StandIn.graphql(store.token(), create, Map.of("topic", "ORDERS_CREATE", "uri", "http://hooks.example/shopify"))
                .body("data.webhookSubscriptionCreate.userErrors[0].message", containsString("http://"));

        StandIn.graphql(store.token(), "{ webhookSubscriptions(first: 10, topics: [ORDERS_CREATE]) { nodes { id uri } } }")
                .body("data.webhookSubscriptions.nodes", hasSize(1));
        StandIn.graphql(store.token(), "mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }",
                Map.of("id", id))
                .body("data.webhookSubscriptionDelete.deletedWebhookSubscriptionId", equalTo(id));
        StandIn.graphql(store.token(), "{ webhookSubscriptions(first: 10) { nodes { topic } } }")
                .body("data.webhookSubscriptions.nodes.topic", equalTo(List.of("ORDERS_UPDATED")));

        String productsOnly = StandIn.token(store, List.of("read_products"));
        StandIn.graphql(productsOnly, create, Map.of("topic", "ORDERS_CREATE", "uri", "https://other.example/h"))
                .body("errors[0].extensions.code", equalTo("ACCESS_DENIED"));
    }

    @Test
    void servesTheShopAndItsLocations() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "East warehouse"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        StandIn.graphql(store.token(), "{ shop { name myshopifyDomain plan { publicDisplayName } } "
                + "locations(first: 5) { nodes { id name isActive fulfillsOnlineOrders address { city } } } }")
                .body("data.shop.myshopifyDomain", equalTo(store.domain()))
                .body("data.locations.nodes[0].name", equalTo("East warehouse"))
                .body("data.locations.nodes[0].isActive", equalTo(true))
                .body("extensions.cost.actualQueryCost", greaterThan(0));
    }
}
