package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.proign.shopify.testinfra.LocalInfra;

import io.restassured.http.ContentType;

/**
 * What the packaged services really put on their internal topics is what docs/asyncapi.yaml promises: an order of
 * the demo store is shipped (so order-service publishes a fulfillment request, the sync-service its result, and
 * integration-service has published the tenants' states), then every record of those topics is validated against
 * the message's JSON Schema in the document, with its key and CloudEvents headers where the document requires them.
 */
@ExtendWith(LocalSuite.class)
class AsyncApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theInternalTopicsCarryWhatTheDocumentSays() throws Exception {
        String url = LocalSuite.env("URL");
        String token = LocalSuite.env("TOKEN");
        long order = given().baseUri(LocalSuite.env("SHOPIFY_URL")).contentType(ContentType.JSON)
                .body(Map.of("financial_status", "paid", "shippable", true))
                .post("/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN") + "/orders").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(url).auth().oauth2(token)
                .queryParam("shopify_order_id", order).get("/api/demo/orders").then().statusCode(200)
                .extract().jsonPath().getString("orders[0].id"), Objects::nonNull);
        given().baseUri(url).auth().oauth2(token).post("/api/demo/orders/" + id + "/pick").then().statusCode(200);
        given().baseUri(url).auth().oauth2(token).post("/api/demo/orders/" + id + "/pack").then().statusCode(200);
        given().baseUri(url).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1Z999AA10123456784"))
                .post("/api/demo/orders/" + id + "/ship").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(url).auth().oauth2(token)
                .get("/api/demo/orders/" + id).then().body("shipments[0].sync_status", equalTo("synced")));

        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(LocalInfra.suiteRoot().resolve("docs/asyncapi.yaml").toFile());
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema headers = schema(registry, document, "cloudEventsHeaders");
        Map<String, Schema> payloads = Map.of(
                "order-service.fulfillment-requests", schema(registry, document, "fulfillmentRequest"),
                "sync-service.fulfillment-results", schema(registry, document, "fulfillmentResult"),
                "integration.settings", schema(registry, document, "tenantState"));
        List<String> problems = new ArrayList<>();
        Map<String, Integer> counted = new HashMap<>();
        for (var topic : payloads.entrySet()) {
            for (ConsumerRecord<String, byte[]> record : all(topic.getKey())) {
                if (record.value() == null) {
                    problems.add(topic.getKey() + ": a record without a value (key " + record.key() + ")");
                    continue;
                }
                counted.merge(topic.getKey(), 1, Integer::sum);
                String value = new String(record.value(), StandardCharsets.UTF_8);
                topic.getValue().validate(value, InputFormat.JSON).forEach(e -> problems.add(topic.getKey() + " "
                        + record.key() + ": " + e.getMessage()));
                JsonNode payload = JSON.readTree(value);
                if (record.key() == null || !record.key().startsWith(payload.path("tenant").asText())) {
                    problems.add(topic.getKey() + ": key " + record.key() + " does not start with the record's tenant");
                }
                if (topic.getKey().equals("order-service.fulfillment-requests")) {
                    Map<String, String> ce = new HashMap<>();
                    record.headers().forEach(h -> ce.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    headers.validate(JSON.writeValueAsString(ce), InputFormat.JSON).forEach(e -> problems.add(
                            "headers of " + record.key() + ": " + e.getMessage()));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        for (String topic : payloads.keySet()) {
            assertTrue(counted.getOrDefault(topic, 0) > 0, "no record on " + topic + " to check");
        }
        System.out.println("records checked against docs/asyncapi.yaml: " + counted);
    }

    private static Schema schema(SchemaRegistry registry, JsonNode document, String name) throws Exception {
        return registry.getSchema(JSON.writeValueAsString(document.path("components").path("schemas").path(name)),
                InputFormat.JSON);
    }

    /** Every record of the topic from its beginning up to now. */
    private static List<ConsumerRecord<String, byte[]>> all(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalSuite.env("KAFKA_BOOTSTRAP_SERVERS"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "asyncapi-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
