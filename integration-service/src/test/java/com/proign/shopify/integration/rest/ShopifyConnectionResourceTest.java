package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.JwtKeysResource;
import com.proign.shopify.testinfra.PostgresResource;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "integration_test"))
@WithTestResource(JwtKeysResource.class)
class ShopifyConnectionResourceTest {

    @Inject
    Pool pool;

    private static Map<String, String> credentials(String shop, String token, String secret) {
        return Map.of("shop_domain", shop, "access_token", token, "api_secret_key", secret);
    }

    @Test
    void connectsAStoreAndNeverShowsOrStoresItsSecretsInClear() {
        given().auth().oauth2(TestTokens.user("acme", "admin"))
                .contentType(ContentType.JSON)
                .body(credentials("Acme-Store.myshopify.com", "shpat_acme_token", "acme_api_secret"))
                .when().post("/api/acme/integrations/shopify")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("shop_domain", equalTo("acme-store.myshopify.com"))
                .body("status", equalTo("connected"))
                .body("credential_kind", equalTo("admin_api_token"))
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

        // a tenant's own token, even an owner's, does not open the internal endpoint
        given().auth().oauth2(admin)
                .when().get("/internal/shops/rota.myshopify.com/webhook-secrets")
                .then().statusCode(403);
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
        given().auth().oauth2(TestTokens.user("first", "owner")).contentType(ContentType.JSON)
                .body(credentials("shared.myshopify.com", "t1", "s1"))
                .post("/api/first/integrations/shopify").then().statusCode(200);
        given().auth().oauth2(TestTokens.user("second", "owner")).contentType(ContentType.JSON)
                .body(credentials("shared.myshopify.com", "t2", "s2"))
                .post("/api/second/integrations/shopify")
                .then().statusCode(409).contentType("application/problem+json");

        long count = pool.preparedQuery("SELECT count(*) FROM shop_connection WHERE shop_domain = $1")
                .execute(Tuple.of("shared.myshopify.com")).await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, count);
    }

    @Test
    void connectingAgainRepairsCredentialsThatNoLongerDecrypt() {
        String owner = TestTokens.user("lost", "owner");
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("lost.myshopify.com", "shpat_1", "old-secret"))
                .post("/api/lost/integrations/shopify").then().statusCode(200);
        // as if the key that sealed it had left the keyring
        pool.preparedQuery("UPDATE shop_connection SET webhook_secret = $1 WHERE tenant = $2")
                .execute(Tuple.of("gone:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "lost")).await().indefinitely();

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(credentials("lost.myshopify.com", "shpat_2", "new-secret"))
                .post("/api/lost/integrations/shopify").then().statusCode(200);
        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .get("/internal/shops/lost.myshopify.com/webhook-secrets")
                .then().statusCode(200)
                .body("secrets", contains("new-secret"));
    }
}
