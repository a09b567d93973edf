package com.proign.shopify.integration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.support.IntegrationServiceTest;
import com.proign.shopify.integration.support.Stores;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Every path a secret takes through the service, both credential kinds, then a sweep: no secret in any log line
 * (this service logs at DEBUG in tests), in any answer of the tenant API, in any record it put on Kafka, or in
 * any column of its database. Only the internal endpoints hand secrets out, to services, by design.
 */
@IntegrationServiceTest
class NoSecretsAnywhereTest {

    private static final String ADMIN_TOKEN = "shpat_sweep0admin0token";
    private static final String API_SECRET = "sweep-api-secret-key-0001";
    private static final String NEW_API_SECRET = "sweep-api-secret-key-0002";
    private static final String CLIENT_SECRET = "shpss_sweep0client0secret";
    private static final String WRONG_SECRET = "shpss_sweep0wrong0secret";

    @Inject
    Pool pool;

    /** Collects every log record of the application while the test runs. */
    static final class Capture extends Handler {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder(record.getLoggerName()).append(' ').append(message);
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretInLogsApiAnswersKafkaOrDatabase() {
        Capture logs = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(logs);
        List<String> answers = new ArrayList<>();
        try {
            exercise(answers);
        } finally {
            root.removeHandler(logs);
        }
        List<String> secrets = new ArrayList<>(List.of(ADMIN_TOKEN, API_SECRET, NEW_API_SECRET, CLIENT_SECRET, WRONG_SECRET));
        secrets.addAll(Stores.mintedTokens("sweep-dash.myshopify.com"));
        assertTrue(secrets.size() >= 7, "the client-credentials store minted and renewed tokens: " + secrets);

        assertTrue(logs.lines.size() > 10, "the application logged: " + logs.lines.size());
        List<String> kafkaRecords = kafkaRecords();
        assertTrue(kafkaRecords.stream().anyMatch(r -> r.contains("sweep-admin")), "states were published");
        List<String> rows = databaseRows();
        assertTrue(rows.stream().anyMatch(r -> r.contains("sweep-dash")), "rows were read");

        for (String secret : secrets) {
            assertNowhere(secret, "log line", logs.lines);
            assertNowhere(secret, "API answer", answers);
            assertNowhere(secret, "Kafka record", kafkaRecords);
            assertNowhere(secret, "database row", rows);
        }
    }

    private static void assertNowhere(String secret, String where, List<String> texts) {
        List<String> leaks = texts.stream().filter(t -> t.contains(secret)).toList();
        assertEquals(List.of(), leaks, "a secret appears in a " + where);
    }

    private void exercise(List<String> answers) {
        String admin = TestTokens.user("sweep-admin", "owner");
        String dash = TestTokens.user("sweep-dash", "owner");
        Stores.withToken("sweep-admin.myshopify.com", ADMIN_TOKEN, Stores.CORE_SCOPES);
        Stores.withClientCredentials("sweep-dash.myshopify.com", "sweep-client", CLIENT_SECRET, 8);

        // admin-made app: connect, rotate its secret, test, settings, read back, disconnect
        answers.add(call(admin, "POST", "/api/sweep-admin/integrations/shopify",
                Map.of("shop_domain", "sweep-admin.myshopify.com", "access_token", ADMIN_TOKEN, "api_secret_key", API_SECRET), 200));
        answers.add(call(admin, "POST", "/api/sweep-admin/integrations/shopify",
                Map.of("shop_domain", "sweep-admin.myshopify.com", "access_token", ADMIN_TOKEN, "api_secret_key", NEW_API_SECRET), 200));
        answers.add(call(admin, "POST", "/api/sweep-admin/integrations/shopify/test", Map.of(), 200));
        answers.add(call(admin, "POST", "/api/sweep-admin/integrations/shopify/test",
                Map.of("shop_domain", "sweep-admin.myshopify.com", "access_token", ADMIN_TOKEN), 200));
        answers.add(call(admin, "PUT", "/api/sweep-admin/integrations/shopify/settings", Map.of("order_status_filter", "any"), 200));
        answers.add(call(admin, "GET", "/api/sweep-admin/integrations/shopify/settings", null, 200));
        answers.add(call(admin, "GET", "/api/sweep-admin/integrations/shopify", null, 200));
        answers.add(call(admin, "POST", "/api/sweep-admin/integrations/shopify",
                Map.of("shop_domain", "sweep-admin.myshopify.com", "access_token", ADMIN_TOKEN), 400));
        answers.add(call(admin, "DELETE", "/api/sweep-admin/integrations/shopify", null, 204));
        answers.add(call(admin, "GET", "/api/sweep-admin/integrations/shopify", null, 200));

        // Dev Dashboard app: a refused secret, then connect, renewal, test, and an uninstall
        answers.add(call(dash, "POST", "/api/sweep-dash/integrations/shopify",
                Map.of("shop_domain", "sweep-dash.myshopify.com", "client_id", "sweep-client", "client_secret", WRONG_SECRET), 422));
        answers.add(call(dash, "POST", "/api/sweep-dash/integrations/shopify/test",
                Map.of("shop_domain", "sweep-dash.myshopify.com", "client_id", "sweep-client", "client_secret", WRONG_SECRET), 200));
        answers.add(call(dash, "POST", "/api/sweep-dash/integrations/shopify",
                Map.of("shop_domain", "sweep-dash.myshopify.com", "client_id", "sweep-client", "client_secret", CLIENT_SECRET), 200));
        String first = Stores.mintedTokens("sweep-dash.myshopify.com").get(0);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            // the internal endpoint renews once due (its answer carries the token by design, so it is not swept)
            String token = given().auth().oauth2(TestTokens.service("sync-service"))
                    .get("/internal/tenants/sweep-dash/shopify-access").then().statusCode(200).extract().path("access_token");
            return !token.equals(first);
        });
        answers.add(call(dash, "POST", "/api/sweep-dash/integrations/shopify/test", Map.of(), 200));
        answers.add(call(dash, "GET", "/api/sweep-dash/integrations/shopify", null, 200));
        uninstall("sweep-dash", "sweep-dash.myshopify.com");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(dash)
                .get("/api/sweep-dash/integrations/shopify").then().body("status", equalTo("disconnected")));
        answers.add(call(dash, "GET", "/api/sweep-dash/integrations/shopify", null, 200));
        answers.add(call(TestTokens.user("sweep-dash", "member"), "POST", "/api/sweep-dash/integrations/shopify",
                Map.of("shop_domain", "sweep-dash.myshopify.com", "client_id", "sweep-client", "client_secret", CLIENT_SECRET), 403));
    }

    private static String call(String token, String method, String path, Map<String, String> body, int status) {
        var request = given().auth().oauth2(token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        Response response = request.request(method, path);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.asString());
        return response.headers().toString() + "\n" + response.asString();
    }

    private void uninstall(String tenant, String shop) {
        try (KafkaCompanion kafka = companion()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_id", ("sweep-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            headers.add("ce_time", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toString().getBytes(StandardCharsets.UTF_8));
            headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_shopdomain", shop.getBytes(StandardCharsets.UTF_8));
            headers.add("ce_shopifytopic", "app/uninstalled".getBytes(StandardCharsets.UTF_8));
            kafka.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>("shopify.app", null, tenant, "{}".getBytes(StandardCharsets.UTF_8), headers))
                    .awaitCompletion(Duration.ofSeconds(20));
        }
    }

    private static KafkaCompanion companion() {
        return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Every record the service published: tenants' states, and anything it dead-lettered. */
    private static List<String> kafkaRecords() {
        try (KafkaCompanion kafka = companion()) {
            List<String> records = new ArrayList<>();
            for (String topic : List.of("integration.settings", "integration-service.dlq")) {
                var task = kafka.consume(String.class, String.class)
                        .withOffsetReset(OffsetResetStrategy.EARLIEST)
                        .withGroupId("sweep-" + System.nanoTime())
                        .fromTopics(topic, Duration.ofSeconds(5));
                task.awaitCompletion(Duration.ofSeconds(30));
                task.getRecords().forEach(r -> records.add(r.key() + " " + r.value() + " " + r.headers()));
            }
            return records;
        }
    }

    /** Every row of every table of the service's schema, as text: what a dump would show. */
    private List<String> databaseRows() {
        List<String> tables = new ArrayList<>();
        pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
                .execute().await().indefinitely().forEach(row -> tables.add(row.getString(0)));
        assertTrue(tables.contains("shop_connection") && tables.contains("shop_settings"), tables.toString());
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            for (Row row : pool.query("SELECT t::text FROM \"" + table + "\" t").execute().await().indefinitely()) {
                rows.add(table + " " + row.getString(0));
            }
        }
        return rows;
    }
}
