package com.proign.shopify.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.ShopifySamples;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** With a broker of its own, stopped mid-test: 503 within 4 s, readiness down, and nothing lost after it returns. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, initArgs = {
        @ResourceArg(name = "dedicated", value = "true"),
        @ResourceArg(name = "outgoing-channels", value = "shopify-webhooks") })
@WithTestResource(IntegrationServiceStub.class)
class KafkaOutageTest {

    private static int deliver(String webhookId, byte[] body) {
        return given()
                .header("X-Shopify-Topic", "orders/updated")
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                .header("X-Shopify-Shop-Domain", IntegrationServiceStub.SHOP)
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .contentType("application/json").body(body)
                .post("/webhooks/shopify").statusCode();
    }

    @Test
    void answers503WithinFourSecondsAndLosesNothingOnceKafkaReturns() {
        byte[] body = "{\"id\":4242,\"updated_at\":\"2026-11-25T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, deliver(UUID.randomUUID().toString(), body));

        KafkaBrokerResource.Broker broker = KafkaBrokerResource.dedicatedBroker();
        // read here, not injected: test classes are beans of every test's application, where this is not set
        String channelBootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.outgoing.shopify-webhooks.bootstrap.servers", String.class);
        assertEquals(broker.bootstrapServers(), channelBootstrap, "the gateway writes to the broker this test stops");
        broker.stop();
        String duringOutage = UUID.randomUUID().toString();
        long started = System.nanoTime();
        int status = deliver(duringOutage, body);
        long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(503, status);
        assertTrue(took < 4_000, "answered in " + took + " ms");
        // more deliveries during the outage: a summary, no line (let alone a stack trace) per delivery
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                // what the console would print: the configured levels and the gateway's filter
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                        && java.util.logging.Logger.getLogger(record.getLoggerName()).isLoggable(record.getLevel())
                        && new com.proign.shopify.gateway.config.ExpectedOutageFilter().isLoggable(record)) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(503, deliver(UUID.randomUUID().toString(), body));
            }
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.size() <= 3, "10 refused deliveries logged " + logged.size() + " warnings or errors: "
                + logged.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        assertTrue(logged.stream().noneMatch(r -> r.getThrown() != null), "a stack trace for an expected outage");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/q/health/ready").statusCode() == 503);

        broker.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                given().get("/q/health/ready").statusCode() == 200);
        // Shopify retries the delivery it got 503 for; this time it lands
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> deliver(duringOutage, body) == 200);

        try (KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers())) {
            var records = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("shopify.orders");
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> records.getRecords().stream()
                        .anyMatch(r -> duringOutage.equals(new String(r.headers().lastHeader("ce_id").value(),
                                StandardCharsets.UTF_8))));
            } finally {
                records.stop();
            }
        }
    }
}
