package com.proign.shopify.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A customer's privacy, the way Shopify asks for it: the customer's orders reach the queue and one ships; the
 * merchant's data request becomes an export the owner fetches; the redaction request leaves none of the customer's
 * personal data in any table of any service (every database dumped and searched) or in any service's log, while the
 * warehouse's record (order number, SKUs, tracking) remains.
 */
@ExtendWith(LocalSuite.class)
class PrivacyIT {

    @Test
    void aRedactedCustomerLeavesNoPersonalDataInTheSuiteAndTheWarehouseRecordStays() throws Exception {
        String shopify = LocalSuite.env("SHOPIFY_URL");
        String orders = LocalSuite.env("ORDERS_URL");
        String token = LocalSuite.env("TOKEN");
        String sim = "/_sim/stores/" + LocalSuite.env("SHOP_DOMAIN");
        // what identifies this run's customer, and nobody else in the suite
        String mark = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String last = "Quixotl" + mark.replaceAll("[0-9]", "x");
        String email = "privacy." + mark + "@example.com";
        String phone = "+1 555 " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        Map<String, Object> customer = Map.of("email", email, "first_name", "Zelda", "last_name", last, "phone", phone);
        Map<String, Object> body = Map.of("financial_status", "paid", "shippable", true, "customer", customer);
        long shippedInShopify = given().baseUri(shopify).contentType(ContentType.JSON).body(body).post(sim + "/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long waitingInShopify = given().baseUri(shopify).contentType(ContentType.JSON).body(body).post(sim + "/orders")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String shipped = queued(orders, token, shippedInShopify);
        String waiting = queued(orders, token, waitingInShopify);
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + waiting).then()
                .body("shipping_address.name", equalTo("Zelda " + last));

        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + shipped + "/pick").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).post("/api/demo/orders/" + shipped + "/pack").then().statusCode(200);
        given().baseUri(orders).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "tracking_number", "1ZPRIV" + mark.toUpperCase()))
                .post("/api/demo/orders/" + shipped + "/ship").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + shipped).then()
                .body("shipments[0].sync_status", equalTo("synced")));

        // the merchant forwards the customer's data request: an export for the owner, and a log line that it is ready
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("email", email))
                .post(sim + "/customers/data_request").then().statusCode(202);
        String export = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Map<String, Object> e : given().baseUri(orders).auth().oauth2(token).get("/api/demo/privacy/data-requests")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("exports")) {
                String document = given().baseUri(orders).auth().oauth2(token)
                        .get("/api/demo/privacy/data-requests/" + e.get("id")).asString();
                if (document.contains(last)) {
                    return (String) e.get("id");
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        JsonPath document = given().baseUri(orders).auth().oauth2(token).get("/api/demo/privacy/data-requests/" + export)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, document.getList("orders").size());
        assertEquals(phone, document.getString("orders[0].shipping_address.phone"));
        assertTrue(logs().stream().anyMatch(line -> line.contains("customers/data_request") && line.contains("is ready")
                && line.contains(export)), "the log says the export is ready");

        // what the warehouse keeps, as it is before the redaction (some lines have no SKU: gift cards, wrapping)
        JsonPath before = given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + shipped).then().statusCode(200)
                .extract().jsonPath();

        // the sweep below finds the customer where the suite holds them
        assertTrue(dump("orders").contains(last) && dump("orders").contains(phone), "the sweep sees the customer's data");

        // the redaction request, and how long until every service has applied it
        long asked = System.nanoTime();
        given().baseUri(shopify).contentType(ContentType.JSON).body(Map.of("email", email))
                .post(sim + "/customers/redact").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + waiting).then()
                .body("personal_data_erased_at", notNullValue()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> dump("sync").contains("customers/redact")
                && dump("integration").contains("customers/redact"));
        System.out.printf("PrivacyIT: customers/redact applied by every service %d ms after Shopify sent it%n",
                Duration.ofNanos(System.nanoTime() - asked).toMillis());

        // nothing of the customer in any table of any service, nor in any service's log
        List<String> found = new ArrayList<>();
        for (String service : List.of("orders", "sync", "integration")) {
            String data = dump(service);
            for (String personal : List.of(last, email, phone, hex(email), hex(last))) {
                if (data.contains(personal)) {
                    found.add(personal + " in the " + service + " database");
                }
            }
        }
        for (String line : logs()) {
            if (line.contains(last) || line.contains(email) || line.contains(phone)) {
                found.add("a log line: " + line);
            }
        }
        assertEquals(List.of(), found);
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/privacy/data-requests/" + export).then().statusCode(404);

        // what the warehouse must keep
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/orders/" + shipped).then().statusCode(200)
                .body("shopify_order_number", equalTo(before.getString("shopify_order_number")))
                .body("items.sku", equalTo(before.getList("items.sku")))
                .body("items.quantity", equalTo(before.getList("items.quantity")))
                .body("shipments[0].tracking_number", equalTo("1ZPRIV" + mark.toUpperCase()))
                .body("shipping_address.name", nullValue())
                .body("shipping_address.country_code", notNullValue());
        given().baseUri(orders).auth().oauth2(token).get("/api/demo/privacy/requests").then().statusCode(200)
                .body("requests.find { it.topic == 'customers/redact' }.orders", equalTo(2))
                .body("requests.find { it.topic == 'customers/redact' }.erased", containsString("ship-to"));
    }

    private static String queued(String orders, String token, long shopifyId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> JsonPath.from(
                given().baseUri(orders).auth().oauth2(token).queryParam("shopify_order_id", shopifyId)
                        .get("/api/demo/orders").asString()).getString("orders[0].id"), found -> found != null);
    }

    /** How a bytea column shows the text in a dump (hex). */
    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every row of the service's database, as pg_dump writes it (data only). */
    private static String dump(String service) throws IOException, InterruptedException {
        String database = service + "_e2e";
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--data-only", "--no-owner", "-h", "127.0.0.1", "-p", "5432",
                "-U", database, database).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", Files.readString(LocalSuite.runDir().resolve("secrets/db-password")).strip());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_dump of " + database + " failed: " + out);
        }
        return out;
    }

    /** The lines of every service's log of this run (the stand-in's, which is Shopify's side, left out). */
    private static List<String> logs() {
        try (Stream<Path> files = Files.list(LocalSuite.runDir().resolve("logs"))) {
            List<String> lines = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")
                    && !f.getFileName().toString().startsWith("shopify-standin")).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
