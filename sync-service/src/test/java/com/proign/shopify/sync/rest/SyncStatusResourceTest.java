package com.proign.shopify.sync.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@SyncServiceTest
class SyncStatusResourceTest {

    @Inject
    Pool pool;

    @Test
    void isReadyWithItsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void showsATenantsSyncStatusToThatTenantOnly() {
        pool.preparedQuery("INSERT INTO tenant_sync_state (tenant, orders_watermark, last_pass_started, last_pass_finished) "
                + "VALUES ($1, $2, $2, $2)")
                .execute(Tuple.of("synced", OffsetDateTime.parse("2026-11-25T10:00:00Z"))).await().indefinitely();

        given().auth().oauth2(TestTokens.user("synced", "member")).get("/api/synced/sync/status")
                .then().statusCode(200)
                .body("tenant", equalTo("synced"))
                .body("orders_watermark", equalTo("2026-11-25T10:00:00Z"));
        given().auth().oauth2(TestTokens.user("fresh", "member")).get("/api/fresh/sync/status")
                .then().statusCode(200)
                .body("last_pass_finished", nullValue());
        given().auth().oauth2(TestTokens.user("fresh", "admin")).get("/api/synced/sync/status")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/synced/sync/status").then().statusCode(401).contentType("application/problem+json");
    }
}
