package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;
import com.proign.shopify.testinfra.tracing.Spans;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * An order's trace goes on through order-service: the record the gateway published in trace T is consumed in T,
 * and when the warehouse ships the order (days later, in a request of its own) the fulfillment request for the
 * sync-service is published in T too, so that Shopify's fulfillment ends up in the trace the webhook started.
 */
@OrderServiceTest
@TestProfile(Spans.On.class)
class TracingTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theWebhooksTraceRunsOnToTheFulfillmentRequest() {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            OrderEvents.settings(kafka, "traced", 1, "any");
            OrderEvents.publish(kafka, "traced", "orders/create", 9101,
                    OrderEvents.order(9101, "2026-11-20T10:00:00Z", "paid", null), Spans.traceparent(TRACE, "00f067aa0ba902b7"));
            String member = TestTokens.user("traced", "member");
            JsonPath page = await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(member)
                    .queryParam("shopify_order_id", 9101).get("/api/traced/orders").asString()),
                    p -> "pending".equals(p.getString("orders[0].status")));
            // order-service took the record in the gateway's trace
            List<SpanData> consumed = await().atMost(Duration.ofSeconds(10)).until(() -> Spans.ofTrace(spans, TRACE),
                    found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER));
            assertTrue(consumed.stream().anyMatch(s -> s.getName().contains("shopify.orders")), consumed.toString());

            var requests = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("order-service.fulfillment-requests");
            String worker = TestTokens.user("traced", "warehouse");
            String id = page.getString("orders[0].id");
            given().auth().oauth2(worker).post("/api/traced/orders/" + id + "/pick").then().statusCode(200);
            given().auth().oauth2(worker).post("/api/traced/orders/" + id + "/pack").then().statusCode(200);
            given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1ZTRACE"))
                    .post("/api/traced/orders/" + id + "/ship").then().statusCode(200);
            ConsumerRecord<String, String> request = await().atMost(Duration.ofSeconds(30)).until(() -> requests.getRecords()
                    .stream().filter(r -> "traced:9101".equals(r.key())).findFirst().orElse(null), r -> r != null);
            requests.stop();
            String traceparent = new String(request.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            assertEquals(TRACE, traceparent.split("-")[1], "the fulfillment request continues the webhook's trace");
            List<SpanData> produced = await().atMost(Duration.ofSeconds(10)).until(() -> Spans.ofTrace(spans, TRACE),
                    found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER
                            && s.getName().contains("order-service.fulfillment-requests")));
            assertTrue(produced.size() >= 2, produced.toString());
        }
    }
}
