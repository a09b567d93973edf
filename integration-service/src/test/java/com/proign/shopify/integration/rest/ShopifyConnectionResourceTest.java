package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@IntegrationServiceTest
class ShopifyConnectionResourceTest {

    private static final List<String> ALL_SCOPES = List.of("read_orders", "read_all_orders", "read_products",
            "read_locations", "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders");

    /** A store in the Shopify stand-in whose app holds SCOPES, answering to TOKEN. */
    private static void standIn(String domain, String token, List<String> scopes) {
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + domain + "\",\"access_token\":\"" + token
                + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
    }

    private static List<Map<String, Object>> subscriptions(String token) {
        String answer = ShopifyStandIn.graphql(token, "{\"query\":\"{ webhookSubscriptions(first: 50) { nodes { id topic uri } } }\"}");
        return io.restassured.path.json.JsonPath.from(answer).getList("data.webhookSubscriptions.nodes");
    }

    @Inject
    Pool pool;

    private static Map<String, String> credentials(String shop, String token, String secret) {
        return Map.of("shop_domain", shop, "access_token", token, "api_secret_key", secret);
    }

    @Test
    void connectsAStoreAndNeverShowsOrStoresItsSecretsInClear() {
        standIn("acme-store.myshopify.com", "shpat_acme_token", ALL_SCOPES);
        given().auth().oauth2(TestTokens.user("acme", "admin"))
                .contentType(ContentType.JSON)
                .body(credentials("Acme-Store.myshopify.com", "shpat_acme_token", "acme_api_secret"))
                .when().post("/api/acme/integrations/shopify")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("shop_domain", equalTo("acme-store.myshopify.com"))
                .body("status", equalTo("connected"))
                .body("credential_kind", equalTo("admin_api_token"))
                .body("webhooks", hasSize(15))
                .body(not(containsString("shpat_acme_token")))
                .body(not(containsString("acme_api_secret")));

        given().auth().oauth2(TestTokens.user("acme", "member"))
                .when().get("/api/acme/integrations/shopify")
                .then().statusCode(200)
                .body("shop_domain", equalTo("acme-store.myshopify.com"))
                .body(not(containsString("acme_api_secret")));

        Row row = pool.preparedQuery("SELECT access_token, webhook_secret FROM shop_connection WHERE tenant = $1")
                .execute(Tuple.of("acme")).await().indefinitely().iterator().next();
        assertFalse(row.getString("access_token").contains("shpat_acme_token"));
        assertFalse(row.getString("webhook_secret").contains("acme_api_secret"));
    }

    @Test
    void servesTheWebhookSecretsToServicesOnlyAndKeepsThePreviousOneDuringARotation() {
        String admin = TestTokens.user("rota", "owner");
        standIn("rota.myshopify.com", "shpat_1", ALL_SCOPES);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(credentials("rota.myshopify.com", "shpat_1", "secret-one"))
                .post("/api/rota/integrations/shopify").then().statusCode(200);

        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .when().get("/internal/shops/rota.myshopify.com/webhook-secrets")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tenant", equalTo("rota"))
                .body("secrets", contains("secret-one"));

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(credentials("rota.myshopify.com", "shpat_1", "secret-two"))
                .post("/api/rota/integrations/shopify").then().statusCode(200);

        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .when().get("/internal/shops/rota.myshopify.com/webhook-secrets")
                .then().statusCode(200)
                .body("secrets", contains("secret-two", "secret-one"));

        // a tenant's own token, even an owner's, does not open the internal endpoint (not a service's token)
        given().auth().oauth2(admin)
                .when().get("/internal/shops/rota.myshopify.com/webhook-secrets")
                .then().statusCode(401);
        given().when().get("/internal/shops/rota.myshopify.com/webhook-secrets")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .when().get("/internal/shops/nobody.myshopify.com/webhook-secrets")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void enforcesTenantAndRole() {
        var body = credentials("guarded.myshopify.com", "t", "s");
        given().contentType(ContentType.JSON).body(body)
                .post("/api/guarded/integrations/shopify").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("guarded", "member")).contentType(ContentType.JSON).body(body)
                .post("/api/guarded/integrations/shopify")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("intruder", "owner")).contentType(ContentType.JSON).body(body)
                .post("/api/guarded/integrations/shopify").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("intruder", "owner"))
                .get("/api/guarded/integrations/shopify").then().statusCode(403);
    }

    @Test
    void rejectsBadInputWithProblemDetails() {
        String admin = TestTokens.user("bad", "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(credentials("bad.example.com", "t", "s"))
                .post("/api/bad/integrations/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("name.myshopify.com"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "bad.myshopify.com"))
                .post("/api/bad/integrations/shopify")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{not json")
                .post("/api/bad/integrations/shopify")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/bad/integrations/shopify")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aStoreFeedsOneTenantOnly() {
        standIn("shared.myshopify.com", "t1", ALL_SCOPES);
        given().auth().oauth2(TestTokens.user("first", "owner")).contentType(ContentType.JSON)
                .body(credentials("shared.myshopify.com", "t1", "s1"))
                .post("/api/first/integrations/shopify").then().statusCode(200);
        given().auth().oauth2(TestTokens.user("second", "owner")).contentType(ContentType.JSON)
                .body(credentials("shared.myshopify.com", "t1", "s2"))
                .post("/api/second/integrations/shopify")
                .then().statusCode(409).contentType("application/problem+json");

        long count = pool.preparedQuery("SELECT count(*) FROM shop_connection WHERE shop_domain = $1")
                .execute(Tuple.of("shared.myshopify.com")).await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, count);
    }

    @Test
    void connectingAgainRepairsCredentialsThatNoLongerDecrypt() {
        String owner = TestTokens.user("lost", "owner");
        standIn("lost.myshopify.com", "shpat_lost_1", ALL_SCOPES);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("lost.myshopify.com", "shpat_lost_1", "old-secret"))
                .post("/api/lost/integrations/shopify").then().statusCode(200);
        // as if the key that sealed it had left the keyring
        pool.preparedQuery("UPDATE shop_connection SET webhook_secret = $1 WHERE tenant = $2")
                .execute(Tuple.of("gone:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "lost")).await().indefinitely();

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("lost.myshopify.com", "shpat_lost_1", "new-secret"))
                .post("/api/lost/integrations/shopify").then().statusCode(200);
        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .get("/internal/shops/lost.myshopify.com/webhook-secrets")
                .then().statusCode(200)
                .body("secrets", contains("new-secret"));
    }

    @Test
    void connectingTwiceLeavesExactlyOneSubscriptionPerTopic() {
        String owner = TestTokens.user("twice", "owner");
        standIn("twice.myshopify.com", "shpat_twice", ALL_SCOPES);
        // left over from an earlier setup: a subscription to an old address, which connecting replaces
        ShopifyStandIn.graphql("shpat_twice", "{\"query\":\"mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, "
                + "webhookSubscription: {uri: \\\"https://old.example/hooks\\\"}) { userErrors { message } } }\"}");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(owner).contentType(ContentType.JSON)
                    .body(credentials("twice.myshopify.com", "shpat_twice", "secret"))
                    .post("/api/twice/integrations/shopify").then().statusCode(200);
        }
        List<Map<String, Object>> subscriptions = subscriptions("shpat_twice");
        assertEquals(15, subscriptions.size(), subscriptions.toString());
        assertEquals(java.util.Set.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED", "REFUNDS_CREATE", "PRODUCTS_UPDATE",
                "FULFILLMENT_ORDERS_ORDER_ROUTING_COMPLETE", "FULFILLMENT_ORDERS_PLACED_ON_HOLD", "FULFILLMENT_ORDERS_HOLD_RELEASED",
                "FULFILLMENT_ORDERS_MOVED",
                "FULFILLMENT_ORDERS_SPLIT", "FULFILLMENT_ORDERS_MERGED", "FULFILLMENT_ORDERS_RESCHEDULED",
                "FULFILLMENT_ORDERS_SCHEDULED_FULFILLMENT_ORDER_READY", "APP_UNINSTALLED"),
                subscriptions.stream().map(s -> s.get("topic")).collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, subscriptions.stream().map(s -> s.get("uri")).distinct().count());

        // the saved connection tests clean
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/twice/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("authenticated", equalTo(true))
                .body("api_version", equalTo("2026-10"))
                .body("webhooks.registered", everyItem(equalTo(true)));
    }

    @Test
    void testConnectionNamesWhatIsMissingAndConnectRefusesCredentialsShopifyRefuses() {
        String owner = TestTokens.user("narrow", "owner");
        standIn("narrow.myshopify.com", "shpat_narrow", List.of("read_orders", "read_locations",
                "read_merchant_managed_fulfillment_orders", "read_products"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "narrow.myshopify.com", "access_token", "shpat_narrow"))
                .post("/api/narrow/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("authenticated", equalTo(true))
                .body("scopes.find { it.scope == 'read_all_orders' }.present", equalTo(false))
                .body("scopes.find { it.scope == 'read_orders' }.present", equalTo(true))
                .body("warnings", hasItem(containsString("read_all_orders")))
                .body("warnings", hasItem(containsString("write_merchant_managed_fulfillment_orders")));

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "narrow.myshopify.com", "access_token", "shpat_wrong"))
                .post("/api/narrow/integrations/shopify/test").then().statusCode(200)
                .body("authenticated", equalTo(false))
                .body("problems[0]", containsString("refused the access token"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("narrow.myshopify.com", "shpat_wrong", "s"))
                .post("/api/narrow/integrations/shopify").then().statusCode(422)
                .body("title", equalTo("Credentials refused"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/narrow/integrations/shopify/test").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void disconnectingDeletesTheSubscriptionsAndWipesTheCredentials() {
        String owner = TestTokens.user("leaving", "owner");
        standIn("leaving.myshopify.com", "shpat_leaving", ALL_SCOPES);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("leaving.myshopify.com", "shpat_leaving", "leaving-secret"))
                .post("/api/leaving/integrations/shopify").then().statusCode(200);
        assertEquals(15, subscriptions("shpat_leaving").size());
        given().auth().oauth2(TestTokens.service("sync-service")).get("/internal/tenants/leaving/shopify-access")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("shop_domain", equalTo("leaving.myshopify.com"))
                .body("access_token", equalTo("shpat_leaving"));
        given().auth().oauth2(owner).get("/internal/tenants/leaving/shopify-access").then().statusCode(401);

        given().auth().oauth2(TestTokens.user("leaving", "member")).delete("/api/leaving/integrations/shopify")
                .then().statusCode(403);
        given().auth().oauth2(owner).delete("/api/leaving/integrations/shopify").then().statusCode(204);

        assertEquals(0, subscriptions("shpat_leaving").size());
        given().auth().oauth2(owner).get("/api/leaving/integrations/shopify").then().statusCode(200)
                .body("status", equalTo("disconnected"));
        // the webhook secret stays (encrypted) for the privacy webhooks Shopify still sends, and serves only those
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get("/internal/shops/leaving.myshopify.com/webhook-secrets")
                .then().statusCode(200).body("privacy_only", org.hamcrest.Matchers.is(true));
        given().auth().oauth2(TestTokens.service("sync-service")).get("/internal/tenants/leaving/shopify-access")
                .then().statusCode(404);
        var row = pool.preparedQuery("SELECT access_token, webhook_secret, disconnected_at FROM shop_connection WHERE tenant = $1")
                .execute(Tuple.of("leaving")).await().indefinitely().iterator().next();
        assertEquals(null, row.getString("access_token"));
        assertFalse(row.getString("webhook_secret").contains("leaving-secret"), "kept encrypted");
        given().auth().oauth2(owner).delete("/api/leaving/integrations/shopify").then().statusCode(404)
                .contentType("application/problem+json");

        // connecting again brings it back
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("leaving.myshopify.com", "shpat_leaving", "leaving-secret"))
                .post("/api/leaving/integrations/shopify").then().statusCode(200).body("status", equalTo("connected"));
    }
}
