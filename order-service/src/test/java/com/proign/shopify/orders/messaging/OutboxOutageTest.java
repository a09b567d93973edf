package com.proign.shopify.orders.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.testinfra.JwtKeysResource;
import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.PostgresResource;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The window between the database commit and Kafka: the broker is down when the warehouse ships. The shipment is
 * committed with its fulfillment request in the outbox, and the request reaches Kafka once the broker is back.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orders_test"))
@WithTestResource(value = KafkaBrokerResource.class, initArgs = {
        @ResourceArg(name = "dedicated", value = "true"),
        @ResourceArg(name = "outgoing-channels", value = "outbox"),
        @ResourceArg(name = "incoming-channels", value = "shopify-orders,shopify-products,integration-settings,fulfillment-results") })
@WithTestResource(JwtKeysResource.class)
class OutboxOutageTest {

    @Inject
    Pool pool;

    @Test
    void aShipmentCommittedWhileKafkaIsDownIsPublishedWhenItReturns() {
        KafkaBrokerResource.Broker broker = KafkaBrokerResource.dedicatedBroker();
        String worker = TestTokens.user("outage", "warehouse");
        String id;
        try (KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers())) {
            OrderEvents.settings(kafka, "outage", 1, "any");
            OrderEvents.publish(kafka, "outage", "orders/create", 1001, OrderEvents.order(1001, "2026-11-06T08:00:00Z", "paid", null));
            id = await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(worker)
                    .queryParam("shopify_order_id", 1001).get("/api/outage/orders").asString()).getString("orders[0].id"),
                    found -> found != null);
        }
        given().auth().oauth2(worker).post("/api/outage/orders/" + id + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).post("/api/outage/orders/" + id + "/pack").then().statusCode(200);

        broker.stop();
        String shipment;
        try {
            shipment = given().auth().oauth2(worker).contentType(ContentType.JSON)
                    .body(Map.of("carrier", "USPS", "tracking_number", "9400"))
                    .post("/api/outage/orders/" + id + "/ship").then().statusCode(200)
                    .body("status", equalTo("shipped"))
                    .body("shipments[0].sync_status", equalTo("pending"))
                    .extract().path("shipments[0].id");
            assertEquals(1L, count("SELECT count(*) FROM outbox WHERE tenant = 'outage' AND published_at IS NULL"));
        } finally {
            broker.start();
        }

        try (KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers())) {
            var requests = kafka.consume(String.class, String.class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("order-service.fulfillment-requests");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> requests.getRecords().stream()
                        .anyMatch(r -> "outage:1001".equals(r.key()) && r.value().contains(shipment)));
            } finally {
                requests.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM outbox WHERE tenant = 'outage' AND published_at IS NULL") == 0);
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.tuple()).await().indefinitely().iterator().next().getLong(0);
    }
}
