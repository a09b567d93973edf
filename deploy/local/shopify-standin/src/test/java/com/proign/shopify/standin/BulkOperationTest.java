package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.standin.StandIn.TestStore;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BulkOperationTest {

    private static final String RUN = "mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { "
            + "bulkOperation { id status } userErrors { code field message } } }";

    @Test
    void runsABulkQueryToJsonlWithParentIdsAndDeliversTheFinishWebhook() throws IOException {
        List<String> finished = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            finished.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            TestStore store = StandIn.store(Map.of());
            given().contentType(ContentType.JSON).body(Map.of("count", 2500, "seed", 9))
                    .post("/_sim/stores/" + store.domain() + "/orders/generate").then().statusCode(200);
            StandIn.graphql(store.token(), "mutation($uri: String!) { webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH, "
                    + "webhookSubscription: {uri: $uri}) { userErrors { message } } }",
                    Map.of("uri", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"))
                    .body("data.webhookSubscriptionCreate.userErrors", hasSize(0));

            String inner = "{ orders(query: \"status:any\") { edges { node { id name updatedAt "
                    + "lineItems { edges { node { id sku quantity } } } } } } }";
            String id = StandIn.graphql(store.token(), RUN, Map.of("q", inner))
                    .body("data.bulkOperationRunQuery.userErrors", hasSize(0))
                    .body("data.bulkOperationRunQuery.bulkOperation.status", equalTo("CREATED"))
                    .extract().path("data.bulkOperationRunQuery.bulkOperation.id");

            String query = "query($id: ID!) { bulkOperation(id: $id) { status objectCount rootObjectCount url fileSize } }";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> StandIn.graphql(store.token(), query, Map.of("id", id))
                    .body("data.bulkOperation.status", equalTo("COMPLETED")));
            var done = StandIn.graphql(store.token(), query, Map.of("id", id)).extract().jsonPath();
            assertEquals("2500", done.getString("data.bulkOperation.rootObjectCount"));

            String jsonl = given().get(done.getString("data.bulkOperation.url")).then().statusCode(200).extract().asString();
            String[] lines = jsonl.split("\n");
            assertEquals(Long.parseLong(done.getString("data.bulkOperation.objectCount")), lines.length);
            ObjectMapper json = new ObjectMapper();
            Set<String> orderIds = new HashSet<>();
            int children = 0;
            for (String line : lines) {
                JsonNode row = json.readTree(line);
                if (row.has("__parentId")) {
                    assertTrue(orderIds.contains(row.get("__parentId").asText()), "a child follows its parent");
                    assertTrue(row.get("id").asText().startsWith("gid://shopify/LineItem/"));
                    children++;
                } else {
                    assertTrue(row.get("id").asText().startsWith("gid://shopify/Order/"));
                    assertTrue(!row.has("lineItems"), "nested connections become their own lines");
                    orderIds.add(row.get("id").asText());
                }
            }
            assertEquals(2500, orderIds.size());
            assertTrue(children >= 2500);

            await().atMost(Duration.ofSeconds(10)).until(() -> !finished.isEmpty());
            JsonNode webhook = json.readTree(finished.get(0));
            assertEquals(id, webhook.get("admin_graphql_api_id").asText());
            assertEquals("completed", webhook.get("status").asText());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void refusesWhatShopifyWouldNotRunInBulk() {
        TestStore store = StandIn.store(Map.of());
        StandIn.graphql(store.token(), RUN, Map.of("q", "{ shop { name } }"))
                .body("data.bulkOperationRunQuery.bulkOperation", org.hamcrest.Matchers.nullValue())
                .body("data.bulkOperationRunQuery.userErrors[0].code", equalTo("INVALID"))
                .body("data.bulkOperationRunQuery.userErrors[0].message", containsString("at least one connection"));
        StandIn.graphql(store.token(), RUN, Map.of("q", "{ orders { edges { node { nmae } } } }"))
                .body("data.bulkOperationRunQuery.userErrors[0].code", equalTo("INVALID"))
                .body("data.bulkOperationRunQuery.userErrors[0].message", containsString("nmae"));
        StandIn.graphql(store.token(), RUN, Map.of("q", "{ orders { edges { node { fulfillmentOrders { edges { node { "
                + "lineItems { edges { node { id } } } } } } } } } }"))
                .body("data.bulkOperationRunQuery.userErrors[0].message", containsString("nesting depth"));
    }
}
