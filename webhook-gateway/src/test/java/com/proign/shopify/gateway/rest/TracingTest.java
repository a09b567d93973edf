package com.proign.shopify.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.ShopifySamples;
import com.proign.shopify.testinfra.tracing.Spans;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A webhook's trace starts at the gateway and goes on in the Kafka record: the traceparent header carries the
 * trace of the request that received it, for order-service to continue (its TracingTest takes it from there).
 */
@QuarkusTest
@TestProfile(Spans.On.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(IntegrationServiceStub.class)
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aWebhooksTraceGoesOnInItsKafkaRecord() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        String webhookId = UUID.randomUUID().toString();
        given().header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                .header("X-Shopify-Shop-Domain", IntegrationServiceStub.SHOP)
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Triggered-At", "2026-11-25T10:15:30Z")
                .contentType("application/json").body(body)
                .post("/webhooks/shopify").then().statusCode(200);

        ConsumerRecord<String, byte[]> record;
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            var task = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("shopify.orders");
            record = await().atMost(Duration.ofSeconds(20)).until(() -> task.getRecords().stream()
                    .filter(r -> webhookId.equals(header(r, "ce_id"))).findFirst().orElse(null), r -> r != null);
            task.stop();
        }
        String traceparent = header(record, "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), String.valueOf(traceparent));
        String traceId = traceparent.split("-")[1];

        List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> Spans.ofTrace(spans, traceId),
                found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)
                        && found.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertTrue(server.getName().contains("/webhooks/shopify"), server.getName());
        SpanData producer = trace.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        assertTrue(producer.getName().contains("shopify.orders"), producer.getName());
        assertEquals(traceId, server.getTraceId(), "the trace the webhook's request started");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
