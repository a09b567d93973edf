package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.standin.StandIn.TestStore;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Deliveries to a real HTTP receiver; retry delays are compressed by the test profile (time-scale 0.0002). */
@QuarkusTest
class WebhookDeliveryTest {

    record Received(Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status codes to answer in turn; 200 once they run out. */
    private final List<Integer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            int n = calls.getAndIncrement();
            int status = n < answers.size() ? answers.get(n) : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    /** The n-th delivery of TOPIC, in the order they arrived. */
    private Received delivered(String topic, int n) {
        List<Received> ofTopic = received.stream().filter(r -> topic.equals(r.header("X-Shopify-Topic"))).toList();
        assertTrue(ofTopic.size() > n, "deliveries of " + topic + ": " + ofTopic.size());
        return ofTopic.get(n);
    }

    private String uri() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private static void subscribe(TestStore store, String topic, String uri) {
        StandIn.graphql(store.token(), "mutation($topic: WebhookSubscriptionTopic!, $uri: String!) { "
                + "webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri}) { userErrors { message } } }",
                Map.of("topic", topic, "uri", uri))
                .body("data.webhookSubscriptionCreate.userErrors", hasSize(0));
    }

    private static long createOrder(TestStore store) {
        return given().contentType(ContentType.JSON).body(Map.of())
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void deliversSignedRestShapedBodiesWithShopifysHeaders() throws IOException {
        TestStore store = StandIn.store(Map.of("webhook_secret", "shpss_test_secret", "large_ids", true));
        subscribe(store, "ORDERS_CREATE", uri());
        long id = createOrder(store);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

        Received delivery = received.get(0);
        String expected = Base64.getEncoder().encodeToString(
                new HmacUtils(HmacAlgorithms.HMAC_SHA_256, "shpss_test_secret").hmac(delivery.body()));
        assertEquals(expected, delivery.header("X-Shopify-Hmac-Sha256"));
        assertEquals("orders/create", delivery.header("X-Shopify-Topic"));
        assertEquals(store.domain(), delivery.header("X-Shopify-Shop-Domain"));
        assertEquals("2026-10", delivery.header("X-Shopify-API-Version"));
        assertNotNull(delivery.header("X-Shopify-Webhook-Id"));
        assertNotNull(delivery.header("X-Shopify-Event-Id"));
        assertNotNull(delivery.header("X-Shopify-Triggered-At"));

        JsonNode order = new ObjectMapper().readTree(delivery.body());
        assertEquals(id, order.get("id").longValue());
        assertTrue(order.get("id").isIntegralNumber() && id > (1L << 53), "ids are numbers beyond 2^53 (large_ids)");
        assertTrue(order.get("total_price").isTextual(), "money is a decimal string");
        assertTrue(order.get("line_items").get(0).get("price").asText().matches("\\d+\\.\\d{2}"));
        assertNull(order.get("checkout_id"), "no checkout_id from 2026-04");
    }

    @Test
    void anEditDeliversOrdersEditedThenTheOrderAsItNowIsAndTheFulfillmentOrdersFollow() throws IOException {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Warehouse"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        subscribe(store, "ORDERS_EDITED", uri());
        subscribe(store, "ORDERS_UPDATED", uri());
        JsonPath order = given().contentType(ContentType.JSON).body(Map.of("seed", 5, "shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath();
        long id = order.getLong("id");
        long line = order.getLong("line_items.find { it.requires_shipping }.id");
        int quantity = order.getInt("line_items.find { it.requires_shipping }.quantity");

        // a line cannot be edited below nothing, an unknown line is refused, and an edit must change something
        given().contentType(ContentType.JSON).body(Map.of("set_quantities", List.of(Map.of("line_item_id", line, "quantity", -1))))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/edit").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("set_quantities", List.of(Map.of("line_item_id", 1, "quantity", 1))))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/edit").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of())
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/edit").then().statusCode(400);

        JsonPath edited = given().contentType(ContentType.JSON).body(Map.of(
                "set_quantities", List.of(Map.of("line_item_id", line, "quantity", quantity + 2)),
                "add", List.of(Map.of("title", "Upsell mug", "sku", "MUG-1", "quantity", 1, "price", "12.00"))))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/edit").then().statusCode(200).extract().jsonPath();
        // REST keeps the quantity first ordered; current_quantity and fulfillable_quantity say what the order holds now
        assertEquals(quantity, edited.getInt("line_items.find { it.id == " + line + "L }.quantity"));
        assertEquals(quantity + 2, edited.getInt("line_items.find { it.id == " + line + "L }.current_quantity"));
        assertEquals(quantity + 2, edited.getInt("line_items.find { it.id == " + line + "L }.fulfillable_quantity"));
        long mug = edited.getLong("line_items.find { it.sku == 'MUG-1' }.id");

        // Shopify does not promise an order between topics, and the stand-in sends them at once: pick by topic
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        JsonNode edit = new ObjectMapper().readTree(delivered("orders/edited", 0).body()).get("order_edit");
        assertEquals(id, edit.get("order_id").longValue());
        assertEquals(2, edit.at("/line_items/additions").size());
        assertEquals(2, edit.at("/line_items/additions/0/delta").intValue());
        assertEquals(0, edit.at("/line_items/removals").size());
        assertEquals(edited.getString("updated_at"), JsonPath.from(new String(delivered("orders/updated", 0).body(), StandardCharsets.UTF_8))
                .getString("updated_at"));

        // the open fulfillment order holds the new quantity and the added line
        JsonPath fos = StandIn.graphql(store.token(), "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { "
                + "lineItems(first: 20) { nodes { remainingQuantity lineItem { id currentQuantity } } } } } } }",
                Map.of("id", "gid://shopify/Order/" + id)).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> lines = fos.getList("data.order.fulfillmentOrders.nodes.lineItems.nodes.flatten()");
        assertTrue(lines.stream().anyMatch(l -> ((Map<?, ?>) l.get("lineItem")).get("id").equals("gid://shopify/LineItem/" + line)
                && ((Number) l.get("remainingQuantity")).intValue() == quantity + 2), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> ((Map<?, ?>) l.get("lineItem")).get("id").equals("gid://shopify/LineItem/" + mug)
                && ((Number) l.get("remainingQuantity")).intValue() == 1), lines.toString());

        // removing a line: its current quantity is 0, and it is a removal in orders/edited
        given().contentType(ContentType.JSON).body(Map.of("set_quantities", List.of(Map.of("line_item_id", mug, "quantity", 0))))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/edit").then().statusCode(200)
                .body("line_items.find { it.sku == 'MUG-1' }.current_quantity", equalTo(0))
                .body("line_items.find { it.sku == 'MUG-1' }.fulfillable_quantity", equalTo(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        JsonNode removal = new ObjectMapper().readTree(delivered("orders/edited", 1).body()).get("order_edit");
        assertEquals(mug, removal.at("/line_items/removals/0/id").longValue());
        assertEquals(1, removal.at("/line_items/removals/0/delta").intValue());
    }

    @Test
    void aRefundBeforeShippingTakesTheUnitsAwayAndDeliversRefundsCreateThenTheOrder() throws IOException {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "REFUNDS_CREATE", uri());
        subscribe(store, "ORDERS_UPDATED", uri());
        JsonPath order = given().contentType(ContentType.JSON).body(Map.of("seed", 6, "shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath();
        long id = order.getLong("id");
        List<Map<String, Object>> items = order.getList("line_items");
        given().contentType(ContentType.JSON).body(Map.of("refund_line_items", List.of(Map.of("line_item_id", 1, "quantity", 1))))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/refund").then().statusCode(400);
        List<Map<String, Object>> all = items.stream().map(i -> Map.<String, Object>of("line_item_id", i.get("id"),
                "quantity", i.get("fulfillable_quantity"))).toList();
        JsonPath refunded = given().contentType(ContentType.JSON).body(Map.of("refund_line_items", all))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/refund").then().statusCode(200).extract().jsonPath();
        assertEquals("refunded", refunded.getString("financial_status"));
        assertTrue(refunded.getList("line_items.current_quantity", Integer.class).stream().allMatch(q -> q == 0));
        assertTrue(refunded.getList("line_items.fulfillable_quantity", Integer.class).stream().allMatch(q -> q == 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        JsonNode refund = new ObjectMapper().readTree(delivered("refunds/create", 0).body());
        assertEquals(id, refund.get("order_id").longValue());
        assertEquals(items.size(), refund.get("refund_line_items").size());
        assertEquals(id, JsonPath.from(new String(delivered("orders/updated", 0).body(), StandardCharsets.UTF_8)).getLong("id"));
    }

    @Test
    void retriesNonSuccessAnswersWithTheSameDeliveryAndPayload() {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "ORDERS_CREATE", uri());
        answers.addAll(List.of(500, 302, 404));
        createOrder(store);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 4);

        assertEquals(1, received.stream().map(r -> r.header("X-Shopify-Webhook-Id")).distinct().count());
        assertEquals(1, received.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).distinct().count());
        var attempts = given().get("/_sim/stores/" + store.domain() + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("status", Integer.class);
        assertEquals(List.of(500, 302, 404, 200), attempts);
    }

    @Test
    void removesASubscriptionAfterRepeatedFailedDeliveries() {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "ORDERS_CREATE", uri());
        for (int i = 0; i < 40; i++) {
            answers.add(503);
        }
        createOrder(store);
        createOrder(store);
        // each delivery: 1 attempt + 8 retries; the profile removes the subscription after 2 failed deliveries
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> StandIn.graphql(store.token(),
                "{ webhookSubscriptions(first: 5) { nodes { id } } }")
                .body("data.webhookSubscriptions.nodes", hasSize(0)));
        assertEquals(18, received.size());
        createOrder(store);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 18);
    }

    @Test
    void duplicatesDelaysAndReordersOnRequest() {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "ORDERS_UPDATED", uri());
        long id = createOrder(store);

        given().contentType(ContentType.JSON).body(Map.of("duplicate", true))
                .put("/_sim/stores/" + store.domain() + "/webhook-behaviour").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("note", "first"))
                .patch("/_sim/stores/" + store.domain() + "/orders/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertEquals(received.get(0).header("X-Shopify-Webhook-Id"), received.get(1).header("X-Shopify-Webhook-Id"));

        received.clear();
        given().contentType(ContentType.JSON).body(Map.of("hold", true))
                .put("/_sim/stores/" + store.domain() + "/webhook-behaviour").then().statusCode(200);
        List<String> notes = new ArrayList<>(List.of("a", "b", "c"));
        for (String note : notes) {
            given().contentType(ContentType.JSON).body(Map.of("note", note))
                    .patch("/_sim/stores/" + store.domain() + "/orders/" + id).then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(Map.of("reverse", true))
                .post("/_sim/stores/" + store.domain() + "/webhooks/release").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        List<String> arrived = received.stream().map(r -> {
            try {
                return new ObjectMapper().readTree(r.body()).get("note").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(List.of("c", "b", "a"), arrived);
    }

    @Test
    void uninstallingDeliversAppUninstalledAndRevokesTokens() {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "APP_UNINSTALLED", uri());
        given().post("/_sim/stores/" + store.domain() + "/uninstall").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals("app/uninstalled", received.get(0).header("X-Shopify-Topic"));
        StandIn.graphql(store.token(), "{ shop { name } }").statusCode(401);
    }

    @Test
    void privacyRequestsGoToTheAppsComplianceUriWithTheCustomersOrdersAndShopRedactOnlyAfterUninstalling() throws IOException {
        TestStore store = StandIn.store(Map.of("webhook_secret", "shpss_privacy"));
        String sim = "/_sim/stores/" + store.domain();
        given().contentType(ContentType.JSON).body(Map.of("email", "ada@example.com")).post(sim + "/customers/redact")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("uri", uri())).put(sim + "/compliance-webhooks").then().statusCode(200);
        String email = "ada@example.com";
        Map<String, Object> ada = Map.of("customer", Map.of("email", email, "first_name", "Ada", "phone", "+44 20 7946 0018"));
        long first = given().contentType(ContentType.JSON).body(ada).post(sim + "/orders").then().statusCode(201)
                .body("shipping_address.first_name", equalTo("Ada")).extract().jsonPath().getLong("id");
        long second = given().contentType(ContentType.JSON).body(ada).post(sim + "/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        createOrder(store);
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post(sim + "/customers/redact").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post(sim + "/customers/data_request")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

        Received redact = received.stream().filter(r -> "customers/redact".equals(r.header("X-Shopify-Topic"))).findFirst().orElseThrow();
        assertEquals(Base64.getEncoder().encodeToString(new HmacUtils(HmacAlgorithms.HMAC_SHA_256, "shpss_privacy").hmac(redact.body())),
                redact.header("X-Shopify-Hmac-Sha256"));
        assertEquals(store.domain(), redact.header("X-Shopify-Shop-Domain"));
        assertNotNull(redact.header("X-Shopify-Webhook-Id"));
        JsonNode body = new ObjectMapper().readTree(redact.body());
        assertEquals(store.domain(), body.get("shop_domain").asText());
        assertEquals(email, body.get("customer").get("email").asText());
        assertEquals("+44 20 7946 0018", body.get("customer").get("phone").asText());
        assertTrue(body.get("customer").get("id").isIntegralNumber());
        assertEquals(List.of(Math.min(first, second), Math.max(first, second)),
                List.of(body.get("orders_to_redact").get(0).asLong(), body.get("orders_to_redact").get(1).asLong()));
        JsonNode request = new ObjectMapper().readTree(received.stream()
                .filter(r -> "customers/data_request".equals(r.header("X-Shopify-Topic"))).findFirst().orElseThrow().body());
        assertEquals(2, request.get("orders_requested").size());
        assertTrue(request.get("data_request").get("id").isIntegralNumber());

        given().post(sim + "/redact").then().statusCode(409);
        given().post(sim + "/uninstall").then().statusCode(200);
        given().post(sim + "/redact").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertEquals("shop/redact", received.get(2).header("X-Shopify-Topic"));
        assertEquals(store.domain(), new ObjectMapper().readTree(received.get(2).body()).get("shop_domain").asText());
    }

    @Test
    void aMerchantsHoldAndItsReleaseAreDeliveredAsFulfillmentOrderWebhooks() throws IOException {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Dock"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        subscribe(store, "FULFILLMENT_ORDERS_PLACED_ON_HOLD", uri());
        subscribe(store, "FULFILLMENT_ORDERS_HOLD_RELEASED", uri());
        long id = given().contentType(ContentType.JSON).body(Map.of("shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("reason", "INCORRECT_ADDRESS", "notes", "no such street"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + id + "/hold").then().statusCode(200);
        given().post("/_sim/stores/" + store.domain() + "/orders/" + id + "/release-hold").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        Received held = received.stream().filter(r -> "fulfillment_orders/placed_on_hold".equals(r.header("X-Shopify-Topic")))
                .findFirst().orElseThrow();
        JsonNode body = new ObjectMapper().readTree(held.body());
        assertEquals("on_hold", body.get("fulfillment_order").get("status").asText());
        assertTrue(body.get("fulfillment_order").get("id").asText().startsWith("gid://shopify/FulfillmentOrder/"));
        assertEquals("incorrect_address", body.get("fulfillment_order").get("fulfillment_holds").get(0).get("reason").asText());
        assertEquals("no such street", body.get("created_fulfillment_hold").get("reason_notes").asText());
        Received released = received.stream().filter(r -> "fulfillment_orders/hold_released".equals(r.header("X-Shopify-Topic")))
                .findFirst().orElseThrow();
        assertEquals("open", new ObjectMapper().readTree(released.body()).get("fulfillment_order").get("status").asText());
    }

    @Test
    void productAndInventoryChangesAreDelivered() throws IOException {
        TestStore store = StandIn.store(Map.of());
        subscribe(store, "PRODUCTS_UPDATE", uri());
        subscribe(store, "INVENTORY_LEVELS_UPDATE", uri());
        long location = given().contentType(ContentType.JSON).body(Map.of("name", "Main"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        given().contentType(ContentType.JSON)
                .body(Map.of("variants", List.of(Map.of("id", 447654529L, "sku", "IPOD2009BLACK-V2"))))
                .patch("/_sim/stores/" + store.domain() + "/products/921728736").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals("products/update", received.get(0).header("X-Shopify-Topic"));
        JsonNode product = new ObjectMapper().readTree(received.get(0).body());
        assertEquals(921728736L, product.get("id").longValue());
        assertEquals("IPOD2009BLACK-V2", product.get("variants").get(0).get("sku").asText());
        long item = product.get("variants").get(0).get("inventory_item_id").longValue();

        given().contentType(ContentType.JSON).body(Map.of("inventory_item_id", item, "location_id", location, "available", 5))
                .put("/_sim/stores/" + store.domain() + "/inventory").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertEquals("inventory_levels/update", received.get(1).header("X-Shopify-Topic"));
        JsonNode level = new ObjectMapper().readTree(received.get(1).body());
        assertEquals(item, level.get("inventory_item_id").longValue());
        assertEquals(location, level.get("location_id").longValue());
        assertEquals(5, level.get("available").intValue());
    }

    @Test
    void aStoresIdsAreTheSizeShopifysAreUnlessItAsksForLargeOnes() {
        long id = createOrder(StandIn.store(Map.of()));
        assertTrue(id > 1_000_000_000_000L && id < (1L << 53), "thirteen digits, as real Shopify ids today: " + id);
    }

    private static final String SERVICE = "mutation($name: String!) { fulfillmentServiceCreate(name: $name, inventoryManagement: true, "
            + "trackingSupport: true) { fulfillmentService { id serviceName handle location { id isFulfillmentService } } "
            + "userErrors { field message } } }";
    private static final String ASSIGNED = "query($status: FulfillmentOrderAssignmentStatus) { assignedFulfillmentOrders(first: 10, "
            + "assignmentStatus: $status) { nodes { id status requestStatus orderId destination { address1 city countryCode } "
            + "lineItems(first: 5) { nodes { id sku } } merchantRequests(first: 5) { nodes { kind message responseData } } } } }";
    private static final String ACCEPT = "mutation($id: ID!) { fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: \"on its way\", "
            + "estimatedShippedAt: \"2026-12-05T12:00:00Z\") { fulfillmentOrder { status requestStatus } userErrors { message } } }";
    private static final String REJECT = "mutation($id: ID!) { fulfillmentOrderRejectFulfillmentRequest(id: $id, "
            + "reason: INVENTORY_OUT_OF_STOCK, message: \"no stock of MUG-1\") { fulfillmentOrder { status requestStatus } "
            + "userErrors { message } } }";
    private static final String ACCEPT_CANCEL = "mutation($id: ID!) { fulfillmentOrderAcceptCancellationRequest(id: $id, "
            + "message: \"not picked yet\") { fulfillmentOrder { status requestStatus } userErrors { message } } }";
    private static final String REJECT_CANCEL = "mutation($id: ID!) { fulfillmentOrderRejectCancellationRequest(id: $id, "
            + "message: \"already packed\") { fulfillmentOrder { status requestStatus } userErrors { message } } }";

    private static String assigned(TestStore store, long orderId) {
        return StandIn.graphql(store.token(), ASSIGNED, Map.of()).extract().jsonPath()
                .getString("data.assignedFulfillmentOrders.nodes.find { it.orderId == 'gid://shopify/Order/" + orderId + "' }.id");
    }

    @Test
    void theAppAsAFulfillmentServiceAnswersTheMerchantsRequestsAndShopifyTellsOfEach() throws IOException {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Dock"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        for (String topic : List.of("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED", "FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_ACCEPTED",
                "FULFILLMENT_ORDERS_CANCELLATION_REQUEST_SUBMITTED", "FULFILLMENT_ORDERS_CANCELLATION_REQUEST_ACCEPTED")) {
            subscribe(store, topic, uri());
        }
        // registered once: the same name again is refused; its location is the service's
        String location = StandIn.graphql(store.token(), SERVICE, Map.of("name", "PROIGN Warehouse"))
                .body("data.fulfillmentServiceCreate.userErrors", hasSize(0))
                .body("data.fulfillmentServiceCreate.fulfillmentService.handle", equalTo("proign-warehouse"))
                .body("data.fulfillmentServiceCreate.fulfillmentService.location.isFulfillmentService", equalTo(true))
                .extract().path("data.fulfillmentServiceCreate.fulfillmentService.location.id");
        StandIn.graphql(store.token(), SERVICE, Map.of("name", "PROIGN Warehouse"))
                .body("data.fulfillmentServiceCreate.userErrors[0].message", equalTo("Name has already been taken"));
        StandIn.graphql(store.token(), "{ shop { fulfillmentServices { serviceName } } }")
                .body("data.shop.fulfillmentServices.serviceName", org.hamcrest.Matchers.hasItem("PROIGN Warehouse"));

        // Shopify routes new orders to it and the merchant's setting requests fulfillment at once
        given().contentType(ContentType.JSON).body(Map.of("location_id", Long.parseLong(location.substring(location.lastIndexOf('/') + 1)),
                "request_fulfillment", true)).put("/_sim/stores/" + store.domain() + "/routing").then().statusCode(200);
        long accepted = given().contentType(ContentType.JSON).body(Map.of("shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String fo = assigned(store, accepted);
        // where it ships to, and what it holds, as the service reads them
        StandIn.graphql(store.token(), ASSIGNED, Map.of("status", "FULFILLMENT_REQUESTED"))
                .body("data.assignedFulfillmentOrders.nodes.find { it.id == '" + fo + "' }.destination.countryCode",
                        org.hamcrest.Matchers.notNullValue())
                .body("data.assignedFulfillmentOrders.nodes.find { it.id == '" + fo + "' }.lineItems.nodes[0].id",
                        org.hamcrest.Matchers.startsWith("gid://shopify/FulfillmentOrderLineItem/"));
        StandIn.graphql(store.token(), ASSIGNED, Map.of("status", "FULFILLMENT_REQUESTED"))
                .body("data.assignedFulfillmentOrders.nodes.id", org.hamcrest.Matchers.hasItem(fo));
        // not fulfilled before it is accepted; accepted once
        StandIn.graphql(store.token(), "mutation($id: ID!) { fulfillmentCreate(fulfillment: {lineItemsByFulfillmentOrder: "
                + "[{fulfillmentOrderId: $id}]}) { fulfillment { id } userErrors { message } } }", Map.of("id", fo))
                .body("data.fulfillmentCreate.userErrors[0].message", containsString("must have its fulfillment request accepted"));
        StandIn.graphql(store.token(), ACCEPT, Map.of("id", fo))
                .body("data.fulfillmentOrderAcceptFulfillmentRequest.fulfillmentOrder.requestStatus", equalTo("ACCEPTED"))
                .body("data.fulfillmentOrderAcceptFulfillmentRequest.fulfillmentOrder.status", equalTo("IN_PROGRESS"));
        StandIn.graphql(store.token(), ACCEPT, Map.of("id", fo))
                .body("data.fulfillmentOrderAcceptFulfillmentRequest.userErrors[0].message",
                        equalTo("Cannot accept fulfillment request for the fulfillment order."));

        // the merchant asks to cancel it: accepted, it is cancelled
        given().contentType(ContentType.JSON).body(Map.of("message", "customer changed their mind"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + accepted + "/request-cancellation").then().statusCode(200);
        StandIn.graphql(store.token(), ASSIGNED, Map.of("status", "CANCELLATION_REQUESTED"))
                .body("data.assignedFulfillmentOrders.nodes.find { it.id == '" + fo + "' }.merchantRequests.nodes.message",
                        org.hamcrest.Matchers.hasItem("customer changed their mind"));
        StandIn.graphql(store.token(), ACCEPT_CANCEL, Map.of("id", fo))
                .body("data.fulfillmentOrderAcceptCancellationRequest.fulfillmentOrder.status", equalTo("CANCELLED"));

        // another request is rejected with Shopify's reason; a cancellation refused keeps it in progress
        long rejected = given().contentType(ContentType.JSON).body(Map.of("shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        StandIn.graphql(store.token(), "mutation($id: ID!) { fulfillmentOrderRejectFulfillmentRequest(id: $id, reason: INVALID_SKU, "
                + "lineItems: [{fulfillmentOrderLineItemId: \"gid://shopify/FulfillmentOrderLineItem/1\"}]) { userErrors { field message } } }",
                Map.of("id", assigned(store, rejected)))
                .body("data.fulfillmentOrderRejectFulfillmentRequest.userErrors[0].message",
                        equalTo("Fulfillment order line item does not exist."));
        StandIn.graphql(store.token(), REJECT, Map.of("id", assigned(store, rejected)))
                .body("data.fulfillmentOrderRejectFulfillmentRequest.fulfillmentOrder.requestStatus", equalTo("REJECTED"))
                .body("data.fulfillmentOrderRejectFulfillmentRequest.fulfillmentOrder.status", equalTo("OPEN"));
        long kept = given().contentType(ContentType.JSON).body(Map.of("shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        String keptFo = assigned(store, kept);
        StandIn.graphql(store.token(), ACCEPT, Map.of("id", keptFo));
        given().contentType(ContentType.JSON).body(Map.of()).post("/_sim/stores/" + store.domain() + "/orders/" + kept
                + "/request-cancellation").then().statusCode(200);
        StandIn.graphql(store.token(), REJECT_CANCEL, Map.of("id", keptFo))
                .body("data.fulfillmentOrderRejectCancellationRequest.fulfillmentOrder.status", equalTo("IN_PROGRESS"))
                .body("data.fulfillmentOrderRejectCancellationRequest.fulfillmentOrder.requestStatus",
                        equalTo("CANCELLATION_REJECTED"));

        // each step was told as Shopify tells it
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().filter(r -> r.header("X-Shopify-Topic")
                .startsWith("fulfillment_orders/")).count() >= 8);
        Received submitted = received.stream().filter(r -> "fulfillment_orders/fulfillment_request_submitted".equals(r.header("X-Shopify-Topic")))
                .findFirst().orElseThrow();
        JsonNode body = new ObjectMapper().readTree(submitted.body());
        assertEquals("submitted", body.get("submitted_fulfillment_order").get("request_status").asText());
        Received cancellation = received.stream().filter(r -> "fulfillment_orders/cancellation_request_submitted".equals(r.header("X-Shopify-Topic")))
                .findFirst().orElseThrow();
        assertEquals("customer changed their mind", new ObjectMapper().readTree(cancellation.body())
                .get("fulfillment_order_merchant_request").get("message").asText());
    }
}
