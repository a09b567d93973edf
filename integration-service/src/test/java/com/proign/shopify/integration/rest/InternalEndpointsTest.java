package com.proign.shopify.integration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.TestTokens;

import io.smallrye.jwt.build.Jwt;

/**
 * The internal endpoints take each calling service's own token and nothing else: the gateway reads webhook
 * secrets, the sync-service Shopify access, neither the other's; no user token, whatever it claims, and no token
 * signed with another key, expired, too long-lived or for another audience.
 */
@IntegrationServiceTest
class InternalEndpointsTest {

    private static final String SECRETS = "/internal/shops/inside.myshopify.com/webhook-secrets";
    private static final String ACCESS = "/internal/tenants/inside/shopify-access";

    private static boolean connected;

    @BeforeEach
    void connect() {
        if (!connected) {
            Stores.withToken("inside.myshopify.com", "shpat_inside", Stores.CORE_SCOPES);
            Stores.connect("inside", "inside.myshopify.com", "shpat_inside");
            connected = true;
        }
    }

    @Test
    void eachServiceReadsWhatItNeedsAndNothingElse() {
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get(SECRETS)
                .then().statusCode(200).body("tenant", equalTo("inside"));
        given().auth().oauth2(TestTokens.service("sync-service")).get(ACCESS)
                .then().statusCode(200).body("access_token", equalTo("shpat_inside"));

        // the gateway's token cannot read a tenant's Shopify token, the sync-service's cannot read webhook secrets
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get(ACCESS)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service("sync-service")).get(SECRETS)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void noUserTokenOpensAnInternalEndpointWhateverItClaims() {
        for (String path : new String[] { SECRETS, ACCESS }) {
            for (String token : new String[] {
                    TestTokens.user("inside", "owner"),
                    TestTokens.user("intruder", "service"),
                    TestTokens.userClaimingService("intruder", "webhook-gateway"),
                    TestTokens.userClaimingService("intruder", "sync-service") }) {
                given().auth().oauth2(token).get(path).then().statusCode(401).contentType("application/problem+json");
            }
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2("not-a-jwt").get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aServiceTokenMustBeSignedByThatServiceShortLivedAndForThisService() throws Exception {
        PrivateKey stranger = rsaKey();
        String[] refused = {
                // the gateway's name, another key
                Jwt.issuer("webhook-gateway").subject("webhook-gateway").audience("integration-service").expiresIn(300)
                        .jws().keyId("webhook-gateway").sign(stranger),
                // expired
                Jwt.issuer("webhook-gateway").subject("webhook-gateway").audience("integration-service")
                        .issuedAt(java.time.Instant.now().minusSeconds(600)).expiresAt(java.time.Instant.now().minusSeconds(300))
                        .jws().keyId("webhook-gateway").sign(TestTokens.serviceKey("webhook-gateway")),
                // valid for a day: longer than a service token may live
                Jwt.issuer("webhook-gateway").subject("webhook-gateway").audience("integration-service").expiresIn(86_400)
                        .jws().keyId("webhook-gateway").sign(TestTokens.serviceKey("webhook-gateway")),
                // for another audience
                Jwt.issuer("webhook-gateway").subject("webhook-gateway").audience("order-service").expiresIn(300)
                        .jws().keyId("webhook-gateway").sign(TestTokens.serviceKey("webhook-gateway")),
                // signed by the sync-service, claiming to be the gateway
                Jwt.issuer("webhook-gateway").subject("webhook-gateway").audience("integration-service").expiresIn(300)
                        .jws().keyId("webhook-gateway").sign(TestTokens.serviceKey("sync-service")),
                // an unknown caller
                Jwt.issuer("order-service").subject("order-service").audience("integration-service").expiresIn(300)
                        .jws().keyId("order-service").sign(stranger) };
        for (String token : refused) {
            given().auth().oauth2(token).get(SECRETS).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aServiceTokenIsNoUserTokenOnTheTenantApi() {
        given().auth().oauth2(TestTokens.service("sync-service")).get("/api/inside/integrations/shopify")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static PrivateKey rsaKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }
}
