package com.proign.shopify.orders.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.ShopifySamples;
import com.proign.shopify.testinfra.TestTokens;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** products/update keeps products and variants (SKU, title, inventory item), newest description winning. */
@OrderServiceTest
class ProductSyncTest {

    private static void publish(KafkaCompanion kafka, String tenant, String key, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", ("p-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "products/update".getBytes(StandardCharsets.UTF_8));
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("shopify.products", null, key, body.getBytes(StandardCharsets.UTF_8), headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    @Test
    void keepsTheNewestDescriptionOfEachProduct() {
        String sample = new String(ShopifySamples.bytes(ShopifySamples.PRODUCT_UPDATE), StandardCharsets.UTF_8);
        String member = TestTokens.user("catalog", "member");
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            publish(kafka, "catalog", "catalog:9554194432293", sample);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(member)
                    .queryParam("sku", "TSHIRT-001").get("/api/catalog/products").then().statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].shopify_product_id", equalTo(9554194432293L))
                    .body("[0].title", equalTo("T-Shirt"))
                    .body("[0].variants[0].sku", equalTo("TSHIRT-001"))
                    .body("[0].variants[0].price", equalTo(29.99f)));

            // a newer description renames it and replaces its variant; an older one arriving late changes nothing
            String newer = sample.replace("\"T-Shirt\"", "\"Organic T-Shirt\"")
                    .replace("2025-04-22T14:30:00-05:00", "2025-04-23T09:00:00-05:00")
                    .replace("\"id\": 123456789", "\"id\": 123456790").replace("TSHIRT-001", "TSHIRT-ORG");
            publish(kafka, "catalog", "catalog:9554194432293", newer);
            publish(kafka, "catalog", "catalog:9554194432293", sample.replace("\"T-Shirt\"", "\"Old name\""));
            // and a body that is not a product goes to the dead-letter topic, the consumer going on
            publish(kafka, "catalog", "catalog:1", "{\"title\":\"no id\"}");
            var dead = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("order-service.dlq");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> dead.getRecords().stream().anyMatch(r -> "catalog:1".equals(r.key())));
            } finally {
                dead.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(member)
                .get("/api/catalog/products").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].title", equalTo("Organic T-Shirt"))
                .body("[0].variants", hasSize(1))
                .body("[0].variants[0].sku", equalTo("TSHIRT-ORG"))
                .body("[0].variants[0].shopify_inventory_item_id", nullValue()));
        given().auth().oauth2(TestTokens.user("other", "member")).get("/api/catalog/products").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("other", "member")).get("/api/other/products").then().statusCode(200)
                .body("", hasSize(0));
    }
}
