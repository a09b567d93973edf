package com.proign.shopify.sync.fulfillment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.AsyncApiContract;
import com.proign.shopify.testinfra.ShopifyStandIn;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Holds both ways, against the stand-in: the warehouse's hold is placed in Shopify with its handle and released
 * alone; a hold the merchant places is read from Shopify and reported to the queue, the warehouse's own left out.
 */
@SyncServiceTest
class HoldsTest {

    @Inject
    Pool pool;

    KafkaCompanion kafka;
    ConsumerTask<String, String> states;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        states = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("holds-" + UUID.randomUUID()).fromTopics("sync-service.fulfillment-orders");
    }

    @AfterEach
    void close() {
        states.close();
        kafka.close();
    }

    private void holdRequest(String tenant, long orderId, String action) {
        String value = "{\"tenant\":\"" + tenant + "\",\"order_id\":\"" + UUID.randomUUID() + "\",\"shopify_order_id\":" + orderId
                + ",\"shopify_order_number\":\"#7\",\"action\":\"" + action + "\",\"reason\":\"box damaged\","
                + "\"requested_at\":\"2026-12-02T18:45:03Z\"}";
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("order-service.hold-requests", tenant + ":" + orderId, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    /** fulfillment_orders/placed_on_hold as the gateway publishes it. */
    private void heldWebhook(String tenant, long fulfillmentOrderId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "fulfillment_orders/placed_on_hold".getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/" + fulfillmentOrderId
                + "\",\"status\":\"on_hold\"}}").getBytes(StandardCharsets.UTF_8);
        kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>("shopify.fulfillment-orders", null,
                tenant + ":" + fulfillmentOrderId, body, headers)).awaitCompletion(Duration.ofSeconds(20));
    }

    private static JsonPath fulfillmentOrders(String shop, long orderId) {
        return JsonPath.from(ShopifyStandIn.get("/_sim/stores/" + shop + "/orders/" + orderId + "/fulfillments"));
    }

    @Test
    void theWarehousesHoldIsPlacedInShopifyAndTheMerchantsIsReportedToTheQueue() {
        String tenant = "holds-" + Long.toString(System.nanoTime(), 36);
        String shop = tenant + ".myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_" + tenant + "\"}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}");
        IntegrationServiceStub.access(tenant, shop, "shpat_" + tenant);
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                "{\"tenant\":\"" + tenant + "\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                        + "\",\"order_status_filter\":\"any\",\"fulfillment_location_id\":null,\"auto_sync_interval_minutes\":60,"
                        + "\"inventory_sync\":false,\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM tenant_settings WHERE tenant = $1", tenant) == 1);
        long orderId = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/orders", "{\"shippable\":true}")).getLong("id");

        holdRequest(tenant, orderId, "hold");
        await().atMost(Duration.ofSeconds(30)).until(() -> "proign-warehouse".equals(
                fulfillmentOrders(shop, orderId).getString("fulfillment_orders[0].holds[0].handle")));
        assertEquals("box damaged", fulfillmentOrders(shop, orderId).getString("fulfillment_orders[0].holds[0].reason_notes"));
        // the same request again (a redelivery) places no second hold
        holdRequest(tenant, orderId, "hold");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM sync_log WHERE tenant = $1 "
                + "AND message LIKE 'held order #7 in Shopify%'", tenant) == 1);

        // the merchant holds it too; Shopify's webhook: the queue hears of the merchant's hold, not of the warehouse's
        ShopifyStandIn.post("/_sim/stores/" + shop + "/orders/" + orderId + "/hold", "{\"reason\":\"AWAITING_PAYMENT\"}");
        long fulfillmentOrderId = fulfillmentOrders(shop, orderId).getLong("fulfillment_orders[0].id");
        heldWebhook(tenant, fulfillmentOrderId);
        ConsumerRecord<String, String> state = await().atMost(Duration.ofSeconds(30)).until(() -> states.getRecords().stream()
                .filter(r -> (tenant + ":" + orderId).equals(r.key())).findFirst().orElse(null), r -> r != null);
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentOrdersState", state.value()));
        assertEquals(List.of("AWAITING_PAYMENT"), JsonPath.from(state.value()).getList("fulfillment_orders[0].holds.reason"));
        assertEquals(true, JsonPath.from(state.value()).getBoolean("fulfillment_orders[0].at_fulfillment_location"));
        assertEquals(fulfillmentOrders(shop, orderId).getInt("fulfillment_orders[0].lines[0].total_quantity"),
                JsonPath.from(state.value()).getInt("fulfillment_orders[0].lines[0].total_quantity"));

        // the warehouse releases its hold: the merchant's stays
        holdRequest(tenant, orderId, "release");
        await().atMost(Duration.ofSeconds(30)).until(() -> fulfillmentOrders(shop, orderId)
                .getList("fulfillment_orders[0].holds").size() == 1);
        assertEquals("AWAITING_PAYMENT", fulfillmentOrders(shop, orderId).getString("fulfillment_orders[0].holds[0].reason"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM sync_log WHERE tenant = $1 "
                + "AND message LIKE 'released the warehouse''s hold of order #7%'", tenant) == 1);
    }

    private long count(String sql, String tenant) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }
}
