package com.proign.shopify.integration.crypto;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.config.EncryptionConfig;
import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Key rotation: secrets sealed with an older key are re-encrypted with the active one while the service serves. */
@IntegrationServiceTest
class SecretReencryptionTest {

    @Inject
    SecretReencryption reencryption;

    @Inject
    Pool pool;

    /** The service's keyring with the older key t1 active: what an instance before the rotation wrote. */
    private static SecretCipher beforeRotation() {
        String keyring = ConfigProvider.getConfig().getValue("integration.encryption.keyring", String.class);
        return new SecretCipher(new EncryptionConfig() {
            @Override
            public String keyring() {
                return keyring;
            }

            @Override
            public String activeKey() {
                return "t1";
            }
        });
    }

    @Test
    void reencryptsOldCiphertextsWithTheActiveKeyAndKeepsServing() throws Throwable {
        Stores.withToken("rotor.myshopify.com", "shpat_rotor", Stores.CORE_SCOPES);
        given().auth().oauth2(TestTokens.user("rotor", "owner")).contentType(ContentType.JSON)
                .body(Map.of("shop_domain", "rotor.myshopify.com", "access_token", "shpat_rotor", "api_secret_key", "rotor-secret"))
                .post("/api/rotor/integrations/shopify").then().statusCode(200);
        SecretCipher old = beforeRotation();
        pool.preparedQuery("UPDATE shop_connection SET access_token = $1, webhook_secret = $2, previous_webhook_secret = $3,"
                + " previous_secret_expires_at = now() + interval '1 hour' WHERE tenant = $4")
                .execute(Tuple.of(old.encrypt("shpat_rotor", "rotor", "access_token"),
                        old.encrypt("rotor-secret", "rotor", "webhook_secret"),
                        old.encrypt("rotor-previous", "rotor", "webhook_secret"), "rotor"))
                .await().indefinitely();

        // before the pass, the old key still decrypts: nothing stops
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get("/internal/shops/rotor.myshopify.com/webhook-secrets")
                .then().statusCode(200).body("secrets", contains("rotor-secret", "rotor-previous"));

        SecretReencryption.Pass pass = VertxContextSupport.subscribeAndAwait(reencryption::run);
        assertTrue(pass.reencrypted() >= 1, pass.toString());
        assertEquals(0, pass.remaining(), pass.toString());

        Row row = pool.preparedQuery("SELECT access_token, webhook_secret, previous_webhook_secret FROM shop_connection WHERE tenant = $1")
                .execute(Tuple.of("rotor")).await().indefinitely().iterator().next();
        for (String column : new String[] { "access_token", "webhook_secret", "previous_webhook_secret" }) {
            assertTrue(row.getString(column).startsWith("t2:"), column + " is sealed with the active key");
        }
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get("/internal/shops/rotor.myshopify.com/webhook-secrets")
                .then().statusCode(200).body("secrets", contains("rotor-secret", "rotor-previous"));
        given().auth().oauth2(TestTokens.service("sync-service")).get("/internal/tenants/rotor/shopify-access")
                .then().statusCode(200).body("access_token", equalTo("shpat_rotor"));

        // a second pass has nothing left to do
        assertEquals(0, VertxContextSupport.subscribeAndAwait(reencryption::run).reencrypted());
    }
}
