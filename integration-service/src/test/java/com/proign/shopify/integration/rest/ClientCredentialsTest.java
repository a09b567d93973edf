package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Dev Dashboard apps: tokens minted with the client-credentials grant, renewed before expiry, one at a time. */
@IntegrationServiceTest
class ClientCredentialsTest {

    @TestHTTPResource("/")
    URI base;

    private static Map<String, String> dashboardApp(String shop, String clientId, String clientSecret) {
        return Map.of("shop_domain", shop, "client_id", clientId, "client_secret", clientSecret);
    }

    @Test
    void connectsWithClientCredentialsMintsATokenAndSignsWebhooksWithTheClientSecret() {
        String owner = TestTokens.user("dash", "owner");
        Stores.withClientCredentials("dash.myshopify.com", "dash-client-id", "shpss_dash_secret", 86399);

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(dashboardApp("dash.myshopify.com", "dash-client-id", "shpss_dash_secret"))
                .post("/api/dash/integrations/shopify")
                .then().statusCode(200)
                .body("credential_kind", equalTo("client_credentials"))
                .body("client_id", equalTo("dash-client-id"))
                .body("token_expires_at", notNullValue())
                .body("webhooks", hasSize(15))
                .body(not(containsString("shpss_dash_secret")))
                .body(not(containsString("shpca_")));

        List<String> minted = Stores.mintedTokens("dash.myshopify.com");
        assertEquals(1, minted.size(), "connecting mints one token");
        assertEquals(15, Stores.subscriptions(minted.get(0)).size());

        // the gateway verifies with the client secret; the sync-service gets the minted token, valid in Shopify
        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .get("/internal/shops/dash.myshopify.com/webhook-secrets")
                .then().statusCode(200).body("secrets", equalTo(List.of("shpss_dash_secret")));
        String token = given().auth().oauth2(TestTokens.service("sync-service"))
                .get("/internal/tenants/dash/shopify-access")
                .then().statusCode(200)
                .body("expires_at", notNullValue())
                .extract().path("access_token");
        assertEquals(minted.get(0), token, "a token far from expiry is served as saved");
        assertTrue(Stores.accepts(token));

        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/dash/integrations/shopify/test").then().statusCode(200)
                .body("ok", equalTo(true));
    }

    @Test
    void renewsTheTokenBeforeItExpiresOnceForConcurrentCallers() throws Exception {
        String owner = TestTokens.user("brief", "owner");
        // tokens live 8 s here, so renewal is due 2 s before expiry (a quarter of the lifetime)
        Stores.withClientCredentials("brief.myshopify.com", "brief-client", "shpss_brief", 8);
        OffsetDateTime expiresAt = OffsetDateTime.parse(given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(dashboardApp("brief.myshopify.com", "brief-client", "shpss_brief"))
                .post("/api/brief/integrations/shopify")
                .then().statusCode(200).extract().path("token_expires_at"));
        String first = Stores.mintedTokens("brief.myshopify.com").get(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> OffsetDateTime.now().isAfter(expiresAt.minusSeconds(2)));
        assertTrue(Stores.accepts(first), "renewal is due while the old token still works");

        HttpClient http = HttpClient.newHttpClient();
        String service = TestTokens.service("sync-service");
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 12)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(base.resolve("/internal/tenants/brief/shopify-access"))
                        .header("Authorization", "Bearer " + service).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        Set<String> served = calls.stream().map(CompletableFuture::join).map(response -> {
            assertEquals(200, response.statusCode(), response.body());
            return JsonPath.from(response.body()).getString("access_token");
        }).collect(Collectors.toSet());

        List<String> minted = Stores.mintedTokens("brief.myshopify.com");
        assertEquals(2, minted.size(), "twelve concurrent callers share one renewal: " + minted);
        assertEquals(1, served.size(), "every caller gets the renewed token: " + served);
        String renewed = served.iterator().next();
        assertNotEquals(first, renewed);
        assertTrue(Stores.accepts(renewed));

        // once the first token has expired, Shopify refuses it, and the saved connection still tests clean
        await().atMost(Duration.ofSeconds(10)).until(() -> !Stores.accepts(first));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}")
                .post("/api/brief/integrations/shopify/test").then().statusCode(200)
                .body("authenticated", equalTo(true));
    }

    @Test
    void refusesWrongClientCredentialsAndNamesWhatIsMissing() {
        String owner = TestTokens.user("wrongdash", "owner");
        Stores.withClientCredentials("wrongdash.myshopify.com", "wd-client", "shpss_right", 86399);
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(dashboardApp("wrongdash.myshopify.com", "wd-client", "shpss_wrong"))
                .post("/api/wrongdash/integrations/shopify")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Credentials refused"))
                .body("detail", containsString("client id and secret"))
                .body(not(containsString("shpss_wrong")));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(dashboardApp("wrongdash.myshopify.com", "wd-client", "shpss_wrong"))
                .post("/api/wrongdash/integrations/shopify/test")
                .then().statusCode(200)
                .body("authenticated", equalTo(false))
                .body("problems[0]", containsString("refused the client id and secret"));

        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "wrongdash.myshopify.com", "client_id", "wd-client"))
                .post("/api/wrongdash/integrations/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("client_secret"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "wrongdash.myshopify.com", "client_id", "wd-client",
                        "client_secret", "x", "access_token", "shpat_x"))
                .post("/api/wrongdash/integrations/shopify")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("client_id"))
                .body("detail", containsString("not both"));
        assertEquals(0, Stores.mintedTokens("wrongdash.myshopify.com").size());
    }
}
