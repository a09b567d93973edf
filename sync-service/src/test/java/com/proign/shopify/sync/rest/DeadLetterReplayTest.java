package com.proign.shopify.sync.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** sync-service's dead letters: listed for the tenant-less operator, replayed once, back when failing again. */
@SyncServiceTest
class DeadLetterReplayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String operator() {
        return Jwt.subject("ops@proign").groups(Set.of("operator")).expiresIn(600).sign();
    }

    private static JsonPath unreplayed(String key) {
        return JsonPath.from(given().auth().oauth2(operator()).queryParam("replayed", "false")
                .queryParam("reason", "without the ce_tenant header").get("/ops/sync/dead-letters")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anInventoryLevelWithoutItsTenantIsListedAndComesBackWhenReplayedUnfixed() {
        String id = "level-" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>("shopify.inventory-levels", null, id, "{}".getBytes(StandardCharsets.UTF_8), headers))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unreplayed(id).getList("dead_letters.findAll { it.record_key == '"
                + id + "' }").size() == 1);
        JsonPath listed = unreplayed(id);
        long deadLetter = listed.getLong("dead_letters.find { it.record_key == '" + id + "' }.id");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(deadLetter)))
                .post("/ops/sync/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(1))
                .body("results[0].detail", equalTo("to shopify.inventory-levels"));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(deadLetter)))
                .post("/ops/sync/dead-letters/replay").then().statusCode(200).body("results[0].result", equalTo("already_replayed"));
        // still without its headers: dead-lettered again, naming the one it replayed
        await().atMost(Duration.ofSeconds(30)).until(() -> unreplayed(id).getList("dead_letters.findAll { it.record_key == '"
                + id + "' }").size() == 1 && unreplayed(id).getLong("dead_letters.find { it.record_key == '" + id + "' }.id") != deadLetter);
        given().auth().oauth2(operator()).queryParam("replayed", "false").get("/ops/sync/dead-letters")
                .then().body("dead_letters.find { it.record_key == '" + id + "' }.replayed_from", containsString("sync-service.dlq@"));
        given().auth().oauth2(TestTokens.user("any", "owner")).get("/ops/sync/dead-letters").then().statusCode(403);
    }
}
