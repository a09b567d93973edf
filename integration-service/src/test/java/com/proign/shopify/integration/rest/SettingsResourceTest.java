package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.StateTopic;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@IntegrationServiceTest
class SettingsResourceTest {

    KafkaCompanion kafka;
    StateTopic states;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        states = new StateTopic(kafka);
    }

    @AfterEach
    void close() {
        states.close();
        kafka.close();
    }


    @Test
    void defaultsUntilChangedAndValidatesEachField() {
        String owner = TestTokens.user("fresh", "owner");
        given().auth().oauth2(TestTokens.user("fresh", "member")).get("/api/fresh/integrations/shopify/settings")
                .then().statusCode(200)
                .body("order_status_filter", equalTo("paid"))
                .body("fulfillment_location_id", nullValue())
                .body("auto_sync_interval_minutes", equalTo(60))
                .body("inventory_sync", equalTo(false))
                .body("notify_customer", equalTo(true));

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("auto_sync_interval_minutes", 5))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("auto_sync_interval_minutes"))
                .body("violations[0].message", containsString("at least 15"));
        // each field that does not read is named (Jackson's errors carry the field)
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("order_status_filter", "shipped"))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("order_status_filter"))
                .body("detail", containsString("one of any, authorized, paid"))
                .body(org.hamcrest.Matchers.not(containsString("OrderStatusFilter")))
                .body(org.hamcrest.Matchers.not(containsString("$")));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("inventory_synch", true))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("inventory_synch"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{\"inventory_sync\": \"maybe\"}")
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("inventory_sync"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{not json")
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body("detail", org.hamcrest.Matchers.not(equalTo("HTTP 400 Bad Request")));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_location_id", "warehouse"))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(400)
                .body("violations[0].field", containsString("fulfillment_location_id"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_location_id", 42))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("connect the Shopify store first"));
        given().auth().oauth2(TestTokens.user("fresh", "member")).contentType(ContentType.JSON).body(Map.of())
                .put("/api/fresh/integrations/shopify/settings").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("other", "owner")).get("/api/fresh/integrations/shopify/settings")
                .then().statusCode(403);

        // what is valid without a store is saved and published
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("order_status_filter", "any", "auto_sync_interval_minutes", 15, "notify_customer", false))
                .put("/api/fresh/integrations/shopify/settings")
                .then().statusCode(200)
                .body("order_status_filter", equalTo("any"))
                .body("auto_sync_interval_minutes", equalTo(15))
                .body("notify_customer", equalTo(false));
        JsonPath state = states.awaitLatest("fresh", s -> "any".equals(s.getString("order_status_filter")));
        assertEquals("not_connected", state.getString("connection_status"));
        assertEquals(15, state.getInt("auto_sync_interval_minutes"));
    }

    @Test
    void checksTheLocationAgainstTheStoreAndPublishesTheSettings() {
        String owner = TestTokens.user("placed", "owner");
        Stores.withToken("placed.myshopify.com", "shpat_placed", Stores.CORE_SCOPES);
        String created = ShopifyStandIn.post("/_sim/stores/placed.myshopify.com/locations", "{\"name\":\"East Dock\"}");
        long dock = JsonPath.from(created).getLong("id");
        Stores.connect("placed", "placed.myshopify.com", "shpat_placed");
        states.awaitLatest("placed", s -> "connected".equals(s.getString("connection_status")));

        given().auth().oauth2(TestTokens.user("placed", "member")).get("/api/placed/integrations/shopify/locations")
                .then().statusCode(200).body("name", hasItem("East Dock"));

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_location_id", 123456789))
                .put("/api/placed/integrations/shopify/settings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("fulfillment_location_id"))
                .body("detail", containsString("East Dock"));

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("fulfillment_location_id", "gid://shopify/Location/" + dock, "order_status_filter", "authorized"))
                .put("/api/placed/integrations/shopify/settings")
                .then().statusCode(200)
                .body("fulfillment_location_id", equalTo(dock))
                .body("fulfillment_location_name", equalTo("East Dock"))
                .body("order_status_filter", equalTo("authorized"));

        JsonPath state = states.awaitLatest("placed", s -> "authorized".equals(s.getString("order_status_filter")));
        assertEquals("connected", state.getString("connection_status"));
        assertEquals("placed.myshopify.com", state.getString("shop_domain"));
        assertEquals(dock, state.getLong("fulfillment_location_id"));
        String record = states.records("placed").get(states.records("placed").size() - 1).value();
        assertFalse(record.contains("shpat_placed") || record.contains("placed-secret"), record);

        // disconnecting publishes the state change; the settings stay for a later connection
        given().auth().oauth2(owner).delete("/api/placed/integrations/shopify").then().statusCode(204);
        JsonPath after = states.awaitLatest("placed", s -> "disconnected".equals(s.getString("connection_status")));
        assertEquals("disconnected", after.getString("disconnect_reason"));
        assertEquals("authorized", after.getString("order_status_filter"));
    }

    @Test
    void inventorySyncNeedsItsScopesAndSubscribesItsWebhook() {
        String owner = TestTokens.user("stock", "owner");
        Stores.withToken("stock.myshopify.com", "shpat_stock_narrow", Stores.CORE_SCOPES);
        Stores.connect("stock", "stock.myshopify.com", "shpat_stock_narrow");

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("inventory_sync", true))
                .put("/api/stock/integrations/shopify/settings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("inventory_sync"))
                .body("detail", containsString("read_inventory"))
                .body("detail", containsString("write_inventory"));
        given().auth().oauth2(owner).get("/api/stock/integrations/shopify/settings")
                .then().body("inventory_sync", equalTo(false));

        // the merchant widens the app's scopes; a new token carries them
        String wide = JsonPath.from(ShopifyStandIn.post("/_sim/stores/stock.myshopify.com/tokens",
                "{\"scopes\":[\"" + String.join("\",\"", Stores.ALL_SCOPES) + "\"]}")).getString("access_token");
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "stock.myshopify.com", "access_token", wide, "api_secret_key", "stock-secret"))
                .post("/api/stock/integrations/shopify").then().statusCode(200);

        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("inventory_sync", true))
                .put("/api/stock/integrations/shopify/settings")
                .then().statusCode(200).body("inventory_sync", equalTo(true));
        List<Object> topics = Stores.subscriptions(wide).stream().map(s -> s.get("topic")).toList();
        assertTrue(topics.contains("INVENTORY_LEVELS_UPDATE"), topics.toString());
        assertEquals(16, topics.size(), topics.toString());
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/stock/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("scopes.find { it.scope == 'write_inventory' }.required", equalTo(true));
        states.awaitLatest("stock", s -> s.getBoolean("inventory_sync"));

        // turning it off unsubscribes again
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("inventory_sync", false))
                .put("/api/stock/integrations/shopify/settings").then().statusCode(200);
        assertFalse(Stores.subscriptions(wide).stream().anyMatch(s -> "INVENTORY_LEVELS_UPDATE".equals(s.get("topic"))));
        given().auth().oauth2(owner).get("/api/stock/integrations/shopify/settings")
                .then().body(not(containsString("shpat_")));
    }

    private static List<Map<String, Object>> fulfillmentServices(String token) {
        return JsonPath.from(ShopifyStandIn.graphql(token, "{\"query\":\"{ shop { fulfillmentServices { id serviceName "
                + "location { id } } } }\"}")).getList("data.shop.fulfillmentServices");
    }

    @Test
    void fulfillmentServiceModeRegistersTheWarehouseOnceKeepsItAndDeletesItOnlyWhenAsked() {
        String tenant = "fsmode-" + Long.toString(System.nanoTime(), 36);
        String shop = tenant + ".myshopify.com";
        String owner = TestTokens.user(tenant, "owner");
        // without the fulfillment-service scopes Shopify refuses, in words that name them
        Stores.withToken(shop, "shpat_" + tenant, Stores.CORE_SCOPES);
        Stores.connect(tenant, shop, "shpat_" + tenant);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_mode", "fulfillment_service"))
                .put("/api/" + tenant + "/integrations/shopify/settings")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("fulfillment_mode"))
                .body("detail", containsString("write_fulfillments"));
        given().auth().oauth2(owner).get("/api/" + tenant + "/integrations/shopify/settings")
                .then().body("fulfillment_mode", equalTo("merchant_managed"));

        List<String> scopes = new java.util.ArrayList<>(Stores.CORE_SCOPES);
        scopes.addAll(List.of("write_fulfillments", "read_assigned_fulfillment_orders", "write_assigned_fulfillment_orders"));
        String wide = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/tokens",
                "{\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}")).getString("access_token");
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", shop, "access_token", wide, "api_secret_key", tenant + "-secret"))
                .post("/api/" + tenant + "/integrations/shopify").then().statusCode(200);
        assertFalse(Stores.subscriptions(wide).stream().anyMatch(s -> "FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED"
                .equals(s.get("topic"))), "no request webhooks before the service is registered");
        Map<String, Object> asService = Map.of("fulfillment_mode", "fulfillment_service", "fulfillment_service_name", "Dock 9",
                "cancellation_request_rule", "manual");
        long location = given().auth().oauth2(owner).contentType(ContentType.JSON).body(asService)
                .put("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(200)
                .body("fulfillment_mode", equalTo("fulfillment_service"))
                .body("fulfillment_service_name", equalTo("Dock 9"))
                .body("fulfillment_request_rule", equalTo("accept_when_stocked"))
                .body("cancellation_request_rule", equalTo("manual"))
                .extract().jsonPath().getLong("fulfillment_service_location_id");
        // the merchant's requests to it are subscribed, once each
        List<Object> topics = Stores.subscriptions(wide).stream().map(s -> s.get("topic")).toList();
        for (String topic : List.of("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED", "FULFILLMENT_ORDERS_CANCELLATION_REQUEST_SUBMITTED")) {
            assertEquals(1, topics.stream().filter(topic::equals).count(), topic + " in " + topics);
        }
        // Shopify dropped one (repeated failed deliveries): Test Connection says so, the webhook check restores it
        String request = (String) Stores.subscriptions(wide).stream()
                .filter(s -> "FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED".equals(s.get("topic"))).findFirst()
                .orElseThrow().get("id");
        ShopifyStandIn.graphql(wide, "{\"query\":\"mutation { webhookSubscriptionDelete(id: \\\"" + request
                + "\\\") { deletedWebhookSubscriptionId } }\"}");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/" + tenant + "/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("webhooks.find { it.topic == 'FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED' }.registered", equalTo(false))
                .body("webhooks.find { it.topic == 'FULFILLMENT_ORDERS_CANCELLATION_REQUEST_SUBMITTED' }.registered", equalTo(true))
                .body("problems", hasItem(containsString("No FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED webhook subscription")));
        given().auth().oauth2(owner).post("/api/" + tenant + "/integrations/shopify/webhooks/check").then().statusCode(200)
                .body("created", equalTo(1));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/" + tenant + "/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_request_rule", "sometimes"))
                .put("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(400)
                .contentType("application/problem+json");
        // a second Save, and one renaming it, keep the one service
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(asService)
                .put("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(200);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("fulfillment_mode", "fulfillment_service", "fulfillment_service_name", "Dock Nine"))
                .put("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(200)
                .body("fulfillment_service_location_id", equalTo(location));
        List<Map<String, Object>> services = fulfillmentServices(wide);
        assertEquals(1, services.size(), services.toString());
        assertEquals("Dock Nine", services.get(0).get("serviceName"));
        states.awaitLatest(tenant, s -> "fulfillment_service".equals(s.getString("fulfillment_mode"))
                && Long.valueOf(location).equals(s.getLong("fulfillment_service_location_id"))
                && "accept_when_stocked".equals(s.getString("fulfillment_request_rule"))
                && "accept_before_picking".equals(s.getString("cancellation_request_rule")));

        // back to the merchant's location: the service stays (orders in flight at it are still the warehouse's)
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("fulfillment_mode", "merchant_managed"))
                .put("/api/" + tenant + "/integrations/shopify/settings").then().statusCode(200)
                .body("fulfillment_mode", equalTo("merchant_managed"))
                .body("fulfillment_service_location_id", equalTo(location));
        assertEquals(1, fulfillmentServices(wide).size());
        // deleted on disconnect only when asked
        given().auth().oauth2(owner).delete("/api/" + tenant + "/integrations/shopify?delete_fulfillment_service=true")
                .then().statusCode(204);
        assertEquals(0, fulfillmentServices(wide).size());
        given().auth().oauth2(owner).get("/api/" + tenant + "/integrations/shopify/settings")
                .then().body("fulfillment_service_location_id", nullValue());
    }
}
