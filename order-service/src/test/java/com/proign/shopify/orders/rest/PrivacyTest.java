package com.proign.shopify.orders.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.orders.service.RetentionPass;
import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shopify's privacy webhooks against the queue: a data request becomes an export for the owner, customers/redact
 * erases the customer's personal data everywhere this service holds it and keeps the warehouse's record, shop/redact
 * deletes the store, the retention pass erases finished orders' data after its time. Each applied once.
 */
@OrderServiceTest
class PrivacyTest {

    private static final String NAME = "Zelda Quixote";
    private static final String STREET = "12 Secret Lane";
    private static final String EMAIL = "zelda.quixote@example.com";
    private static final String PHONE = "+1 555 0100 4242";

    KafkaCompanion kafka;

    @Inject
    Pool pool;

    @Inject
    RetentionPass retention;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** The sample order, placed by Zelda (or by someone else). */
    private static byte[] order(long id, String updatedAt, boolean zelda) {
        return OrderEvents.order(id, updatedAt, "paid", order -> {
            order.put("email", zelda ? EMAIL : "someone@example.com");
            ObjectNode to = (ObjectNode) order.get("shipping_address");
            if (zelda) {
                to.put("first_name", "Zelda").put("last_name", "Quixote").put("name", NAME).put("address1", STREET)
                        .put("phone", PHONE).put("company", "Quixote Windmills").put("zip", "99123");
            }
            ((ObjectNode) order.get("line_items").get(0)).put("sku", "WIND-1").put("requires_shipping", true);
        });
    }

    private String imported(String tenant, long shopifyId) {
        String owner = TestTokens.user(tenant, "owner");
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(owner)
                .queryParam("shopify_order_id", shopifyId).get("/api/" + tenant + "/orders").then().statusCode(200)
                .extract().jsonPath().getString("orders[0].id"), java.util.Objects::nonNull);
    }

    private void privacy(String tenant, String topic, String webhookId, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", webhookId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopdomain", (tenant + ".myshopify.com").getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString().getBytes(StandardCharsets.UTF_8));
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("shopify.app", null, tenant, body.getBytes(StandardCharsets.UTF_8), headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    private static String customer(String ordersField, long... orders) {
        StringBuilder ids = new StringBuilder();
        for (long id : orders) {
            ids.append(ids.length() == 0 ? "" : ",").append(id);
        }
        return "{\"shop_id\":1,\"shop_domain\":\"privy.myshopify.com\",\"customer\":{\"id\":7001,\"email\":\"" + EMAIL
                + "\",\"phone\":\"" + PHONE + "\"},\"" + ordersField + "\":[" + ids + "],\"data_request\":{\"id\":9001}}";
    }

    /** Every row of every table of the service that names the tenant, as text. */
    private List<String> rowsOf(String tenant) {
        List<String> rows = new ArrayList<>();
        var tables = pool.query("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND column_name = 'tenant'").execute().await().indefinitely();
        tables.forEach(table -> pool.preparedQuery("SELECT to_jsonb(t)::text FROM " + table.getString(0) + " t WHERE tenant = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().forEach(row -> rows.add(table.getString(0) + " " + row.getString(0))));
        // the rows keyed by an order or a shipment only (lines of a shipment)
        pool.preparedQuery("SELECT to_jsonb(l)::text FROM shipment_line l JOIN shipment s ON s.id = l.shipment_id WHERE s.tenant = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().forEach(row -> rows.add("shipment_line " + row.getString(0)));
        return rows;
    }

    private static boolean personal(String text) {
        return text.contains("Zelda") || text.contains("Quixote") || text.contains(STREET) || text.contains(EMAIL)
                || text.contains(PHONE) || text.contains("99123");
    }

    @Test
    void aCustomersDataIsExportedThenErasedEverywhereWhileTheWarehouseRecordStays() {
        long base = 7_100_000_000_000L + System.nanoTime() % 1_000_000_000L;
        long first = base;
        long second = base + 1;
        long someoneElse = base + 2;
        String t1 = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        OrderEvents.publish(kafka, "privy", "orders/create", first, order(first, t1, true));
        OrderEvents.publish(kafka, "privy", "orders/create", second, order(second, t1, true));
        OrderEvents.publish(kafka, "privy", "orders/create", someoneElse, order(someoneElse, t1, false));
        // another tenant's order with the same Shopify id: never touched by this tenant's requests
        OrderEvents.publish(kafka, "privy-other", "orders/create", first, order(first, t1, true));
        // a delivery that could not be read, quoting the customer: a dead letter with her email in its body
        OrderEvents.publish(kafka, "privy", "orders/create", base + 3,
                ("{\"id\":\"not a number\",\"email\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8));
        String shipped = imported("privy", first);
        imported("privy", second);
        String kept = imported("privy", someoneElse);
        String elsewhere = imported("privy-other", first);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM dead_letter WHERE tenant = 'privy' "
                + "AND position('" + EMAIL + "'::bytea IN body) > 0") == 1);

        String worker = TestTokens.user("privy", "warehouse");
        given().auth().oauth2(worker).post("/api/privy/orders/" + shipped + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).post("/api/privy/orders/" + shipped + "/pack").then().statusCode(200);
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "tracking_number", "1ZPRIVY"))
                .post("/api/privy/orders/" + shipped + "/ship").then().statusCode(200);

        // customers/data_request: an export of what the queue holds of her, for the owner only
        String owner = TestTokens.user("privy", "owner");
        privacy("privy", "customers/data_request", "dr-1", customer("orders_requested", first, second, 42L));
        String export = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(owner)
                .get("/api/privy/privacy/data-requests").then().statusCode(200).extract().jsonPath()
                .getString("exports[0].id"), java.util.Objects::nonNull);
        given().auth().oauth2(worker).get("/api/privy/privacy/data-requests/" + export).then().statusCode(403);
        given().auth().oauth2(TestTokens.user("privy-other", "owner")).get("/api/privy-other/privacy/data-requests/" + export)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(owner).get("/api/privy/privacy/data-requests/" + export).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("data_request_id", equalTo(9001))
                .body("orders", hasSize(2))
                .body("orders_not_held", equalTo(List.of(42)))
                .body("orders.find { it.shopify_order_id == " + first + " }.shipping_address.name", equalTo(NAME))
                .body("orders.find { it.shopify_order_id == " + first + " }.shipments[0].tracking_number", equalTo("1ZPRIVY"));

        // customers/redact, delivered twice: erased once, recorded once
        privacy("privy", "customers/redact", "cr-1", customer("orders_to_redact", first, second));
        privacy("privy", "customers/redact", "cr-1", customer("orders_to_redact", first, second));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM privacy_request WHERE tenant = 'privy' AND webhook_id = 'cr-1' AND outcome = 'erased'") == 1);
        given().auth().oauth2(owner).get("/api/privy/orders/" + shipped).then().statusCode(200)
                .body("shipping_address.name", nullValue())
                .body("shipping_address.address1", nullValue())
                .body("shipping_address.phone", nullValue())
                .body("shipping_address.country_code", equalTo("CA"))
                .body("personal_data_erased_at", notNullValue())
                .body("shopify_order_number", notNullValue())
                .body("items[0].sku", equalTo("WIND-1"))
                .body("shipments[0].tracking_number", equalTo("1ZPRIVY"));
        given().auth().oauth2(owner).get("/api/privy/orders/" + kept).then().body("personal_data_erased_at", nullValue());
        given().auth().oauth2(TestTokens.user("privy-other", "owner")).get("/api/privy-other/orders/" + elsewhere)
                .then().body("shipping_address.name", equalTo(NAME));
        List<String> left = rowsOf("privy").stream().filter(PrivacyTest::personal).toList();
        assertEquals(List.of(), left, "the customer's personal data left in order-service's tables");
        given().auth().oauth2(owner).get("/api/privy/privacy/requests").then().statusCode(200)
                .body("requests.find { it.webhook_id == 'cr-1' }.orders", equalTo(2))
                .body("requests.find { it.webhook_id == 'dr-1' }.outcome", equalTo("exported"));
        given().auth().oauth2(worker).get("/api/privy/privacy/requests").then().statusCode(403);

        // a later delivery of the order, with the address as Shopify still sends it, does not bring it back
        OrderEvents.publish(kafka, "privy", "orders/updated", second,
                order(second, OffsetDateTime.now(ZoneOffset.UTC).toString(), true));
        String secondId = imported("privy", second);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM processed_delivery WHERE tenant = 'privy' "
                + "AND topic = 'orders/updated'") == 1);
        given().auth().oauth2(owner).get("/api/privy/orders/" + secondId).then().body("shipping_address.name", nullValue());

        // shop/redact: the store is gone from this service; the record of what was done stays, the other tenant too
        privacy("privy", "shop/redact", "sr-1", "{\"shop_id\":1,\"shop_domain\":\"privy.myshopify.com\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM privacy_request WHERE tenant = 'privy' AND webhook_id = 'sr-1'") == 1);
        List<String> rest = rowsOf("privy").stream().filter(row -> !row.startsWith("privacy_request ")).toList();
        assertEquals(List.of(), rest);
        assertFalse(rowsOf("privy").stream().anyMatch(PrivacyTest::personal));
        assertTrue(count("SELECT count(*) FROM shop_order WHERE tenant = 'privy-other'") >= 1);
    }

    @Test
    void theRetentionPassErasesFinishedOrdersAfterTheirTimeAndNothingElse() throws Throwable {
        long finished = 7_200_000_000_000L + System.nanoTime() % 1_000_000_000L;
        long open = finished + 1;
        String t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        OrderEvents.publish(kafka, "aged", "orders/create", finished, order(finished, t, true));
        OrderEvents.publish(kafka, "aged", "orders/create", open, order(open, t, true));
        String shipped = imported("aged", finished);
        String waiting = imported("aged", open);
        String worker = TestTokens.user("aged", "warehouse");
        given().auth().oauth2(worker).post("/api/aged/orders/" + shipped + "/pick").then().statusCode(200);
        given().auth().oauth2(worker).post("/api/aged/orders/" + shipped + "/pack").then().statusCode(200);
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("carrier", "DHL", "tracking_number", "JD0001"))
                .post("/api/aged/orders/" + shipped + "/ship").then().statusCode(200);
        // both last changed 91 days ago; only the shipped one is done with
        pool.preparedQuery("UPDATE shop_order SET updated_at = now() - interval '91 days' WHERE tenant = 'aged'")
                .execute().await().indefinitely();

        RetentionPass.Result result = VertxContextSupport.subscribeAndAwait(retention::run);
        assertTrue(result.orders() >= 1, result.toString());
        String owner = TestTokens.user("aged", "owner");
        given().auth().oauth2(owner).get("/api/aged/orders/" + shipped).then()
                .body("shipping_address.name", nullValue()).body("personal_data_erased_at", notNullValue())
                .body("shipments[0].tracking_number", equalTo("JD0001"));
        given().auth().oauth2(owner).get("/api/aged/orders/" + waiting).then().body("shipping_address.name", equalTo(NAME));
        given().auth().oauth2(owner).get("/api/aged/privacy/requests").then()
                .body("requests.find { it.topic == 'retention' }.orders", equalTo(1));
        // a second pass finds nothing more
        assertEquals(0, VertxContextSupport.subscribeAndAwait(retention::run).orders());
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
