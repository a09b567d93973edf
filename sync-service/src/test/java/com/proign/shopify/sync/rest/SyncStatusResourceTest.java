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
                .body("reconciliation.orders_watermark", equalTo("2026-11-25T10:00:00Z"))
                .body("connection_status", equalTo("not_connected"))
                .body("fulfillments.pending", equalTo(0));
        given().auth().oauth2(TestTokens.user("fresh", "member")).get("/api/fresh/sync/status")
                .then().statusCode(200)
                .body("reconciliation.last_pass_finished", nullValue())
                .body("reconciliation.next_pass_at", nullValue());
        given().auth().oauth2(TestTokens.user("fresh", "admin")).get("/api/synced/sync/status")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/synced/sync/status").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void pagesThroughTheLogByLevelAndKind() {
        for (int i = 1; i <= 5; i++) {
            pool.preparedQuery("INSERT INTO sync_log (tenant, at, level, kind, message) VALUES ('logged', now(), $1, $2, $3)")
                    .execute(Tuple.of(i % 2 == 0 ? "error" : "info", i <= 3 ? "job" : "fulfillment", "entry " + i))
                    .await().indefinitely();
        }
        String member = TestTokens.user("logged", "member");
        var first = given().auth().oauth2(member).queryParam("limit", 2).get("/api/logged/sync/logs").then().statusCode(200)
                .body("logs.message", org.hamcrest.Matchers.contains("entry 5", "entry 4"))
                .extract().jsonPath();
        given().auth().oauth2(member).queryParam("limit", 2).queryParam("before", first.getLong("next_before"))
                .get("/api/logged/sync/logs").then().body("logs.message", org.hamcrest.Matchers.contains("entry 3", "entry 2"));
        given().auth().oauth2(member).queryParam("level", "error").get("/api/logged/sync/logs").then()
                .body("logs.message", org.hamcrest.Matchers.contains("entry 4", "entry 2"));
        given().auth().oauth2(member).queryParam("kind", "fulfillment").queryParam("level", "error").get("/api/logged/sync/logs")
                .then().body("logs.message", org.hamcrest.Matchers.contains("entry 4"));
        given().auth().oauth2(member).queryParam("level", "loud").get("/api/logged/sync/logs").then().statusCode(400)
                .body("field", equalTo("level"));
        given().auth().oauth2(member).get("/api/logged/sync/status").then()
                .body("last_error.message", equalTo("entry 4"))
                .body("fulfillments.last_failure.message", equalTo("entry 4"));
        given().auth().oauth2(TestTokens.user("other", "member")).get("/api/logged/sync/logs").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("other", "member")).get("/api/other/sync/logs").then().body("logs", org.hamcrest.Matchers.empty());
    }
}
