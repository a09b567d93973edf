package com.proign.shopify.sync.pull;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.ShopifySchema;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A range longer than a month runs as a bulk export, read as a stream into the queue. */
@SyncServiceTest
class BulkImportTest {

    @Inject
    Pool pool;

    @Test
    void theInnerQueryValidatesAgainstShopifysSchema() {
        assertEquals(List.of(), ShopifySchema.validate(BulkImport.innerQuery("created_at:>='2026-01-01T00:00:00Z' status:any")));
    }

    @Test
    void importsALargeRangeThroughABulkOperation() {
        String shop = "bulky.myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_bulky\",\"plan\":\"standard\"}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/orders/generate", "{\"count\":3000,\"seed\":13,\"created_from\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).minusDays(50) + "\"}");
        IntegrationServiceStub.access("bulky", shop, "shpat_bulky");
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", "bulky",
                    "{\"tenant\":\"bulky\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                            + "\",\"order_status_filter\":\"any\",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,"
                            + "\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT count(*) FROM tenant_settings WHERE tenant = $1")
                    .execute(Tuple.of("bulky")).await().indefinitely().iterator().next().getLong(0) == 1);
            var published = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .withGroupId("bulky-" + UUID.randomUUID()).fromTopics("shopify.orders");
            try {
                String job = given().auth().oauth2(TestTokens.user("bulky", "owner")).contentType(ContentType.JSON)
                        .body(Map.of("from_date", LocalDate.now().minusDays(55).toString(), "to_date", LocalDate.now().toString()))
                        .post("/api/bulky/sync/shopify").then().statusCode(202)
                        .body("mode", equalTo("bulk")).extract().path("job_id");
                JsonPath done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> JsonPath.from(
                        given().auth().oauth2(TestTokens.user("bulky", "member")).get("/api/bulky/sync/jobs/" + job).asString()),
                        j -> "completed".equals(j.getString("status")) || "failed".equals(j.getString("status")));
                assertEquals("completed", done.getString("status"), done.prettify());
                assertEquals(3000, done.getInt("orders_seen"));
                await().atMost(Duration.ofSeconds(60)).until(() -> published.getRecords().stream()
                        .filter(r -> r.key().startsWith("bulky:")).map(r -> r.key()).collect(Collectors.toSet()).size() == 3000);
                var bodies = published.getRecords().stream().filter(r -> r.key().startsWith("bulky:"))
                        .map(r -> JsonPath.from(new String(r.value(), StandardCharsets.UTF_8))).toList();
                assertTrue(bodies.stream().allMatch(b -> !b.getList("line_items").isEmpty()), "every order came with its lines");
            } finally {
                published.close();
            }
        }
    }
}
