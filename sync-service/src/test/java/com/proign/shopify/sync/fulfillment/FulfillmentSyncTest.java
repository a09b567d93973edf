package com.proign.shopify.sync.fulfillment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.ShippedLines;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.AsyncApiContract;
import com.proign.shopify.testinfra.ShopifyStandIn;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Shipments into Shopify fulfillments, against the stand-in: once, partially, and never at another location. */
@SyncServiceTest
class FulfillmentSyncTest {

    KafkaCompanion kafka;
    ConsumerTask<String, String> results;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        results = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("fulfillment-results-" + UUID.randomUUID()).fromTopics("sync-service.fulfillment-results");
    }

    @AfterEach
    void close() {
        results.close();
        kafka.close();
    }

    /** A store whose app answers to a token, connected for the tenant; its settings published. */
    private void store(String tenant, String shop, Long locationId) {
        // ids beyond 2^53 on purpose: fulfillment must carry them whole
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_" + tenant
                + "\",\"large_ids\":true}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}");
        IntegrationServiceStub.access(tenant, shop, "shpat_" + tenant);
        settings(tenant, shop, locationId, 1);
    }

    private void settings(String tenant, String shop, Long locationId, long version) {
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                "{\"tenant\":\"" + tenant + "\",\"version\":" + version + ",\"connection_status\":\"connected\",\"shop_domain\":\""
                        + shop + "\",\"order_status_filter\":\"any\",\"fulfillment_location_id\":" + locationId
                        + ",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,\"notify_customer\":true}"))
                .awaitCompletion(Duration.ofSeconds(20));
        // a request for a tenant whose settings have not arrived waits for them (the retry job, every minute)
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                "SELECT count(*) FROM tenant_settings WHERE tenant = $1 AND settings_version >= $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant, version)).await().indefinitely()
                .iterator().next().getLong(0) == 1);
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** An order placed in the stand-in, as its REST payload (line item ids and quantities). */
    private static JsonPath order(String shop, Map<String, Object> body) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof String ? "\"" + v + "\"" : v));
        return JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/orders", json.append('}').toString()));
    }

    private void request(String tenant, UUID shipment, long orderId, String lines, String trackingNumber) {
        String value = "{\"tenant\":\"" + tenant + "\",\"shipment_id\":\"" + shipment + "\",\"shopify_order_id\":" + orderId
                + ",\"shopify_order_number\":\"#1\",\"lines\":" + lines + ",\"tracking\":{\"company\":\"UPS\",\"number\":\""
                + trackingNumber + "\",\"url\":\"https://ups.example/" + trackingNumber + "\"}}";
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("order-service.fulfillment-requests", tenant + ":" + orderId, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private JsonPath awaitResult(UUID shipment) {
        ConsumerRecord<String, String> found = await().atMost(Duration.ofSeconds(60)).until(() -> results.getRecords().stream()
                .filter(r -> r.value().contains(shipment.toString())).reduce((a, b) -> b).orElse(null), r -> r != null);
        // the result as written is what the topics' contract says (docs/asyncapi.yaml)
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentResult", found.value()));
        return JsonPath.from(found.value());
    }

    private static JsonPath fulfillments(String shop, long orderId) {
        return JsonPath.from(ShopifyStandIn.get("/_sim/stores/" + shop + "/orders/" + orderId + "/fulfillments"));
    }

    @Test
    void fulfilsOnceWithTrackingEvenWhenTheRequestComesTwice() {
        store("once", "once.myshopify.com", null);
        JsonPath order = order("once.myshopify.com", Map.of("seed", 11));
        long orderId = order.getLong("id");
        UUID shipment = UUID.randomUUID();
        request("once", shipment, orderId, ShippedLines.all(order), "1Z0NCE");
        request("once", shipment, orderId, ShippedLines.all(order), "1Z0NCE");

        JsonPath result = awaitResult(shipment);
        assertEquals("synced", result.getString("status"));
        await().atMost(Duration.ofSeconds(30)).until(() -> results.getRecords().stream()
                .filter(r -> r.value().contains(shipment.toString())).count() == 2);
        JsonPath inShopify = fulfillments("once.myshopify.com", orderId);
        assertEquals(1, inShopify.getList("fulfillments").size(), inShopify.prettify());
        assertEquals("1Z0NCE", inShopify.getString("fulfillments[0].tracking_number"));
        assertEquals("UPS", inShopify.getString("fulfillments[0].tracking_company"));
        assertEquals("https://ups.example/1Z0NCE", inShopify.getString("fulfillments[0].tracking_url"));
        assertEquals(true, inShopify.getBoolean("fulfillments[0].notify_customer"));
        assertEquals(result.getLong("shopify_fulfillment_id"), inShopify.getLong("fulfillments[0].id"));
    }

    @Test
    void shipsPartiallyThenTheRestAndUpdatesTrackingThatChanged() {
        store("part", "part.myshopify.com", null);
        JsonPath order = null;
        for (int seed = 20; seed < 60; seed++) {
            JsonPath candidate = order("part.myshopify.com", Map.of("seed", seed));
            List<Map<String, Object>> items = candidate.getList("line_items");
            if (items.stream().anyMatch(i -> Boolean.TRUE.equals(i.get("requires_shipping")) && ((Number) i.get("quantity")).intValue() >= 2)) {
                order = candidate;
                break;
            }
        }
        long orderId = order.getLong("id");
        Map<String, Object> line = order.<Map<String, Object>>getList("line_items").stream()
                .filter(i -> Boolean.TRUE.equals(i.get("requires_shipping")) && ((Number) i.get("quantity")).intValue() >= 2)
                .findFirst().orElseThrow();
        long lineId = ((Number) line.get("id")).longValue();
        int quantity = ((Number) line.get("quantity")).intValue();

        UUID first = UUID.randomUUID();
        request("part", first, orderId, "[{\"shopify_line_item_id\":" + lineId + ",\"quantity\":1}]", "PART-1");
        assertEquals("synced", awaitResult(first).getString("status"));
        UUID second = UUID.randomUUID();
        request("part", second, orderId, "[{\"shopify_line_item_id\":" + lineId + ",\"quantity\":" + (quantity - 1) + "}]", "PART-2");
        assertEquals("synced", awaitResult(second).getString("status"));
        JsonPath inShopify = fulfillments("part.myshopify.com", orderId);
        assertEquals(List.of("PART-1", "PART-2"), inShopify.getList("fulfillments.tracking_number"));
        assertEquals(List.of(1, quantity - 1), inShopify.getList("fulfillments.collect { it.line_items.find { l -> l.id == " + lineId + "L }.quantity }"));

        // more than is left is refused with Shopify's account of what remains
        UUID third = UUID.randomUUID();
        request("part", third, orderId, "[{\"shopify_line_item_id\":" + lineId + ",\"quantity\":1}]", "PART-3");
        JsonPath refused = awaitResult(third);
        // nothing is left of that line: Shopify has the whole of it already
        assertEquals("synced", refused.getString("status"));
        assertEquals(2, fulfillments("part.myshopify.com", orderId).getList("fulfillments").size());

        // the warehouse corrects the first shipment's tracking: the same shipment again, with the new number
        request("part", first, orderId, "[{\"shopify_line_item_id\":" + lineId + ",\"quantity\":1}]", "PART-1B");
        await().atMost(Duration.ofSeconds(30)).until(() -> fulfillments("part.myshopify.com", orderId)
                .getList("fulfillments.tracking_number").contains("PART-1B"));
        assertEquals(2, fulfillments("part.myshopify.com", orderId).getList("fulfillments").size());
    }

    @Test
    void anOrderOfMoreLinesThanAPageIsFulfilledAndReadWhole() throws Throwable {
        store("many", "many.myshopify.com", null);
        long orderId = order("many.myshopify.com", Map.of("seed", 11, "shippable", true)).getLong("id");
        // past the first page of a fulfillment order's lines (20 or 25) and past a page of the rest (100)
        List<Map<String, Object>> parts = java.util.stream.IntStream.rangeClosed(1, 125).mapToObj(i -> Map.<String, Object>of(
                "title", "Part " + i, "sku", "PART-" + i, "quantity", 1, "price", "1.00")).toList();
        JsonPath order = JsonPath.from(io.restassured.RestAssured.given().baseUri(ShopifyStandIn.url())
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("add", parts))
                .post("/_sim/stores/many.myshopify.com/orders/" + orderId + "/edit").then().statusCode(200).extract().asString());
        int shipped = (int) order.<Map<String, Object>>getList("line_items").stream()
                .filter(i -> Boolean.TRUE.equals(i.get("requires_shipping")) && !Boolean.TRUE.equals(i.get("gift_card"))).count();
        assertTrue(shipped > 125, "shipped lines: " + shipped);

        // the queue's view of the order holds every line
        var settings = new com.proign.shopify.sync.settings.TenantSettings();
        settings.tenant = "many";
        String fo = "gid://shopify/FulfillmentOrder/" + fulfillments("many.myshopify.com", orderId).getLong("fulfillment_orders[0].id");
        FulfillmentOrdersState state = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
                () -> states.refreshOnce("many", fo, settings));
        List<Long> partIds = order.<Map<String, Object>>getList("line_items").stream()
                .filter(i -> String.valueOf(i.get("sku")).startsWith("PART-")).map(i -> ((Number) i.get("id")).longValue()).toList();
        List<Long> read = state.fulfillmentOrders().stream().flatMap(f -> f.lines().stream())
                .map(FulfillmentOrdersState.Line::lineItemId).toList();
        assertEquals(125, partIds.size());
        assertTrue(read.containsAll(partIds), "lines read: " + read.size());

        UUID shipment = UUID.randomUUID();
        request("many", shipment, orderId, ShippedLines.all(order), "1ZMANY");
        assertEquals("synced", awaitResult(shipment).getString("status"));
        JsonPath inShopify = fulfillments("many.myshopify.com", orderId);
        assertEquals(1, inShopify.getList("fulfillments").size(), inShopify.prettify());
        assertEquals(shipped, inShopify.getList("fulfillments[0].line_items").size());
        assertTrue(inShopify.getList("fulfillments[0].line_items.sku").containsAll(List.of("PART-1", "PART-125")));
    }

    @jakarta.inject.Inject
    FulfillmentOrderStates states;

    @Test
    void neverFulfilsAtAnotherLocationThanTheTenants() {
        String shop = "split.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_split\"}");
        IntegrationServiceStub.access("split", shop, "shpat_split");
        long east = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"East\"}")).getLong("id");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"West\"}");
        settings("split", shop, east, 1);
        JsonPath order = null;
        JsonPath split = null;
        for (int seed = 1; seed < 60 && split == null; seed++) {
            order = order(shop, Map.of("seed", seed, "split_locations", true));
            JsonPath state = fulfillments(shop, order.getLong("id"));
            if (state.getList("fulfillment_orders").size() == 2) {
                split = state;
            }
        }
        assertTrue(split != null, "the stand-in split an order over two locations");
        long orderId = order.getLong("id");
        UUID shipment = UUID.randomUUID();
        request("split", shipment, orderId, ShippedLines.all(order), "SPLIT-1");
        JsonPath result = awaitResult(shipment);
        assertEquals("failed", result.getString("status"));
        assertTrue(result.getString("error").contains("another location"), result.getString("error"));
        assertEquals(0, fulfillments(shop, orderId).getList("fulfillments").size());
    }

    @Test
    void neverFulfilsWhatShopifyAssignedToAFulfillmentServiceAndSaysSo() {
        String shop = "threepl.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_threepl\"}");
        IntegrationServiceStub.access("threepl", shop, "shpat_threepl");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}");
        long service = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Acme 3PL\","
                + "\"fulfillment_service\":{\"handle\":\"acme-3pl\",\"service_name\":\"Acme 3PL\"}}")).getLong("id");
        // no fulfillment location set: any merchant-managed one would do, never the fulfillment service's
        settings("threepl", shop, null, 1);
        JsonPath order = order(shop, Map.of("shippable", true, "location_id", service));
        long orderId = order.getLong("id");
        UUID shipment = UUID.randomUUID();
        request("threepl", shipment, orderId, ShippedLines.all(order), "3PL-1");
        JsonPath result = awaitResult(shipment);
        assertEquals("failed", result.getString("status"));
        assertTrue(result.getString("error").contains("assigned to the fulfillment service Acme 3PL in Shopify, and only that "
                + "service may fulfil it; it is not retried"), result.getString("error"));
        assertEquals(0, fulfillments(shop, orderId).getList("fulfillments").size());
    }

    @Test
    void asTheStoresFulfillmentServiceItFulfilsOnlyWhatItsServiceAccepted() {
        String shop = "ownfs.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_ownfs\"}");
        IntegrationServiceStub.access("ownfs", shop, "shpat_ownfs");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}");
        String location = JsonPath.from(ShopifyStandIn.graphql("shpat_ownfs", "{\"query\":\"mutation { fulfillmentServiceCreate("
                + "name: \\\"Own FS\\\", trackingSupport: true) { fulfillmentService { location { id } } } }\"}"))
                .getString("data.fulfillmentServiceCreate.fulfillmentService.location.id");
        long locationId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", "ownfs",
                "{\"tenant\":\"ownfs\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                        + "\",\"order_status_filter\":\"any\",\"fulfillment_location_id\":null,\"fulfillment_mode\":"
                        + "\"fulfillment_service\",\"fulfillment_service_location_id\":" + locationId
                        + ",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,\"notify_customer\":true}"))
                .awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                "SELECT count(*) FROM tenant_settings WHERE tenant = $1 AND fulfillment_service_location_id = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("ownfs", locationId)).await().indefinitely()
                .iterator().next().getLong(0) == 1);
        // Shopify routes new orders to the service and the merchant requests fulfillment at once
        ShopifyStandIn.put("/_sim/stores/" + shop + "/routing", "{\"location_id\":" + locationId + ",\"request_fulfillment\":true}");
        JsonPath order = order(shop, Map.of("shippable", true));
        long orderId = order.getLong("id");

        UUID early = UUID.randomUUID();
        request("ownfs", early, orderId, ShippedLines.all(order), "OWN-1");
        JsonPath refused = awaitResult(early);
        assertEquals("failed", refused.getString("status"));
        assertTrue(refused.getString("error").contains("not accepted by the warehouse's fulfillment service"), refused.getString("error"));

        String fo = fulfillments(shop, orderId).getString("fulfillment_orders[0].id");
        ShopifyStandIn.graphql("shpat_ownfs", "{\"query\":\"mutation { fulfillmentOrderAcceptFulfillmentRequest(id: "
                + "\\\"gid://shopify/FulfillmentOrder/" + fo + "\\\") { userErrors { message } } }\"}");
        UUID shipment = UUID.randomUUID();
        request("ownfs", shipment, orderId, ShippedLines.all(order), "OWN-2");
        assertEquals("synced", awaitResult(shipment).getString("status"));
        JsonPath after = fulfillments(shop, orderId);
        assertEquals(1, after.getList("fulfillments").size());
        assertEquals(locationId, after.getLong("fulfillments[0].location_id"));
    }

    @Test
    void aStoreWhoseAppLacksTheFulfillmentScopesIsNeverFulfilledAndSaysWhatToGrant() {
        String shop = "noscope.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_noscope\"}");
        IntegrationServiceStub.access("noscope", shop, "shpat_noscope");
        String features = "[{\"feature\":\"orders\",\"enabled\":true,\"missing_scopes\":[]},"
                + "{\"feature\":\"fulfillment\",\"enabled\":false,\"missing_scopes\":[\"read_merchant_managed_fulfillment_orders\","
                + "\"write_merchant_managed_fulfillment_orders\"],\"description\":\"marking orders fulfilled in Shopify with tracking\","
                + "\"fix\":\"grant read_merchant_managed_fulfillment_orders, write_merchant_managed_fulfillment_orders in Shopify\"}]";
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", "noscope",
                "{\"tenant\":\"noscope\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                        + "\",\"order_status_filter\":\"any\",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,"
                        + "\"notify_customer\":true,\"features\":" + features + "}")).awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                "SELECT count(*) FROM tenant_settings WHERE tenant = 'noscope' AND features IS NOT NULL").execute()
                .await().indefinitely().iterator().next().getLong(0) == 1);
        JsonPath order = order(shop, Map.of("seed", 13));
        UUID shipment = UUID.randomUUID();
        request("noscope", shipment, order.getLong("id"), ShippedLines.all(order), "1ZNOSCOPE");

        JsonPath result = awaitResult(shipment);
        assertEquals("failed", result.getString("status"));
        assertTrue(result.getString("error").contains("write_merchant_managed_fulfillment_orders")
                && result.getString("error").contains("retry"), result.getString("error"));
        assertEquals(0, fulfillments(shop, order.getLong("id")).getList("fulfillments").size());
        io.restassured.RestAssured.given().auth().oauth2(com.proign.shopify.testinfra.TestTokens.user("noscope", "member"))
                .get("/api/noscope/sync/status").then().statusCode(200)
                .body("features.find { it.feature == 'fulfillment' }.enabled", org.hamcrest.Matchers.equalTo(false))
                .body("features.find { it.feature == 'fulfillment' }.missing_scopes",
                        org.hamcrest.Matchers.hasItem("write_merchant_managed_fulfillment_orders"));
        io.restassured.RestAssured.given().auth().oauth2(com.proign.shopify.testinfra.TestTokens.user("noscope", "member"))
                .queryParam("kind", "connection").get("/api/noscope/sync/logs").then().statusCode(200)
                .body("logs[0].message", org.hamcrest.Matchers.containsString("off: marking orders fulfilled"));
    }
}
