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
 * the demo store is shipped (so order-service publishes a fulfillment request and the sync-service its result) and
 * the tenant's settings saved (so integration-service publishes its state), then every record those topics got
 * meanwhile is validated against the message's JSON Schema in the document, with its key and, for the requests,
 * the CloudEvents headers the document requires.
 */
@ExtendWith(LocalSuite.class)
class AsyncApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> TOPICS = List.of("order-service.fulfillment-requests",
            "sync-service.fulfillment-results", "integration.settings");

    @Test
    void theInternalTopicsCarryWhatTheDocumentSays() throws Exception {
        String url = LocalSuite.env("URL");
        String token = LocalSuite.env("TOKEN");
        // only what the packaged services write from here on (the broker may be shared with other modules' tests,
        // whose hand-made records are not the services')
        Map<TopicPartition, Long> from = ends();
        // the tenant's settings saved as they are: integration-service publishes its state again
        var settings = given().baseUri(url).auth().oauth2(token).get("/api/demo/integrations/shopify/settings")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> same = new HashMap<>();
        for (String key : List.of("order_status_filter", "auto_sync_interval_minutes", "inventory_sync", "notify_customer")) {
            same.put(key, settings.get(key));
        }
        if (settings.get("fulfillment_location_id") != null) {
            same.put("fulfillment_location_id", String.valueOf((Object) settings.get("fulfillment_location_id")));
        }
        given().baseUri(url).auth().oauth2(token).contentType(ContentType.JSON).body(same)
                .put("/api/demo/integrations/shopify/settings").then().statusCode(200);
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
            for (ConsumerRecord<String, byte[]> record : since(topic.getKey(), from)) {
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

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalSuite.env("KAFKA_BOOTSTRAP_SERVERS"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "asyncapi-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Where each partition of the topics ends now. */
    private static Map<TopicPartition, Long> ends() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions);
        }
    }

    /** Every record of the topic written since the offsets given, up to now. */
    private static List<ConsumerRecord<String, byte[]>> since(String topic, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
