package com.proign.shopify.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.ShopifySamples;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(IntegrationServiceStub.class)
class WebhookResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private static RequestSpecification delivery(String topic, String webhookId, byte[] body, String hmac) {
        return given()
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Hmac-Sha256", hmac)
                .header("X-Shopify-Shop-Domain", IntegrationServiceStub.SHOP)
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Triggered-At", "2026-11-25T10:15:30.123456789Z")
                .header("X-Shopify-Event-Id", "evt-" + webhookId)
                .contentType("application/json")
                .body(body);
    }

    /** Records of the topic until one with the given webhook id arrives; everything before it, too. */
    private List<ConsumerRecord<String, byte[]>> recordsUntil(String topic, String webhookId) {
        List<ConsumerRecord<String, byte[]>> seen = new java.util.ArrayList<>();
        var task = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
        try {
            task.awaitRecords(1, Duration.ofSeconds(20));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                seen.clear();
                seen.addAll(task.getRecords());
                if (seen.stream().anyMatch(r -> webhookId.equals(header(r.headers(), "ce_id")))) {
                    return seen;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no record with webhook id " + webhookId + " on " + topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            task.stop();
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void publishesAVerifiedOrderUnchangedWithItsMetadataBeforeAnswering() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        String webhookId = UUID.randomUUID().toString();
        delivery("orders/create", webhookId, body, ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(200);

        ConsumerRecord<String, byte[]> record = recordsUntil("shopify.orders", webhookId).stream()
                .filter(r -> webhookId.equals(header(r.headers(), "ce_id"))).findFirst().orElseThrow();
        assertEquals("acme:1073459981", record.key());
        assertArrayEquals(body, record.value());
        assertEquals("1.0", header(record.headers(), "ce_specversion"));
        assertEquals("acme", header(record.headers(), "ce_tenant"));
        assertEquals("orders/create", header(record.headers(), "ce_shopifytopic"));
        assertEquals("2026-10", header(record.headers(), "ce_shopifyapiversion"));
        assertEquals("evt-" + webhookId, header(record.headers(), "ce_shopifyeventid"));
        assertEquals(IntegrationServiceStub.SHOP, header(record.headers(), "ce_shopdomain"));
        assertEquals("com.shopify.orders.create", header(record.headers(), "ce_type"));
        assertEquals("https://" + IntegrationServiceStub.SHOP, header(record.headers(), "ce_source"));
        assertEquals("application/json", header(record.headers(), "content-type"));
    }

    @Test
    void acceptsThePreviousSecretDuringARotation() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.PRODUCT);
        String webhookId = UUID.randomUUID().toString();
        delivery("products/update", webhookId, body, ShopifySamples.sign(body, IntegrationServiceStub.PREVIOUS_SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(200);
        var record = recordsUntil("shopify.products", webhookId).stream()
                .filter(r -> webhookId.equals(header(r.headers(), "ce_id"))).findFirst().orElseThrow();
        assertEquals("acme:632910392", record.key());
    }

    @Test
    void rejectsATamperedDeliveryAndPublishesNothingOfIt() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        String signature = ShopifySamples.sign(body, IntegrationServiceStub.SECRET);
        byte[] tampered = body.clone();
        tampered[100] ^= 0x01;
        String tamperedId = UUID.randomUUID().toString();
        delivery("orders/updated", tamperedId, tampered, signature)
                .when().post("/webhooks/shopify")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("title", containsString("signature"));

        // the same order's next valid delivery lands in the same partition, after where the tampered one would be
        String validId = UUID.randomUUID().toString();
        delivery("orders/updated", validId, body, signature).when().post("/webhooks/shopify").then().statusCode(200);
        var records = recordsUntil("shopify.orders", validId);
        assertEquals(0, records.stream().filter(r -> tamperedId.equals(header(r.headers(), "ce_id"))).count());
    }

    @Test
    void rejectsTheWrongSecretAndAnUnknownStore() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        delivery("orders/create", "w1", body, ShopifySamples.sign(body, "someone-elses-secret"))
                .when().post("/webhooks/shopify")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, "x"))
                .header("X-Shopify-Shop-Domain", "unknown-store.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", "w2")
                .body(body)
                .when().post("/webhooks/shopify")
                .then().statusCode(401).contentType("application/problem+json")
                .body("title", containsString("Unknown store"));
    }

    @Test
    void answers400ForMissingHeadersOrBody() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        given().header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", IntegrationServiceStub.SHOP)
                .body(body)
                .when().post("/webhooks/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("X-Shopify-Hmac-Sha256"))
                .body("detail", containsString("X-Shopify-Webhook-Id"));
        delivery("orders/create", "w3", new byte[0], ShopifySamples.sign(new byte[0], IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesHeadersNoShopifyDeliveryHasInsteadOfAcceptingWhatCannotBeStored() {
        byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);
        String hmac = ShopifySamples.sign(body, IntegrationServiceStub.SECRET);
        delivery("orders/create", "w".repeat(129), body, hmac).when().post("/webhooks/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("X-Shopify-Webhook-Id is longer than 128 characters"));
        delivery("orders/" + "x".repeat(60), UUID.randomUUID().toString(), body, hmac).when().post("/webhooks/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("X-Shopify-Topic is longer than 64 characters"));
        delivery("orders create", UUID.randomUUID().toString(), body, hmac).when().post("/webhooks/shopify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("X-Shopify-Topic is not a Shopify topic"));
        // ids at the limit still go through (this one's X-Shopify-Event-Id, "evt-" and the id, has 128 characters)
        delivery("orders/create", "w".repeat(124), body, hmac).when().post("/webhooks/shopify").then().statusCode(200);
        given().get("/q/metrics").then().body(containsString("outcome=\"rejected_invalid_headers\""));
    }

    @Test
    void acknowledgesATopicItDoesNotHandleWithoutPublishing() {
        byte[] body = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
        delivery("carts/create", "w4", body, ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("outcome=\"ignored\""));
    }

    @Test
    void isReadyWithKafka() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void refusesAnOversizedDeliveryWithProblemDetails() {
        byte[] huge = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        delivery("orders/create", "w-big", huge, ShopifySamples.sign(huge, IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(413).contentType("application/problem+json");
        given().get("/q/metrics").then().body(containsString("outcome=\"rejected_too_large\""));
        // an order of 250 line items with long notes is well under the limit and goes through
        StringBuilder order = new StringBuilder("{\"id\":77,\"note\":\"").append("n".repeat(64_000)).append("\",\"line_items\":[");
        for (int i = 0; i < 250; i++) {
            order.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"title\":\"").append("t".repeat(500)).append("\"}");
        }
        byte[] big = order.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        delivery("orders/create", UUID.randomUUID().toString(), big, ShopifySamples.sign(big, IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify").then().statusCode(200);
    }

    @Test
    void publishesAnOrderOfEightMebibytesWhole() {
        // the largest body the gateway accepts reaches Kafka byte for byte (producer, topic and broker take it)
        byte[] body = ShopifySamples.largeOrder(880_000_001L, 8 * 1024 * 1024);
        String webhookId = UUID.randomUUID().toString();
        delivery("orders/create", webhookId, body, ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                .when().post("/webhooks/shopify")
                .then().statusCode(200);
        var record = recordsUntil("shopify.orders", webhookId).stream()
                .filter(r -> webhookId.equals(header(r.headers(), "ce_id"))).findFirst().orElseThrow();
        assertEquals("acme:880000001", record.key());
        assertArrayEquals(body, record.value());
    }

    @Test
    void acceptsConcurrentDeliveriesAndPublishesEachOne() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + io.restassured.RestAssured.port + "/webhooks/shopify";
        List<String> ids = new java.util.ArrayList<>();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<Void>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            byte[] body = ("{\"id\":" + (900_000 + i) + ",\"updated_at\":\"2026-11-25T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            answers.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Topic", "orders/updated")
                    .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, IntegrationServiceStub.SECRET))
                    .header("X-Shopify-Shop-Domain", IntegrationServiceStub.SHOP)
                    .header("X-Shopify-API-Version", "2026-10")
                    .header("X-Shopify-Webhook-Id", id)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()));
        }
        for (var answer : answers) {
            assertEquals(200, answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
        var task = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("shopify.orders");
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .map(r -> header(r.headers(), "ce_id")).filter(ids::contains).distinct().count() == ids.size());
        } finally {
            task.stop();
        }
    }

    @Test
    void keepsServingACachedStoreWhileIntegrationServiceIsDownAndFollowsAChangedSecret() {
        String shop = "rotating-store.myshopify.com";
        java.util.function.Function<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder,
                com.github.tomakehurst.wiremock.client.MappingBuilder> stub = answer -> com.github.tomakehurst.wiremock.client.WireMock
                        .get(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/shops/" + shop + "/webhook-secrets"))
                        .willReturn(answer);
        java.util.function.Function<String, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> secrets =
                secret -> com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"tenant\":\"rota\",\"shop_domain\":\"" + shop + "\",\"secrets\":[\"" + secret + "\"]}");
        IntegrationServiceStub.server.stubFor(stub.apply(secrets.apply("first-secret")));
        byte[] body = "{\"id\":31}".getBytes(StandardCharsets.UTF_8);
        java.util.function.BiFunction<String, String, Integer> post = (secret, webhookId) -> given()
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-API-Version", "2026-10").header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, secret))
                .contentType("application/json").body(body).post("/webhooks/shopify").statusCode();
        assertEquals(200, post.apply("first-secret", "r1"));

        // integration-service down: the cached store keeps working past its refresh time
        IntegrationServiceStub.server.stubFor(stub.apply(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        sleep(1_500);
        assertEquals(200, post.apply("first-secret", "r2"));
        assertEquals(200, post.apply("first-secret", "r3"));
        // a store never seen cannot be verified while integration-service fails: 503, so Shopify retries
        IntegrationServiceStub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/shops/never-seen.myshopify.com/webhook-secrets"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        given().header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", "never-seen.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10").header("X-Shopify-Webhook-Id", "r4")
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, "x"))
                .body(body).post("/webhooks/shopify").then().statusCode(503).contentType("application/problem+json");

        // back, with a new secret: it takes effect within the refresh time
        IntegrationServiceStub.server.stubFor(stub.apply(secrets.apply("second-secret")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> post.apply("second-secret", UUID.randomUUID().toString()) == 200);
        assertEquals(401, post.apply("first-secret", "r5"));
    }

    @Test
    void aStoreWhoseConnectionEndedSendsOnlyWhatShopifyStillOwesAfterIt() {
        String shop = "ended-store.myshopify.com";
        IntegrationServiceStub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/shops/" + shop + "/webhook-secrets"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"tenant\":\"ended\",\"shop_domain\":\"" + shop
                                + "\",\"secrets\":[\"ended-secret\"],\"privacy_only\":true}")));
        java.util.function.BiFunction<String, byte[], Integer> post = (topic, body) -> given()
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-API-Version", "2026-10").header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", ShopifySamples.sign(body, "ended-secret"))
                .contentType("application/json").body(body).post("/webhooks/shopify").statusCode();
        byte[] order = "{\"id\":41}".getBytes(StandardCharsets.UTF_8);
        byte[] redact = ("{\"shop_id\":1,\"shop_domain\":\"" + shop + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post.apply("orders/create", order));
        assertEquals(200, post.apply("shop/redact", redact));
        assertEquals(200, post.apply("customers/redact", redact));
        assertEquals(200, post.apply("app/uninstalled", redact));
        var task = kafka.consume(String.class, byte[].class)
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics("shopify.app");
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .filter(r -> "ended".equals(r.key())).count() == 3);
        } finally {
            task.stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
