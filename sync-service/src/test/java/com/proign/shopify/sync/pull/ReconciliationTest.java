package com.proign.shopify.sync.pull;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.ShopifyStandIn;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Interval reconciliation: what changed since the watermark, by one replica at a time. */
@SyncServiceTest
class ReconciliationTest {

    @Inject
    Reconciliation reconciliation;

    @Inject
    Pool pool;

    @Test
    void pullsWhatChangedSinceTheLastPassOnceAtATime() throws Throwable {
        String tenant = "recon";
        String shop = "recon.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_recon\",\"plan\":\"plus\"}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/orders/generate", "{\"count\":40,\"seed\":9,\"created_from\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).minusHours(12) + "\"}");
        IntegrationServiceStub.access(tenant, shop, "shpat_recon");
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                    "{\"tenant\":\"recon\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                            + "\",\"order_status_filter\":\"any\",\"auto_sync_interval_minutes\":15,\"inventory_sync\":false,"
                            + "\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM tenant_settings WHERE tenant = $1") == 1);
            var published = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .withGroupId("recon-" + UUID.randomUUID()).fromTopics("shopify.orders");
            try {
                assertTrue(VertxContextSupport.subscribeAndAwait(reconciliation::due).contains(tenant));

                // two replicas at once (each on its own context and session): one runs the pass, the other finds
                // the lease taken
                List<java.util.concurrent.CompletableFuture<Integer>> racing = java.util.stream.IntStream.range(0, 2)
                        .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                return VertxContextSupport.subscribeAndAwait(() -> reconciliation.pass(tenant));
                            } catch (Throwable e) {
                                throw new IllegalStateException(e);
                            }
                        })).toList();
                List<Integer> passes = racing.stream().map(java.util.concurrent.CompletableFuture::join).toList();
                assertTrue(passes.contains(-1) && passes.contains(40), passes.toString());
                await().atMost(Duration.ofSeconds(30)).until(() -> published.getRecords().stream()
                        .filter(r -> r.key().startsWith("recon:")).count() == 40);
                assertTrue(!VertxContextSupport.subscribeAndAwait(reconciliation::due).contains(tenant),
                        "not due again before its interval");

                // one order changes in the store: the next pass brings it (and what else falls in the overlap)
                long changed = published.getRecords().stream().map(r -> r.key()).filter(k -> k.startsWith("recon:"))
                        .map(k -> Long.parseLong(k.substring("recon:".length()))).findFirst().orElseThrow();
                given().baseUri(ShopifyStandIn.url()).contentType(ContentType.JSON).body(Map.of("financial_status", "refunded"))
                        .patch("/_sim/stores/" + shop + "/orders/" + changed).then().statusCode(200);
                int second = VertxContextSupport.subscribeAndAwait(() -> reconciliation.pass(tenant));
                assertTrue(second >= 1 && second < 40, "only what changed since the watermark (minus the overlap): " + second);
                await().atMost(Duration.ofSeconds(30)).until(() -> published.getRecords().stream()
                        .filter(r -> r.key().equals("recon:" + changed)).count() == 2);
                assertEquals(0, count("SELECT count(*) FROM tenant_sync_state WHERE tenant = $1 AND lease_until IS NOT NULL"));
            } finally {
                published.close();
            }
        }
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of("recon")).await().indefinitely().iterator().next().getLong(0);
    }
}
