package com.proign.shopify.orders.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.LocalInfra;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The orders database refuses connections for 15 s (and drops the ones it had) while order events arrive: none is
 * dead-lettered, readiness goes down and liveness stays up meanwhile, and every event is in the queue once the
 * database is back, with the settings and results that came during the outage.
 */
@OrderServiceTest
class DatabaseOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void anOutageOfTheDatabaseIsWaitedOutAndLosesNothing() throws Exception {
        String tenant = "dbout";
        List<String> deliveries = new ArrayList<>();
        long dlqBefore;
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            OrderEvents.settings(kafka, tenant, 1, "any");
            dlqBefore = deadLetters(kafka);
            deliveries.add(OrderEvents.publish(kafka, tenant, "orders/create", 77_001, OrderEvents.order(77_001, "2026-11-20T10:00:00Z", "paid", null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> orders(tenant) == 1);

            LocalInfra.run("postgres-refuse", "orders_test");
            try {
                // readiness follows the database, liveness does not
                await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
                given().get("/q/health/live").then().statusCode(200);
                for (int i = 2; i <= 60; i++) {
                    long id = 77_000 + i;
                    deliveries.add(OrderEvents.publish(kafka, tenant, "orders/create", id,
                            OrderEvents.order(id, "2026-11-20T10:00:00Z", "paid", null)));
                }
                OrderEvents.settings(kafka, tenant, 2, "paid");
                Thread.sleep(15_000);
                given().get("/q/health/live").then().statusCode(200);
            } finally {
                LocalInfra.run("postgres-accept", "orders_test");
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> orders(tenant) == 60);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
            assertEquals(60, count("SELECT count(*) FROM processed_delivery WHERE tenant = $1", tenant));
            // (the settings may not have been applied before the outage: no row until they are)
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT coalesce((SELECT settings_version FROM tenant_settings WHERE tenant = $1), 0)", tenant) == 2);
            // nothing of the outage went to the dead-letter topic
            Thread.sleep(1_000);
            assertEquals(dlqBefore, deadLetters(kafka), "records dead-lettered during a database outage");
        }
        assertTrue(deliveries.size() == 60);
    }

    private long orders(String tenant) {
        try {
            return count("SELECT count(*) FROM shop_order WHERE tenant = $1", tenant);
        } catch (RuntimeException databaseStillDown) {
            return -1;
        }
    }

    private long count(String sql, String tenant) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    /** Records on order-service.dlq whose tenant is this test's. */
    private static long deadLetters(KafkaCompanion kafka) {
        var task = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("order-service.dlq");
        try {
            Thread.sleep(2_000);
            return task.getRecords().stream().filter(r -> r.headers().lastHeader("ce_tenant") != null
                    && "dbout".equals(new String(r.headers().lastHeader("ce_tenant").value(), StandardCharsets.UTF_8))).count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            task.stop();
        }
    }
}
