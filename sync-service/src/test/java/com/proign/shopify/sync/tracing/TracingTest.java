package com.proign.shopify.sync.tracing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.ShippedLines;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.tracing.Spans;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The last leg of an order's trace: a fulfillment request published in trace T (order-service continues the
 * webhook's trace into it) is consumed in T, and the calls to Shopify that fulfil the order are spans of T.
 */
@SyncServiceTest
@TestProfile(Spans.On.class)
class TracingTest {

    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Inject
    InMemorySpanExporter spans;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void theFulfillmentOfAnOrderIsPartOfTheTraceItsWebhookStarted() {
        String shop = "traced-sync.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_traced\"}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}");
        IntegrationServiceStub.access("traced-sync", shop, "shpat_traced");
        JsonPath order = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/orders", "{\"seed\":21}"));
        long orderId = order.getLong("id");
        String lines = ShippedLines.all(order);

        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", "traced-sync",
                    "{\"tenant\":\"traced-sync\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                            + "\",\"order_status_filter\":\"any\",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,"
                            + "\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                    "SELECT count(*) FROM tenant_settings WHERE tenant = 'traced-sync'").execute().await().indefinitely()
                    .iterator().next().getLong(0) == 1);
            UUID shipment = UUID.randomUUID();
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", Spans.traceparent(TRACE, "b7ad6b7169203331").getBytes(StandardCharsets.UTF_8));
            String value = "{\"tenant\":\"traced-sync\",\"shipment_id\":\"" + shipment + "\",\"shopify_order_id\":" + orderId
                    + ",\"shopify_order_number\":\"#1\",\"lines\":" + lines + ",\"tracking\":{\"company\":\"UPS\",\"number\":"
                    + "\"1ZTRACED\",\"url\":null}}";
            kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("order-service.fulfillment-requests", null,
                    "traced-sync:" + orderId, value, headers)).awaitCompletion(Duration.ofSeconds(20));
        }

        // Shopify has the fulfillment, and the calls that made it are in the trace
        await().atMost(Duration.ofSeconds(60)).until(() -> JsonPath.from(ShopifyStandIn.get("/_sim/stores/" + shop + "/orders/"
                + orderId + "/fulfillments")).getList("fulfillments").size() == 1);
        List<SpanData> trace = await().atMost(Duration.ofSeconds(20)).until(() -> Spans.ofTrace(spans, TRACE),
                found -> found.stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER)
                        && found.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                                .anyMatch(s -> s.getName().startsWith("POST")));
        assertTrue(trace.stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER
                && s.getName().contains("order-service.fulfillment-requests")), trace.toString());
        SpanData call = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().startsWith("POST")).findFirst()
                .orElseThrow();
        assertEquals(TRACE, call.getTraceId());
        assertTrue(String.valueOf(call.getAttributes().asMap()).contains("graphql.json"), call.getAttributes().toString());
    }
}
