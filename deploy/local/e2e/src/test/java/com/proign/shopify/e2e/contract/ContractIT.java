package com.proign.shopify.e2e.contract;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.proign.shopify.e2e.LocalSuite;
import com.proign.shopify.e2e.security.RunTokens;
import com.proign.shopify.testinfra.ShopifySamples;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Each service's OpenAPI document is what it really takes and answers: every documented operation is called on the
 * packaged services (a tenant of its own, "contract", with a store of its own at the stand-in), and every answer —
 * successes and refusals alike — is checked against the answering service's own {@code /q/openapi} by
 * swagger-request-validator ({@link Contract}); every well-formed request too. A service whose document names an
 * operation no request here succeeded on fails its test. In the order a tenant lives: connect, pull, work the queue,
 * Shopify's deliveries, disconnect.
 */
@ExtendWith(LocalSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractIT {

    private static final String TENANT = "contract";
    private static final String SHOP = "contract-e2e.myshopify.com";
    private static final String SKU = "IPOD2009BLACK";

    private static RunTokens tokens;
    private static String owner;
    private static String accessToken;
    private static Contract integration;
    /** How many orders the pull put into the queue. */
    private static int queued;

    @BeforeAll
    static void store() {
        tokens = new RunTokens(LocalSuite.runDir());
        owner = tokens.user(TENANT, "owner");
        JsonPath store = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("domain", SHOP, "access_token", "shpat_contract_e2e", "webhook_secret", "shpss_contract_e2e"))
                .post("/_sim/stores").then().statusCode(201).extract().jsonPath();
        accessToken = store.getString("access_token");
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("name", "Dock 1"))
                .post("/_sim/stores/" + SHOP + "/locations").then().statusCode(201);
        // paid, so that the tenant's default order status filter lets each into the queue
        for (int i = 0; i < 3; i++) {
            given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON).body(Map.of("financial_status", "paid", "shippable", true))
                    .post("/_sim/stores/" + SHOP + "/orders").then().statusCode(201);
        }
        integration = Contract.of("integration-service", LocalSuite.env("INTEGRATION_URL"));
    }

    @Test
    @Order(1)
    void integrationServiceConnects() {
        String base = "/api/" + TENANT + "/integrations/shopify";
        integration.call(owner).get(base).then().statusCode(404);
        Map<String, String> credentials = Map.of("shop_domain", SHOP, "access_token", accessToken,
                "api_secret_key", "shpss_contract_e2e");

        // Test Connection before Save, then refusals of what is not a store or not its token
        integration.call(owner).contentType(ContentType.JSON).body(credentials).post(base + "/test")
                .then().statusCode(200).body("authenticated", equalTo(true));
        integration.wrong(owner).contentType(ContentType.JSON).body(Map.of("shop_domain", "not a store", "access_token", "x"))
                .post(base + "/test").then().statusCode(400);
        integration.wrong(owner).contentType(ContentType.JSON).body("{\"shop_domain\":").post(base).then().statusCode(400);
        integration.wrong(owner).contentType(ContentType.TEXT).body("shop").post(base).then().statusCode(415);
        integration.call(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", SHOP, "access_token", "shpat_not_this_store", "api_secret_key", "x"))
                .post(base).then().statusCode(422);

        integration.call(owner).contentType(ContentType.JSON).body(credentials).post(base)
                .then().statusCode(200).body("status", equalTo("connected"));
        integration.call(owner).get(base).then().statusCode(200).body("shop_domain", equalTo(SHOP));

        // settings: the store's locations, a refused value, an unknown location, then a location and inventory sync
        integration.call(owner).get(base + "/settings").then().statusCode(200);
        long location = integration.call(owner).get(base + "/locations").then().statusCode(200)
                .extract().jsonPath().getLong("[0].id");
        integration.wrong(owner).contentType(ContentType.JSON).body(Map.of("order_status_filter", "someday"))
                .put(base + "/settings").then().statusCode(400);
        integration.call(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_location_id", "999999999"))
                .put(base + "/settings").then().statusCode(422);
        integration.call(owner).contentType(ContentType.JSON)
                .body(Map.of("fulfillment_location_id", String.valueOf(location), "inventory_sync", true))
                .put(base + "/settings").then().statusCode(200).body("inventory_sync", equalTo(true));

        // the saved connection: tested, its webhooks checked
        integration.call(owner).contentType(ContentType.JSON).body(Map.of()).post(base + "/test")
                .then().statusCode(200).body("ok", equalTo(true));
        integration.call(owner).post(base + "/webhooks/check").then().statusCode(200);

        // the internal endpoints, each for the one service that needs it
        String sync = tokens.service("sync-service");
        integration.call(sync).get("/internal/tenants/" + TENANT + "/shopify-access").then().statusCode(200);
        integration.call(sync).get("/internal/tenants/nobody-" + UUID.randomUUID() + "/shopify-access").then().statusCode(404);
        String gateway = tokens.service("webhook-gateway");
        integration.call(gateway).get("/internal/shops/" + SHOP + "/webhook-secrets").then().statusCode(200);
        integration.call(gateway).get("/internal/shops/nobody.myshopify.com/webhook-secrets").then().statusCode(404);
        integration.wrong(gateway).get("/internal/shops/not_a_shop/webhook-secrets").then().statusCode(400);

        deadLetters(integration, "/ops/integrations/dead-letters");
    }

    @Test
    @Order(2)
    void syncServicePullsAndSetsStock() {
        Contract sync = Contract.of("sync-service", LocalSuite.env("SYNC_URL"));
        String base = "/api/" + TENANT;
        String today = LocalDate.now().toString();
        // the integration settings reach the sync-service through Kafka
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> sync.call(owner)
                .get(base + "/sync/status").then().statusCode(200).body("connection_status", equalTo("connected")));

        sync.wrong(owner).contentType(ContentType.JSON).body(Map.of("from_date", "2026-01-01", "status", "someday"))
                .post(base + "/sync/shopify").then().statusCode(400);
        sync.wrong(owner).contentType(ContentType.JSON).body("[").post(base + "/sync/shopify").then().statusCode(400);
        String job = sync.call(owner).contentType(ContentType.JSON)
                .body(Map.of("from_date", LocalDate.now().minusDays(7).toString(), "to_date", today, "status", "unfulfilled"))
                .post(base + "/sync/shopify").then().statusCode(202).header("Location", notNullValue())
                .extract().jsonPath().getString("job_id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> sync.call(owner)
                .get(base + "/sync/jobs/" + job).then().statusCode(200).body("status", equalTo("completed")));
        queued = sync.call(owner).get(base + "/sync/jobs/" + job).then().extract().jsonPath().getInt("orders_queued");
        assertEquals(3, queued, "the orders the pull queued of the store's 3 paid, unfulfilled ones");
        sync.call(owner).post(base + "/sync/jobs/" + job + "/cancel").then().statusCode(409);
        sync.call(owner).get(base + "/sync/jobs/" + UUID.randomUUID()).then().statusCode(404);
        sync.call(owner).post(base + "/sync/jobs/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        // a job cancelled as soon as it is asked for (queued until the next poll, or stopped at its next page)
        String cancelled = sync.call(owner).contentType(ContentType.JSON).body(Map.of("from_date", "2026-01-01"))
                .post(base + "/sync/shopify").then().statusCode(202).extract().jsonPath().getString("job_id");
        sync.call(owner).post(base + "/sync/jobs/" + cancelled + "/cancel").then().statusCode(202);
        sync.call(owner).post(base + "/sync/shopify/products").then().statusCode(202);
        sync.call(owner).get(base + "/sync/jobs").then().statusCode(200);

        // stock: a SKU of the store and one it lacks (taken, and rejected by its place), then only the unknown one
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> sync.call(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("levels", List.of(Map.of("sku", SKU, "available", 7), Map.of("sku", "NOT-IN-STORE", "available", 1))))
                .put(base + "/inventory/levels").then().statusCode(202).body("rejected", hasSize(1)));
        sync.call(owner).contentType(ContentType.JSON)
                .body(Map.of("levels", List.of(Map.of("sku", "NOT-IN-STORE", "available", 1))))
                .put(base + "/inventory/levels").then().statusCode(422);
        sync.call(owner).contentType(ContentType.JSON).body(Map.of("levels", List.of(Map.of("sku", SKU, "available", -1))))
                .put(base + "/inventory/levels").then().statusCode(400);
        sync.call(owner).queryParam("sku", SKU).get(base + "/inventory/levels").then().statusCode(200);
        sync.call(owner).queryParam("push_state", "someday").get(base + "/inventory/levels").then().statusCode(400);

        sync.call(owner).get(base + "/sync/status").then().statusCode(200);
        sync.call(owner).get(base + "/sync/logs").then().statusCode(200);
        sync.call(owner).queryParam("level", "loud").get(base + "/sync/logs").then().statusCode(400);

        deadLetters(sync, "/ops/sync/dead-letters");
        sync.assertEveryOperationAnswered();
    }

    @Test
    @Order(3)
    void orderServiceWorksTheQueue() {
        Contract orders = Contract.of("order-service", LocalSuite.env("ORDERS_URL"));
        String base = "/api/" + TENANT;
        // the orders the pull brought
        List<String> ids = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> orders
                .call(owner).get(base + "/orders").then().statusCode(200).extract().jsonPath().getList("orders.id", String.class),
                found -> found.size() == queued);
        orders.call(owner).queryParam("status", "someday").get(base + "/orders").then().statusCode(400);
        orders.wrong(owner).queryParam("limit", 0).get(base + "/orders").then().statusCode(400);
        orders.call(owner).get(base + "/orders/" + UUID.randomUUID()).then().statusCode(404);

        // one with a line to ship (the stand-in's generator now and then makes an order of a gift card only)
        List<String> shippable = orders.call(owner).get(base + "/orders").then().statusCode(200).extract().jsonPath()
                .getList("orders.findAll { o -> o.items.any { i -> i.quantity_to_pick > 0 } }.id", String.class);
        String first = shippable.get(0);
        orders.call(owner).get(base + "/orders/" + first).then().statusCode(200);
        orders.call(owner).post(base + "/orders/" + first + "/pack").then().statusCode(409);
        orders.call(owner).post(base + "/orders/" + first + "/pick").then().statusCode(200);
        orders.call(owner).post(base + "/orders/" + first + "/pack").then().statusCode(200);
        orders.wrong(owner).contentType(ContentType.JSON).body(Map.of("tracking_url", "not a link"))
                .post(base + "/orders/" + first + "/ship").then().statusCode(400);
        orders.call(owner).contentType(ContentType.JSON)
                .body(Map.of("lines", List.of(Map.of("shopify_line_item_id", 1, "quantity", 1))))
                .post(base + "/orders/" + first + "/ship").then().statusCode(422);
        String shipment = orders.call(owner).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1Z999AA10123456784"))
                .post(base + "/orders/" + first + "/ship").then().statusCode(200)
                .extract().jsonPath().getString("shipments[0].id");
        // pending: a retry leaves it as it is (200); once in Shopify, a retry is refused (409). The sync-service may
        // have fulfilled it already by the time this asks, so either answer, each checked against the document
        orders.call(owner).post(base + "/orders/" + first + "/shipments/" + shipment + "/retry").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 409));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> orders.call(owner)
                .get(base + "/orders/" + first).then().statusCode(200).body("shipments[0].sync_status", equalTo("synced")));
        orders.call(owner).post(base + "/orders/" + first + "/shipments/" + shipment + "/retry").then().statusCode(409);
        orders.call(owner).post(base + "/orders/" + first + "/shipments/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        orders.call(owner).post(base + "/orders/shipments/retry-failed").then().statusCode(200).body("retried", equalTo(0));

        String second = ids.stream().filter(other -> !other.equals(first)).findFirst().orElseThrow();
        orders.wrong(owner).contentType(ContentType.JSON).body(Map.of("reason", "r".repeat(501)))
                .post(base + "/orders/" + second + "/hold").then().statusCode(400);
        orders.call(owner).contentType(ContentType.JSON).body(Map.of("reason", "address to check"))
                .post(base + "/orders/" + second + "/hold").then().statusCode(200).body("status", equalTo("on_hold"));
        orders.call(owner).post(base + "/orders/" + second + "/release").then().statusCode(200);
        orders.call(owner).post(base + "/orders/" + second + "/release").then().statusCode(409);
        // the merchant's requests to a fulfillment service: none at a merchant-managed location (FulfillmentServiceIT
        // and ConsoleIT answer real ones); a rejection without Shopify's reason is refused first
        for (String answer : List.of("fulfillment-request/accept", "cancellation-request/accept", "cancellation-request/reject")) {
            orders.call(owner).contentType(ContentType.JSON).body(Map.of("message", "m"))
                    .post(base + "/orders/" + second + "/" + answer).then().statusCode(409);
        }
        orders.wrong(owner).contentType(ContentType.JSON).body(Map.of("reason", "SOLD_OUT"))
                .post(base + "/orders/" + second + "/fulfillment-request/reject").then().statusCode(400);
        orders.call(owner).contentType(ContentType.JSON).body(Map.of("reason", "INVALID_SKU"))
                .post(base + "/orders/" + second + "/fulfillment-request/reject").then().statusCode(409);

        // the merchant changes the order in Shopify after picking started (a line added): flagged, then acknowledged
        long secondInShopify = orders.call(owner).get(base + "/orders/" + second).then().statusCode(200).extract().jsonPath()
                .getLong("shopify_order_id");
        orders.call(owner).post(base + "/orders/" + second + "/pick").then().statusCode(200);
        orders.call(owner).post(base + "/orders/" + second + "/edits/acknowledge").then().statusCode(409);
        given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("add", List.of(Map.of("title", "Contract mug", "sku", "MUG-C", "quantity", 1, "price", "1.00"))))
                .post("/_sim/stores/" + SHOP + "/orders/" + secondInShopify + "/edit").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> orders.call(owner)
                .get(base + "/orders/" + second).then().statusCode(200).body("changed_after_picking", equalTo(true)));
        orders.call(owner).get(base + "/orders/" + second + "/edits").then().statusCode(200)
                .body("[0].state", equalTo("awaiting_acknowledgement"));
        orders.call(owner).get(base + "/orders/" + UUID.randomUUID() + "/edits").then().statusCode(404);
        orders.call(owner).post(base + "/orders/" + second + "/edits/acknowledge").then().statusCode(200)
                .body("changed_after_picking", equalTo(false));

        // the shipment's tracking changed after it left: two parcels now; none is refused, nor another's shipment
        orders.call(owner).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_numbers", List.of("1Z999AA10123456784", "1Z999AA10123456793")))
                .put(base + "/orders/" + first + "/shipments/" + shipment + "/tracking").then().statusCode(200)
                .body("shipments[0].tracking_numbers", hasSize(2));
        orders.wrong(owner).contentType(ContentType.JSON).body(Map.of("tracking_numbers", List.of()))
                .put(base + "/orders/" + first + "/shipments/" + shipment + "/tracking").then().statusCode(400);
        orders.call(owner).contentType(ContentType.JSON).body(Map.of("tracking_numbers", List.of("1Z")))
                .put(base + "/orders/" + first + "/shipments/" + UUID.randomUUID() + "/tracking").then().statusCode(404);

        // a customer's data request, through the store's privacy webhooks: the owner reads the export
        String shopify = LocalSuite.env("SHOPIFY_URL");
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("uri", LocalSuite.env("URL") + "/webhooks/shopify"))
                .put("/_sim/stores/" + SHOP + "/compliance-webhooks").then().statusCode(200);
        long firstInShopify = orders.call(owner).get(base + "/orders/" + first).then().statusCode(200).extract().jsonPath()
                .getLong("shopify_order_id");
        String email = given().baseUri(shopify).get("/_sim/stores/" + SHOP + "/orders/" + firstInShopify).then().statusCode(200)
                .extract().jsonPath().getString("email");
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/_sim/stores/" + SHOP + "/customers/data_request").then().statusCode(202);
        String export = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> orders.call(owner)
                .get(base + "/privacy/data-requests").then().statusCode(200).extract().jsonPath().getString("exports[0].id"),
                java.util.Objects::nonNull);
        orders.call(owner).get(base + "/privacy/data-requests/" + export).then().statusCode(200)
                .body("orders.shopify_order_id", org.hamcrest.Matchers.hasItem(firstInShopify));
        orders.call(owner).get(base + "/privacy/data-requests/" + UUID.randomUUID()).then().statusCode(404);
        orders.call(owner).get(base + "/privacy/requests").then().statusCode(200)
                .body("requests.topic", org.hamcrest.Matchers.hasItem("customers/data_request"));
        orders.wrong(owner).queryParam("limit", 0).get(base + "/privacy/requests").then().statusCode(400);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> orders.call(owner)
                .get(base + "/products").then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThan(0)));
        orders.wrong(owner).queryParam("limit", 0).get(base + "/products").then().statusCode(400);
        orders.call(owner).get(base + "/orders/stats/hourly").then().statusCode(200).body("hours", hasSize(24));
        orders.wrong(owner).queryParam("hours", 0).get(base + "/orders/stats/hourly").then().statusCode(400);

        deadLetters(orders, "/ops/orders/dead-letters");
        orders.assertEveryOperationAnswered("POST /api/{tenant}/orders/{id}/shipments/{shipment}/retry",
                "POST /api/{tenant}/orders/{id}/fulfillment-request/accept", "POST /api/{tenant}/orders/{id}/fulfillment-request/reject",
                "POST /api/{tenant}/orders/{id}/cancellation-request/accept", "POST /api/{tenant}/orders/{id}/cancellation-request/reject");
    }

    @Test
    @Order(4)
    void webhookGatewayTakesShopifysDeliveries() throws Exception {
        Contract gateway = Contract.of("webhook-gateway", LocalSuite.env("GATEWAY_URL"));
        byte[] order = ShopifySamples.bytes(ShopifySamples.ORDER);
        String secret = LocalSuite.env("WEBHOOK_SECRET");
        gateway.call(null).headers(shopify(ShopifySamples.sign(order, secret))).contentType(ContentType.JSON).body(order)
                .post("/webhooks/shopify").then().statusCode(200);
        gateway.call(null).headers(shopify(ShopifySamples.sign(order, "another secret"))).contentType(ContentType.JSON)
                .body(order).post("/webhooks/shopify").then().statusCode(401);
        gateway.wrong(null).headers(shopify(ShopifySamples.sign(order, secret))).header("X-Shopify-Topic", "t".repeat(65))
                .contentType(ContentType.JSON).body(order).post("/webhooks/shopify").then().statusCode(400);
        gateway.wrong(null).headers(shopify(ShopifySamples.sign(new byte[0], secret))).contentType(ContentType.JSON)
                .body("".getBytes(StandardCharsets.UTF_8)).post("/webhooks/shopify").then().statusCode(400);
        gateway.assertEveryOperationAnswered();
    }

    @Test
    @Order(5)
    void integrationServiceDisconnects() {
        String base = "/api/" + TENANT + "/integrations/shopify";
        integration.call(owner).delete(base).then().statusCode(204);
        integration.call(owner).delete(base).then().statusCode(404);
        integration.call(owner).get(base + "/locations").then().statusCode(404);
        integration.call(owner).post(base + "/webhooks/check").then().statusCode(404);
        integration.call(owner).get(base).then().statusCode(200).body("status", equalTo("disconnected"));
        integration.assertEveryOperationAnswered();
    }

    private static Map<String, String> shopify(String hmac) {
        return Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", LocalSuite.env("SHOP_DOMAIN"),
                "X-Shopify-API-Version", "2026-10", "X-Shopify-Webhook-Id", UUID.randomUUID().toString(),
                "X-Shopify-Hmac-Sha256", hmac);
    }

    /** The operators' dead letters of a service: a page, a refused filter, a refused and an empty replay. */
    private static void deadLetters(Contract contract, String base) {
        String operator = tokens.operator();
        contract.call(operator).get(base).then().statusCode(200);
        contract.call(operator).queryParam("from", "yesterday").get(base).then().statusCode(400);
        contract.call(operator).contentType(ContentType.JSON).body(Map.of()).post(base + "/replay").then().statusCode(400);
        contract.call(operator).contentType(ContentType.JSON).body(Map.of("reason", "none-such-" + UUID.randomUUID()))
                .post(base + "/replay").then().statusCode(200).body("replayed", equalTo(0));
    }
}
