package com.proign.shopify.integration.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.StateTopic;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Keeping stores subscribed, and following app/uninstalled. */
@IntegrationServiceTest
class WebhookUpkeepTest {

    @Inject
    WebhookMaintenance maintenance;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    KafkaCompanion kafka;
    StateTopic states;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        states = new StateTopic(kafka);
    }

    @AfterEach
    void close() {
        states.close();
        kafka.close();
    }


    private static Set<Object> topics(String token) {
        return Stores.subscriptions(token).stream().map(s -> s.get("topic")).collect(Collectors.toSet());
    }

    @Test
    void restoresASubscriptionShopifyRemovedAfterFailedDeliveries() throws Throwable {
        Stores.withToken("flaky.myshopify.com", "shpat_flaky", Stores.CORE_SCOPES);
        Stores.connect("flaky", "flaky.myshopify.com", "shpat_flaky");
        assertEquals(15, Stores.subscriptions("shpat_flaky").size());
        JsonPath connected = states.awaitLatest("flaky", state -> "ok".equals(state.getString("webhooks.status")));
        assertEquals(0, connected.getInt("webhooks.restored_count"));

        // the gateway's address does not answer here: every orders/create delivery fails all its retries, and
        // after eight failed deliveries in a row Shopify deletes the subscription
        for (int i = 0; i < 8; i++) {
            ShopifyStandIn.post("/_sim/stores/flaky.myshopify.com/orders", "{\"seed\":" + (100 + i) + "}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !topics("shpat_flaky").contains("ORDERS_CREATE"));
        given().auth().oauth2(TestTokens.user("flaky", "owner")).contentType(ContentType.JSON).body("{}")
                .post("/api/flaky/integrations/shopify/test").then().statusCode(200)
                .body("webhooks.find { it.topic == 'ORDERS_CREATE' }.registered", equalTo(false));

        WebhookMaintenance.Pass pass = VertxContextSupport.subscribeAndAwait(maintenance::checkAll);
        assertTrue(pass.restored() >= 1, pass.toString());
        assertEquals(Set.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED", "REFUNDS_CREATE", "PRODUCTS_UPDATE",
                "FULFILLMENT_ORDERS_ORDER_ROUTING_COMPLETE", "FULFILLMENT_ORDERS_PLACED_ON_HOLD", "FULFILLMENT_ORDERS_HOLD_RELEASED",
                "FULFILLMENT_ORDERS_MOVED",
                "FULFILLMENT_ORDERS_SPLIT", "FULFILLMENT_ORDERS_MERGED", "FULFILLMENT_ORDERS_RESCHEDULED",
                "FULFILLMENT_ORDERS_SCHEDULED_FULFILLMENT_ORDER_READY", "APP_UNINSTALLED"),
                topics("shpat_flaky"));
        assertEquals(15, Stores.subscriptions("shpat_flaky").size());
        // the published state says so, for the sync status page (status restored, or ok again once a later check
        // found them all: the topic is compacted, so what persists is when they were restored and how many)
        JsonPath restored = states.awaitLatest("flaky", state -> state.getString("webhooks.restored_at") != null);
        assertTrue(Set.of("restored", "ok").contains(restored.getString("webhooks.status")), restored.prettify());
        assertTrue(restored.getInt("webhooks.restored_count") >= 1, restored.prettify());
        assertTrue(restored.getString("webhooks.checked_at") != null);

        // a second pass finds everything in order and changes nothing
        WebhookRegistrar.Registration again = VertxContextSupport.subscribeAndAwait(() -> maintenance.check("flaky"));
        assertEquals(0, again.created());
        assertEquals(0, again.deleted());
        JsonPath whole = states.awaitLatest("flaky", state -> "ok".equals(state.getString("webhooks.status")));
        assertEquals(restored.getString("webhooks.restored_at"), whole.getString("webhooks.restored_at"),
                "when they were last restored stays known");

        // a store whose token Shopify now refuses (the app removed; its app/uninstalled cannot reach the gateway
        // here) cannot be checked: failing, and why
        ShopifyStandIn.post("/_sim/stores/flaky.myshopify.com/uninstall", "{}");
        VertxContextSupport.subscribeAndAwait(() -> maintenance.check("flaky"));
        JsonPath failing = states.awaitLatest("flaky", state -> "failing".equals(state.getString("webhooks.status")));
        assertTrue(failing.getString("webhooks.error") != null && !failing.getString("webhooks.error").contains("shpat_"),
                failing.prettify());
    }

    /** A record on shopify.app as the gateway publishes it. */
    private void publishAppEvent(String tenant, String shop, String topic, OffsetDateTime triggeredAt) {
        publishAppEvent(tenant, shop, topic, triggeredAt, "delivery-" + System.nanoTime());
    }

    private void publishAppEvent(String tenant, String shop, String topic, OffsetDateTime triggeredAt, String webhookId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", webhookId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", ("com.shopify." + topic.replace('/', '.')).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", ("https://" + shop).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", triggeredAt.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopdomain", shop.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", topic.getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"id\":1,\"name\":\"" + tenant + "\",\"myshopify_domain\":\"" + shop + "\"}").getBytes(StandardCharsets.UTF_8);
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("shopify.app", null, tenant, body, headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    @Test
    void appUninstalledEndsTheConnectionButAnOlderOneDoesNot() throws Throwable {
        Stores.withToken("gone.myshopify.com", "shpat_gone", Stores.CORE_SCOPES);
        Stores.connect("gone", "gone.myshopify.com", "shpat_gone");
        String owner = TestTokens.user("gone", "owner");

        // redelivered late: an uninstall from before this connection changes nothing
        publishAppEvent("gone", "gone.myshopify.com", "app/uninstalled", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        // a compliance request is acknowledged and changes nothing either
        publishAppEvent("gone", "gone.myshopify.com", "customers/redact", OffsetDateTime.now(ZoneOffset.UTC));
        // and one for another tenant's store is never applied to this one
        publishAppEvent("gone", "elsewhere.myshopify.com", "app/uninstalled", OffsetDateTime.now(ZoneOffset.UTC));

        ShopifyStandIn.post("/_sim/stores/gone.myshopify.com/uninstall", "{}");
        publishAppEvent("gone", "gone.myshopify.com", "app/uninstalled", OffsetDateTime.now(ZoneOffset.UTC));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(owner)
                .get("/api/gone/integrations/shopify").then().statusCode(200)
                .body("status", equalTo("disconnected"))
                .body("disconnect_reason", equalTo("app_uninstalled")));
        // the webhook secret stays for what Shopify still sends (shop/redact 48 hours later), and for nothing else
        given().auth().oauth2(TestTokens.service("webhook-gateway")).get("/internal/shops/gone.myshopify.com/webhook-secrets")
                .then().statusCode(200).body("privacy_only", equalTo(true)).body("tenant", equalTo("gone"));
        given().auth().oauth2(TestTokens.service("sync-service")).get("/internal/tenants/gone/shopify-access")
                .then().statusCode(404);
        JsonPath state = states.awaitLatest("gone", s -> "disconnected".equals(s.getString("connection_status")));
        assertEquals("app_uninstalled", state.getString("disconnect_reason"));
        // the check no longer looks at a disconnected store
        assertEquals(null, VertxContextSupport.subscribeAndAwait(() -> maintenance.check("gone")));
    }

    @Test
    void shopRedactAfterTheUninstallDeletesTheStoreOnceAndRecordsItWithoutTheData() throws Throwable {
        Stores.withToken("redacted.myshopify.com", "shpat_redacted", Stores.CORE_SCOPES);
        Stores.connect("redacted", "redacted.myshopify.com", "shpat_redacted");
        String owner = TestTokens.user("redacted", "owner");
        // while the store is connected, shop/redact (which Shopify sends only after an uninstall) erases nothing
        publishAppEvent("redacted", "redacted.myshopify.com", "shop/redact", OffsetDateTime.now(ZoneOffset.UTC), "early");
        await().atMost(Duration.ofSeconds(30)).until(() -> audit("redacted").contains("shop/redact early kept_connected nothing"));
        given().auth().oauth2(owner).get("/api/redacted/integrations/shopify").then().body("status", equalTo("connected"));

        ShopifyStandIn.post("/_sim/stores/redacted.myshopify.com/uninstall", "{}");
        publishAppEvent("redacted", "redacted.myshopify.com", "app/uninstalled", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(owner)
                .get("/api/redacted/integrations/shopify").then().body("status", equalTo("disconnected")));
        publishAppEvent("redacted", "redacted.myshopify.com", "customers/redact", OffsetDateTime.now(ZoneOffset.UTC), "c-1");
        publishAppEvent("redacted", "redacted.myshopify.com", "shop/redact", OffsetDateTime.now(ZoneOffset.UTC), "s-1");
        publishAppEvent("redacted", "redacted.myshopify.com", "shop/redact", OffsetDateTime.now(ZoneOffset.UTC), "s-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> audit("redacted").contains(
                "shop/redact s-1 erased store connection, webhook secret, settings"));
        assertTrue(audit("redacted").contains("customers/redact c-1 nothing_held nothing"), audit("redacted"));
        given().auth().oauth2(owner).get("/api/redacted/integrations/shopify").then().statusCode(404);
        given().auth().oauth2(TestTokens.service("webhook-gateway"))
                .get("/internal/shops/redacted.myshopify.com/webhook-secrets").then().statusCode(404);
        assertEquals(0L, count("SELECT count(*) FROM shop_connection WHERE tenant = 'redacted' OR shop_domain = 'redacted.myshopify.com'"));
        assertEquals(0L, count("SELECT count(*) FROM shop_settings WHERE tenant = 'redacted'"));
        // the redelivery found the first one's record: one row per delivery
        assertEquals(1L, count("SELECT count(*) FROM privacy_request WHERE tenant = 'redacted' AND webhook_id = 's-1'"));
    }

    /** The tenant's privacy records as "topic webhook-id outcome erased" lines. */
    private String audit(String tenant) {
        StringBuilder lines = new StringBuilder();
        pool.preparedQuery("SELECT topic, webhook_id, outcome, erased FROM privacy_request WHERE tenant = $1 ORDER BY completed_at")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant)).await().indefinitely()
                .forEach(row -> lines.append(row.getString(0)).append(' ').append(row.getString(1)).append(' ')
                        .append(row.getString(2)).append(' ').append(row.getString(3)).append('\n'));
        return lines.toString();
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aRecordWithoutTheGatewaysHeadersGoesToTheDeadLetterTopic() {
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("shopify.app", "nobody", "{}".getBytes(StandardCharsets.UTF_8)))
                .awaitCompletion(Duration.ofSeconds(20));
        var dead = kafka.consume(String.class, byte[].class)
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics("integration-service.dlq");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> dead.getRecords().stream()
                    .anyMatch(r -> "nobody".equals(r.key()) && r.headers().lastHeader("dead-letter-reason") != null));
        } finally {
            dead.close();
        }
        // and the consumer goes on: a later uninstall still applies
        Stores.withToken("after.myshopify.com", "shpat_after", Stores.CORE_SCOPES);
        Stores.connect("after", "after.myshopify.com", "shpat_after");
        publishAppEvent("after", "after.myshopify.com", "app/uninstalled", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.user("after", "member"))
                .get("/api/after/integrations/shopify").then().body("status", equalTo("disconnected")));
    }
}
