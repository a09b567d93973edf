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
 * The merchant's requests to the warehouse's fulfillment service, against the stand-in: a request the rule cannot
 * decide (the warehouse's stock unknown) is reported to the queue and left; the warehouse's rejection reaches Shopify
 * with Shopify's reason and the line it names, and the queue hears the answer; an acceptance carries its date.
 */
@SyncServiceTest
class MerchantRequestsTest {

    @Inject
    Pool pool;

    KafkaCompanion kafka;
    ConsumerTask<String, String> states;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        states = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("requests-" + UUID.randomUUID()).fromTopics("sync-service.fulfillment-orders");
    }

    @AfterEach
    void close() {
        states.close();
        kafka.close();
    }

    private void decision(String tenant, long orderId, String kind, String decision, String more) {
        String value = "{\"tenant\":\"" + tenant + "\",\"order_id\":\"" + UUID.randomUUID() + "\",\"shopify_order_id\":" + orderId
                + ",\"shopify_order_number\":\"#8\",\"kind\":\"" + kind + "\",\"decision\":\"" + decision + "\"" + more
                + ",\"decided_by\":\"warehouse\",\"decided_at\":\"2026-12-03T08:00:00Z\"}";
        assertEquals(List.of(), AsyncApiContract.violations("requestDecided", value));
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("order-service.request-decisions", tenant + ":" + orderId, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    /** fulfillment_orders/fulfillment_request_submitted as the gateway publishes it. */
    private void submittedWebhook(String tenant, long fulfillmentOrderId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "fulfillment_orders/fulfillment_request_submitted".getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"original_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/" + fulfillmentOrderId
                + "\",\"status\":\"open\"},\"submitted_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/"
                + fulfillmentOrderId + "\"}}").getBytes(StandardCharsets.UTF_8);
        kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>("shopify.fulfillment-orders", null,
                tenant + ":" + fulfillmentOrderId, body, headers)).awaitCompletion(Duration.ofSeconds(20));
    }

    private static JsonPath merchantSees(String token, long orderId) {
        return JsonPath.from(ShopifyStandIn.graphql(token, "{\"query\":\"{ order(id: \\\"gid://shopify/Order/" + orderId
                + "\\\") { lineItems(first: 5) { nodes { id } } fulfillmentOrders(first: 5) { nodes { id status requestStatus "
                + "merchantRequests(last: 1) { nodes { kind responseData } } } } } }\"}"));
    }

    private ConsumerRecord<String, String> state(String tenant, long orderId, String requestStatus) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> states.getRecords().stream()
                .filter(r -> (tenant + ":" + orderId).equals(r.key())
                        && requestStatus.equals(JsonPath.from(r.value()).getString("fulfillment_orders[0].request_status")))
                .findFirst().orElse(null), r -> r != null);
    }

    @Test
    void theWarehousesAnswersReachShopifyAndTheQueueHearsThem() {
        String tenant = "requests-" + Long.toString(System.nanoTime(), 36);
        String shop = tenant + ".myshopify.com";
        String token = "shpat_" + tenant;
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"" + token + "\"}");
        long location = Long.parseLong(JsonPath.from(ShopifyStandIn.graphql(token, "{\"query\":\"mutation { fulfillmentServiceCreate("
                + "name: \\\"Dock 3PL\\\", inventoryManagement: true, trackingSupport: true) { fulfillmentService { location { "
                + "legacyResourceId } } } }\"}")).getString("data.fulfillmentServiceCreate.fulfillmentService.location.legacyResourceId"));
        ShopifyStandIn.put("/_sim/stores/" + shop + "/routing", "{\"location_id\":" + location + ",\"request_fulfillment\":true}");
        IntegrationServiceStub.access(tenant, shop, token);
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                "{\"tenant\":\"" + tenant + "\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                        + "\",\"order_status_filter\":\"any\",\"fulfillment_location_id\":null,\"fulfillment_mode\":\"fulfillment_service\","
                        + "\"fulfillment_service_location_id\":" + location + ",\"fulfillment_request_rule\":\"accept_when_stocked\","
                        + "\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,\"notify_customer\":true}"))
                .awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM tenant_settings WHERE tenant = $1 "
                + "AND fulfillment_service_location_id IS NOT NULL", tenant) == 1);

        // requested: the rule cannot decide without the warehouse's stock, so the queue hears of the request and waits
        long orderId = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/orders", "{\"shippable\":true}")).getLong("id");
        JsonPath shopify = merchantSees(token, orderId);
        long fulfillmentOrder = Long.parseLong(shopify.getString("data.order.fulfillmentOrders.nodes[0].id").replaceAll("\\D", ""));
        submittedWebhook(tenant, fulfillmentOrder);
        ConsumerRecord<String, String> submitted = state(tenant, orderId, "SUBMITTED");
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentOrdersState", submitted.value()));
        assertEquals(true, JsonPath.from(submitted.value()).getBoolean("fulfillment_orders[0].at_fulfillment_location"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM sync_log WHERE tenant = $1 AND message "
                + "LIKE '%the warehouse decides: its stock is not known here (inventory sync is off)'", tenant) == 1);

        // the warehouse rejects it for a SKU it does not stock, naming the line: Shopify has the reason, the queue hears it
        long line = Long.parseLong(shopify.getString("data.order.lineItems.nodes[0].id").replaceAll("\\D", ""));
        decision(tenant, orderId, "fulfillment", "reject", ",\"reason\":\"INVALID_SKU\",\"message\":\"We do not stock it\","
                + "\"line_item_ids\":[" + line + "]");
        ConsumerRecord<String, String> rejected = state(tenant, orderId, "REJECTED");
        assertEquals("invalid sku: We do not stock it", JsonPath.from(rejected.value()).getString("fulfillment_orders[0].response"));
        assertEquals("INVALID_SKU", merchantSees(token, orderId)
                .getString("data.order.fulfillmentOrders.nodes[0].merchantRequests.nodes[0].responseData.reason"));
        // answered twice (a redelivery): Shopify's refusal is not asked for, the log says it was answered already
        decision(tenant, orderId, "fulfillment", "reject", ",\"reason\":\"INVALID_SKU\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM sync_log WHERE tenant = $1 AND message "
                + "LIKE '%found no request waiting in Shopify (answered already)'", tenant) == 1);

        // another accepted with its date: in progress at the service
        long accepted = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/orders", "{\"shippable\":true}")).getLong("id");
        decision(tenant, accepted, "fulfillment", "accept", ",\"message\":\"on its way\",\"estimated_ship_date\":\"2026-12-05\"");
        state(tenant, accepted, "ACCEPTED");
        assertEquals("IN_PROGRESS", merchantSees(token, accepted).getString("data.order.fulfillmentOrders.nodes[0].status"));
    }

    private long count(String sql, String tenant) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }
}
