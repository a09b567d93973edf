package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The warehouse as the store's fulfillment service, the way 3PL apps work, against the stand-in: the merchant's
 * order routing sends orders to the service's location and requests fulfillment; the warehouse's rule accepts what
 * it stocks (and the shipment is fulfilled in Shopify with its tracking) and rejects a SKU it does not stock, which
 * the merchant sees with the reason; cancellation requests are accepted before picking and rejected once packed; a
 * request whose webhook was lost is answered by the interval pass; switching the store between the two modes loses
 * no order in flight.
 */
@ExtendWith(LocalSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FulfillmentServiceIT {

    private static final String TENANT = "threepl";
    private static final String SHOP = "threepl-e2e.myshopify.com";
    private static final String SIM = "/_sim/stores/" + SHOP;

    private static String owner;
    private static String accessToken;
    /** The service's location in Shopify, once registered. */
    private static long serviceLocation;

    @BeforeAll
    static void store() {
        owner = LocalSuite.token(TENANT, "owner");
        JsonPath store = shopify().contentType(ContentType.JSON)
                .body(Map.of("domain", SHOP, "access_token", "shpat_threepl_e2e", "webhook_secret", "shpss_threepl_e2e"))
                .post("/_sim/stores").then().statusCode(201).extract().jsonPath();
        accessToken = store.getString("access_token");
        shopify().contentType(ContentType.JSON).body(Map.of("name", "Merchant Dock"))
                .post(SIM + "/locations").then().statusCode(201);
        integration().contentType(ContentType.JSON)
                .body(Map.of("shop_domain", SHOP, "access_token", accessToken, "api_secret_key", "shpss_threepl_e2e"))
                .post("/api/" + TENANT + "/integrations/shopify").then().statusCode(200);
    }

    private static RequestSpecification shopify() {
        return given().baseUri(LocalSuite.env("SHOPIFY_URL"));
    }

    private static RequestSpecification integration() {
        return given().baseUri(LocalSuite.env("INTEGRATION_URL")).auth().oauth2(owner);
    }

    private static RequestSpecification queue() {
        return given().baseUri(LocalSuite.env("ORDERS_URL")).auth().oauth2(owner);
    }

    private static JsonPath graphql(String query) {
        return shopify().header("X-Shopify-Access-Token", accessToken).contentType(ContentType.JSON)
                .body(Map.of("query", query)).post("/admin/api/2026-10/graphql.json").then().statusCode(200).extract().jsonPath();
    }

    /** Saves the settings: the mode, and the rest as the test needs them. */
    private static JsonPath settings(String mode, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("fulfillment_mode", mode);
        body.put("order_status_filter", "any");
        body.put("auto_sync_interval_minutes", more.getOrDefault("auto_sync_interval_minutes", 60));
        return integration().contentType(ContentType.JSON).body(body).put("/api/" + TENANT + "/integrations/shopify/settings")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Fulfillment-service mode with inventory sync, the merchant's routing sending new orders to the service. */
    private static void asService(boolean requestAtOnce, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put("fulfillment_service_name", "Threepl Warehouse");
        settings.put("inventory_sync", true);
        serviceLocation = settings("fulfillment_service", settings).getLong("fulfillment_service_location_id");
        shopify().contentType(ContentType.JSON).body(Map.of("location_id", serviceLocation, "request_fulfillment", requestAtOnce))
                .put(SIM + "/routing").then().statusCode(200);
    }

    private static JsonPath place() {
        return shopify().contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                .post(SIM + "/orders").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath queued(long shopifyId, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                queue().queryParam("shopify_order_id", shopifyId).get("/api/" + TENANT + "/orders").asString()),
                page -> status.equals(page.getString("orders[0].status")));
    }

    private static void ship(String id, String... tracking) {
        queue().post("/api/" + TENANT + "/orders/" + id + "/pick").then().statusCode(200);
        queue().post("/api/" + TENANT + "/orders/" + id + "/pack").then().statusCode(200);
        queue().contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_numbers", List.of(tracking)))
                .post("/api/" + TENANT + "/orders/" + id + "/ship").then().statusCode(200);
    }

    private static void synced(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> queue()
                .get("/api/" + TENANT + "/orders/" + id).then().body("shipments[0].sync_status", equalTo("synced")));
    }

    /** The newest request of the order's fulfillment order at the service's location, as the merchant sees it. */
    private static JsonPath merchantSees(long shopifyId) {
        return graphql("{ order(id: \"gid://shopify/Order/" + shopifyId + "\") { fulfillmentOrders(first: 5) { nodes { status "
                + "requestStatus assignedLocation { location { legacyResourceId } } merchantRequests(last: 1) { nodes { kind "
                + "message responseData } } } } } }");
    }

    @Test
    @Order(1)
    void switchingToTheFulfillmentServiceAndBackLosesNoOrderInFlight() {
        settings("merchant_managed", Map.of());
        // picked at the merchant's location, then the store becomes the warehouse's fulfillment service
        long before = place().getLong("id");
        String beforeId = queued(before, "pending").getString("orders[0].id");
        queue().post("/api/" + TENANT + "/orders/" + beforeId + "/pick").then().statusCode(200);
        asService(true, Map.of());
        // an order routed to the service, its request accepted by the rule (stocked: see below), picked
        stockEverything();
        long during = place().getLong("id");
        String duringId = queued(during, "pending").getString("orders[0].id");
        queue().post("/api/" + TENANT + "/orders/" + duringId + "/pick").then().statusCode(200);
        // the first still ships from the merchant's location
        queue().post("/api/" + TENANT + "/orders/" + beforeId + "/pack").then().statusCode(200);
        queue().contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1ZBEFORE"))
                .post("/api/" + TENANT + "/orders/" + beforeId + "/ship").then().statusCode(200);
        synced(beforeId);
        // back to the merchant's location: the service's order in flight still ships from the service's location
        settings("merchant_managed", Map.of());
        shopify().contentType(ContentType.JSON).body(Map.of()).put(SIM + "/routing").then().statusCode(200);
        queue().post("/api/" + TENANT + "/orders/" + duringId + "/pack").then().statusCode(200);
        queue().contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1ZDURING"))
                .post("/api/" + TENANT + "/orders/" + duringId + "/ship").then().statusCode(200);
        synced(duringId);
        JsonPath shipped = merchantSees(during);
        assertEquals(String.valueOf(serviceLocation), shipped.getString(
                "data.order.fulfillmentOrders.nodes[0].assignedLocation.location.legacyResourceId"), shipped.prettify());
        assertEquals("CLOSED", shipped.getString("data.order.fulfillmentOrders.nodes[0].status"), shipped.prettify());
    }

    /** The warehouse stocks every SKU of the store's catalogue, at the service's location (inventory sync). */
    private static void stockEverything() {
        List<String> skus = graphql("{ productVariants(first: 100) { nodes { sku } } }").getList("data.productVariants.nodes.sku");
        List<Map<String, Object>> levels = skus.stream().filter(s -> s != null && !s.isBlank()).distinct()
                .map(s -> Map.<String, Object>of("sku", s, "available", 500)).toList();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .baseUri(LocalSuite.env("SYNC_URL")).auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("levels", levels))
                .put("/api/" + TENANT + "/inventory/levels").then().statusCode(202)
                .body("rejected", org.hamcrest.Matchers.hasSize(0))
                .body("levels.location_id", org.hamcrest.Matchers.everyItem(equalTo(serviceLocation))));
    }

    @Test
    @Order(2)
    void aRequestAcceptedIsPickedPackedShippedAndFulfilledInShopifyWithTracking() {
        asService(true, Map.of());
        stockEverything();
        long shopifyId = place().getLong("id");
        JsonPath page = queued(shopifyId, "pending");
        assertEquals("accepted", page.getString("orders[0].fulfillment_request"), page.prettify());
        String id = page.getString("orders[0].id");
        JsonPath merchant = merchantSees(shopifyId);
        assertEquals("ACCEPTED", merchant.getString("data.order.fulfillmentOrders.nodes[0].requestStatus"), merchant.prettify());
        assertEquals("Accepted by the warehouse: every item is in stock",
                merchant.getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.message"));

        ship(id, "1ZTHREEPL1", "1ZTHREEPL2");
        synced(id);
        JsonPath fulfillments = shopify().get(SIM + "/orders/" + shopifyId + "/fulfillments").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("1ZTHREEPL1", "1ZTHREEPL2"), fulfillments.getList("fulfillments[0].tracking_numbers"), fulfillments.prettify());
        assertEquals(serviceLocation, fulfillments.getLong("fulfillments[0].location_id"), fulfillments.prettify());
    }

    @Test
    @Order(3)
    void aRequestForASkuTheWarehouseDoesNotStockIsRejectedAndTheMerchantSeesWhy() {
        asService(false, Map.of());
        stockEverything();
        // assigned to the service, not requested yet: not the warehouse's to pick
        JsonPath order = place();
        long shopifyId = order.getLong("id");
        JsonPath page = queued(shopifyId, "requested");
        assertEquals("unsubmitted", page.getString("orders[0].fulfillment_request"), page.prettify());
        // the merchant adds an item the warehouse does not carry, then requests fulfillment
        shopify().contentType(ContentType.JSON).body(Map.of("add", List.of(Map.of("sku", "GHOST-1", "title", "Ghost lamp", "quantity", 1))))
                .post(SIM + "/orders/" + shopifyId + "/edit").then().statusCode(200);
        shopify().contentType(ContentType.JSON).body(Map.of("message", "please ship today"))
                .post(SIM + "/orders/" + shopifyId + "/request-fulfillment").then().statusCode(200);
        page = queued(shopifyId, "rejected");
        assertEquals("Fulfillment request rejected: invalid sku: The warehouse does not stock GHOST-1",
                page.getString("orders[0].request_note"), page.prettify());
        JsonPath merchant = merchantSees(shopifyId);
        assertEquals("REJECTED", merchant.getString("data.order.fulfillmentOrders.nodes[0].requestStatus"), merchant.prettify());
        assertEquals("INVALID_SKU", merchant.getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.reason"));
        assertEquals("The warehouse does not stock GHOST-1",
                merchant.getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.message"));
    }

    @Test
    @Order(4)
    void aCancellationRequestIsAcceptedBeforePickingAndRejectedOncePacked() {
        asService(true, Map.of());
        stockEverything();
        long early = place().getLong("id");
        queued(early, "pending");
        long late = place().getLong("id");
        String lateId = queued(late, "pending").getString("orders[0].id");
        queue().post("/api/" + TENANT + "/orders/" + lateId + "/pick").then().statusCode(200);
        queue().post("/api/" + TENANT + "/orders/" + lateId + "/pack").then().statusCode(200);

        shopify().contentType(ContentType.JSON).body(Map.of("message", "customer changed their mind"))
                .post(SIM + "/orders/" + early + "/request-cancellation").then().statusCode(200);
        JsonPath page = queued(early, "cancelled");
        assertEquals("accepted", page.getString("orders[0].cancellation_request"), page.prettify());
        assertEquals("CANCELLED", merchantSees(early).getString("data.order.fulfillmentOrders.nodes[0].status"));

        shopify().contentType(ContentType.JSON).body(Map.of("message", "wrong size"))
                .post(SIM + "/orders/" + late + "/request-cancellation").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> queue()
                .get("/api/" + TENANT + "/orders/" + lateId).then().body("cancellation_request", equalTo("rejected"))
                .body("status", equalTo("packed"))
                .body("request_note", containsString("Cancellation rejected: The order is packed at the warehouse")));
        JsonPath merchant = merchantSees(late);
        assertEquals("CANCELLATION_REJECTED", merchant.getString("data.order.fulfillmentOrders.nodes[0].requestStatus"));
        assertEquals("The order is packed at the warehouse",
                merchant.getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.message"));
        // and it ships as accepted
        queue().contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1ZLATE"))
                .post("/api/" + TENANT + "/orders/" + lateId + "/ship").then().statusCode(200);
        synced(lateId);
    }

    @Test
    @Order(5)
    void aRequestWhoseWebhookWasLostIsAnsweredByTheIntervalPass() {
        asService(false, Map.of("auto_sync_interval_minutes", 1));
        stockEverything();
        long shopifyId = place().getLong("id");
        queued(shopifyId, "requested");
        List<Map<String, Object>> subscriptions = graphql("{ webhookSubscriptions(first: 50) { nodes { id topic } } }")
                .getList("data.webhookSubscriptions.nodes");
        try {
            subscriptions.stream().filter(s -> "FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED".equals(s.get("topic")))
                    .forEach(s -> graphql("mutation { webhookSubscriptionDelete(id: \"" + s.get("id")
                            + "\") { deletedWebhookSubscriptionId } }"));
            assertTrue(!graphql("{ webhookSubscriptions(first: 50) { nodes { topic } } }").getList("data.webhookSubscriptions.nodes.topic")
                    .contains("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED"), "the request's webhook is gone");
            shopify().contentType(ContentType.JSON).body(Map.of())
                    .post(SIM + "/orders/" + shopifyId + "/request-fulfillment").then().statusCode(200);
            // no webhook: within an interval (a minute here) the pass finds it in assignedFulfillmentOrders and answers
            JsonPath page = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> JsonPath.from(
                    queue().queryParam("shopify_order_id", shopifyId).get("/api/" + TENANT + "/orders").asString()),
                    p -> "pending".equals(p.getString("orders[0].status")));
            assertEquals("accepted", page.getString("orders[0].fulfillment_request"));
            assertEquals("ACCEPTED", merchantSees(shopifyId).getString("data.order.fulfillmentOrders.nodes[0].requestStatus"));
        } finally {
            integration().post("/api/" + TENANT + "/integrations/shopify/webhooks/check").then().statusCode(200);
        }
        assertTrue(graphql("{ webhookSubscriptions(first: 50) { nodes { topic } } }").getList("data.webhookSubscriptions.nodes.topic")
                .contains("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED"), "the check subscribed it again");
    }
}
