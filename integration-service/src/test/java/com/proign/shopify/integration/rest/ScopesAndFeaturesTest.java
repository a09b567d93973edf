package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * The help page's own scope list, features on and off by scope, Test Connection before and after saving, and the
 * webhook subscriptions it reports (missing, doubled) and checks at once.
 */
@IntegrationServiceTest
class ScopesAndFeaturesTest {

    /** Exactly what the PROIGN help page tells a merchant to grant. */
    private static final List<String> HELP_PAGE_SCOPES = List.of("read_orders", "write_orders", "read_products",
            "read_inventory", "write_inventory");

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

    private static Map<String, String> credentials(String shop, String token) {
        return Map.of("shop_domain", shop, "access_token", token, "api_secret_key", "secret-of-" + shop);
    }

    @Test
    void theHelpPagesScopesConnectWithFulfillmentOffAndAWiderTokenTurnsItOn() {
        String owner = TestTokens.user("helppage", "owner");
        Stores.withToken("helppage.myshopify.com", "shpat_helppage", HELP_PAGE_SCOPES);

        // Test Connection before Save: valid credentials are ok; webhooks are what Save will register, not problems
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "helppage.myshopify.com", "access_token", "shpat_helppage"))
                .post("/api/helppage/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("saved", equalTo(false))
                .body("problems", empty())
                .body("will_register", containsInAnyOrder("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED", "REFUNDS_CREATE",
                        "PRODUCTS_UPDATE", "APP_UNINSTALLED"))
                .body("features.find { it.feature == 'fulfillment' }.enabled", equalTo(false))
                .body("features.find { it.feature == 'fulfillment' }.missing_scopes", containsInAnyOrder(
                        "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders"))
                .body("features.find { it.feature == 'products' }.enabled", equalTo(true))
                .body("features.find { it.feature == 'inventory' }.enabled", equalTo(true))
                .body("warnings", hasItem(containsString("write_merchant_managed_fulfillment_orders")))
                .body("scopes.find { it.scope == 'read_orders' }.required", equalTo(true))
                .body("scopes.find { it.scope == 'read_locations' }.required", equalTo(false));

        // Save: connected, with the features the scopes allow, each named with what to grant
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("helppage.myshopify.com", "shpat_helppage"))
                .post("/api/helppage/integrations/shopify").then().statusCode(200)
                .body("status", equalTo("connected"))
                .body("features.find { it.feature == 'orders' }.enabled", equalTo(true))
                .body("features.find { it.feature == 'fulfillment' }.enabled", equalTo(false))
                .body("features.find { it.feature == 'fulfillment' }.fix", containsString("read_merchant_managed_fulfillment_orders"))
                .body("features.find { it.feature == 'locations' }.missing_scopes", equalTo(List.of("read_locations")))
                .body("features.find { it.feature == 'history' }.enabled", equalTo(false))
                .body("warnings", hasItem(containsString("marking orders fulfilled")))
                .body("webhooks", hasItem("PRODUCTS_UPDATE"));
        given().auth().oauth2(TestTokens.user("helppage", "member")).get("/api/helppage/integrations/shopify").then()
                .statusCode(200).body("features.find { it.feature == 'fulfillment' }.enabled", equalTo(false));
        states.awaitLatest("helppage", s -> "connected".equals(s.getString("connection_status"))
                && Boolean.FALSE.equals(s.getBoolean("features.find { it.feature == 'fulfillment' }.enabled")));

        // the merchant grants the fulfillment and location scopes; the new token carries them, and saving it turns
        // the features on
        String wider = JsonPath.from(ShopifyStandIn.post("/_sim/stores/helppage.myshopify.com/tokens",
                "{\"scopes\":[\"read_orders\",\"write_orders\",\"read_products\",\"read_inventory\",\"write_inventory\","
                        + "\"read_locations\",\"read_merchant_managed_fulfillment_orders\","
                        + "\"write_merchant_managed_fulfillment_orders\"]}")).getString("access_token");
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("helppage.myshopify.com", wider))
                .post("/api/helppage/integrations/shopify").then().statusCode(200)
                .body("features.find { it.feature == 'fulfillment' }.enabled", equalTo(true))
                .body("features.find { it.feature == 'locations' }.enabled", equalTo(true))
                .body("warnings", not(hasItem(containsString("marking orders fulfilled"))));
        states.awaitLatest("helppage", s -> Boolean.TRUE.equals(s.getBoolean("features.find { it.feature == 'fulfillment' }.enabled")));
    }

    @Test
    void withoutReadOrdersNothingIsSaved() {
        String owner = TestTokens.user("noorders", "owner");
        Stores.withToken("noorders.myshopify.com", "shpat_noorders", List.of("read_products", "read_locations"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "noorders.myshopify.com", "access_token", "shpat_noorders"))
                .post("/api/noorders/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("problems", hasItem(containsString("read_orders")));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("noorders.myshopify.com", "shpat_noorders"))
                .post("/api/noorders/integrations/shopify").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Missing scopes"))
                .body("detail", containsString("read_orders"));
        given().auth().oauth2(owner).get("/api/noorders/integrations/shopify").then().statusCode(404);
    }

    @Test
    void aDoubledOrMissingSubscriptionIsReportedAndTheCheckMendsItAtOnce() {
        String owner = TestTokens.user("doubled", "owner");
        Stores.withToken("doubled.myshopify.com", "shpat_doubled", Stores.ALL_SCOPES);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("doubled.myshopify.com", "shpat_doubled"))
                .post("/api/doubled/integrations/shopify").then().statusCode(200);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/doubled/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true)).body("saved", equalTo(true));

        // a second ORDERS_CREATE subscription to another address of ours (an old gateway address, say)
        ShopifyStandIn.graphql("shpat_doubled", "{\"query\":\"mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, "
                + "webhookSubscription: {uri: \\\"https://old-gateway.example.com/webhooks/shopify\\\"}) { userErrors { message } } }\"}");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/doubled/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("webhooks.find { it.topic == 'ORDERS_CREATE' }.subscriptions", equalTo(2))
                .body("webhooks.find { it.topic == 'ORDERS_CREATE' }.other_addresses",
                        equalTo(List.of("https://old-gateway.example.com/webhooks/shopify")))
                .body("problems", hasItem(containsString("ORDERS_CREATE has 2 subscriptions")));
        states.awaitLatest("doubled", s -> "failing".equals(s.getString("webhooks.status"))
                && s.getString("webhooks.error").contains("ORDERS_CREATE subscribed 2 times"));

        given().auth().oauth2(owner).post("/api/doubled/integrations/shopify/webhooks/check").then().statusCode(200)
                .body("deleted", equalTo(1)).body("created", equalTo(0));
        assertEquals(1, Stores.subscriptions("shpat_doubled").stream().filter(s -> "ORDERS_CREATE".equals(s.get("topic"))).count());

        // Shopify removed one (as after repeated failed deliveries): reported at once, restored by the check
        String id = (String) Stores.subscriptions("shpat_doubled").stream()
                .filter(s -> "ORDERS_CREATE".equals(s.get("topic"))).findFirst().orElseThrow().get("id");
        ShopifyStandIn.graphql("shpat_doubled", "{\"query\":\"mutation { webhookSubscriptionDelete(id: \\\"" + id
                + "\\\") { deletedWebhookSubscriptionId } }\"}");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/doubled/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("webhooks.find { it.topic == 'ORDERS_CREATE' }.registered", equalTo(false))
                .body("problems", hasItem(containsString("No ORDERS_CREATE webhook subscription")));
        states.awaitLatest("doubled", s -> "failing".equals(s.getString("webhooks.status"))
                && s.getString("webhooks.error").contains("ORDERS_CREATE missing"));
        given().auth().oauth2(owner).post("/api/doubled/integrations/shopify/webhooks/check").then().statusCode(200)
                .body("created", equalTo(1));
        states.awaitLatest("doubled", s -> "restored".equals(s.getString("webhooks.status")));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/doubled/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("webhooks.registered", everyItem(equalTo(true)));

        given().auth().oauth2(TestTokens.user("doubled", "member")).post("/api/doubled/integrations/shopify/webhooks/check")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user("nostore", "owner")).post("/api/nostore/integrations/shopify/webhooks/check")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
