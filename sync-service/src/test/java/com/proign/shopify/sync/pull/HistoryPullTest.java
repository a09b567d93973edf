package com.proign.shopify.sync.pull;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.proign.shopify.sync.support.IntegrationServiceStub;
import com.proign.shopify.sync.support.SyncServiceTest;
import com.proign.shopify.testinfra.ShopifyStandIn;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** History pulls against the stand-in: every order of the range onto shopify.orders, paced, resumable, cancellable. */
@SyncServiceTest
class HistoryPullTest {

    @Inject
    Pool pool;

    KafkaCompanion kafka;
    ConsumerTask<String, byte[]> pulled;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        pulled = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("pulled-" + UUID.randomUUID()).fromTopics("shopify.orders");
    }

    @AfterEach
    void close() {
        pulled.close();
        kafka.close();
    }

    /** A connected store with {@code count} orders created over the last {@code days} days. */
    private void store(String tenant, String plan, String scopes, int count, int days) {
        String shop = tenant + ".myshopify.com";
        // ids beyond 2^53 on purpose: the pull must carry them whole
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_" + tenant + "\",\"plan\":\""
                + plan + "\",\"large_ids\":true" + (scopes == null ? "" : ",\"scopes\":" + scopes) + "}");
        ShopifyStandIn.post("/_sim/stores/" + shop + "/orders/generate", "{\"count\":" + count + ",\"seed\":5,\"created_from\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).minusDays(days) + "\"}");
        IntegrationServiceStub.access(tenant, shop, "shpat_" + tenant);
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                "{\"tenant\":\"" + tenant + "\",\"version\":1,\"connection_status\":\"connected\",\"shop_domain\":\"" + shop
                        + "\",\"order_status_filter\":\"any\",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,"
                        + "\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM tenant_settings WHERE tenant = $1", tenant) == 1);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    private Set<Long> pulledOrders(String tenant) {
        return pulled.getRecords().stream().filter(r -> r.key().startsWith(tenant + ":"))
                .map(r -> Long.parseLong(r.key().substring(tenant.length() + 1))).collect(Collectors.toSet());
    }

    private static String start(String tenant, String from, String to) {
        return given().auth().oauth2(TestTokens.user(tenant, "admin")).contentType(ContentType.JSON)
                .body(Map.of("from_date", from, "to_date", to, "status", "any"))
                .post("/api/" + tenant + "/sync/shopify").then().statusCode(202)
                .header("Location", containsString("/api/" + tenant + "/sync/jobs/"))
                .body("status", equalTo("queued")).extract().path("job_id");
    }

    private static JsonPath awaitJob(String tenant, String job, String status) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> JsonPath.from(
                given().auth().oauth2(TestTokens.user(tenant, "member")).get("/api/" + tenant + "/sync/jobs/" + job).asString()),
                j -> status.equals(j.getString("status")));
    }

    @Test
    void pullsEveryOrderOfTheRangeIntoTheWebhooksPath() {
        store("hist", "plus", null, 120, 20);
        // one order of more lines than a page of orders reads with each (10), and than a page of its lines (100)
        long big = JsonPath.from(ShopifyStandIn.graphql("shpat_hist", "{\"query\":\"{ orders(first: 1) { nodes { legacyResourceId } } }\"}"))
                .getLong("data.orders.nodes[0].legacyResourceId");
        List<Map<String, Object>> added = java.util.stream.IntStream.rangeClosed(1, 112).mapToObj(i -> Map.<String, Object>of(
                "title", "Part " + i, "sku", "PART-" + i, "quantity", 1, "price", "1.00")).toList();
        int lines = given().baseUri(ShopifyStandIn.url()).contentType(ContentType.JSON).body(Map.of("add", added))
                .post("/_sim/stores/hist.myshopify.com/orders/" + big + "/edit").then().statusCode(200)
                .extract().jsonPath().getList("line_items").size();
        assertTrue(lines > 112, "lines: " + lines);
        String job = start("hist", LocalDate.now().minusDays(30).toString(), LocalDate.now().toString());
        JsonPath done = awaitJob("hist", job, "completed");
        assertEquals(120, done.getInt("orders_seen"));
        assertTrue(done.getInt("pages") >= 120 / 21, done.prettify());
        assertEquals(100.0, done.getDouble("percent"));
        given().auth().oauth2(TestTokens.user("hist", "member")).queryParam("kind", "job").get("/api/hist/sync/logs").then()
                .body("logs.find { it.ref == '" + job + "' && it.message.startsWith('pulled') }.message",
                        containsString("pulled 120 order(s)"));
        given().auth().oauth2(TestTokens.user("hist", "member")).get("/api/hist/sync/status").then()
                .body("connection_status", equalTo("connected"))
                .body("recent_jobs[0].job_id", equalTo(job));
        await().atMost(Duration.ofSeconds(30)).until(() -> pulledOrders("hist").size() == 120);

        ConsumerRecord<String, byte[]> record = pulled.getRecords().stream().filter(r -> r.key().startsWith("hist:")).findFirst().orElseThrow();
        assertEquals("hist", new String(record.headers().lastHeader("ce_tenant").value(), StandardCharsets.UTF_8));
        assertEquals("orders/updated", new String(record.headers().lastHeader("ce_shopifytopic").value(), StandardCharsets.UTF_8));
        assertTrue(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8).startsWith("pull:"));
        JsonPath body = JsonPath.from(new String(record.value(), StandardCharsets.UTF_8));
        assertTrue(body.getLong("id") > (1L << 53) && body.getString("updated_at") != null && body.getList("line_items").size() > 0,
                body.prettify());
        assertTrue(body.getString("financial_status").equals(body.getString("financial_status").toLowerCase()));

        JsonPath whole = JsonPath.from(new String(pulled.getRecords().stream().filter(r -> r.key().equals("hist:" + big))
                .findFirst().orElseThrow().value(), StandardCharsets.UTF_8));
        assertEquals(lines, whole.getList("line_items").size());
        assertEquals(lines, whole.getList("line_items.id").stream().distinct().count());
        assertTrue(whole.getList("line_items.sku").containsAll(List.of("PART-1", "PART-100", "PART-112")));
    }

    @Test
    void aRangeOlderThanSixtyDaysWithoutReadAllOrdersFailsSayingSo() {
        store("recent", "standard", "[\"read_orders\",\"read_locations\"]", 10, 10);
        String job = start("recent", LocalDate.now().minusDays(90).toString(), LocalDate.now().toString());
        JsonPath failed = awaitJob("recent", job, "failed");
        assertTrue(failed.getString("error").contains("read_all_orders"), failed.getString("error"));
        assertEquals(0, failed.getInt("orders_seen"));
    }

    @Test
    void aJobWhoseInstanceStoppedResumesFromItsLastPage() {
        store("resume", "plus", null, 60, 10);
        // a job some instance ran until its first page of 21, saved the cursor, and stopped (its lease lapsed)
        String query = "created_at:>='" + LocalDate.now().minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC) + "' created_at:<='"
                + LocalDate.now().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) + "' status:any";
        String page = ShopifyStandIn.graphql("shpat_resume", "{\"query\":\"query($q: String) { orders(first: 21, query: $q, "
                + "sortKey: CREATED_AT) { pageInfo { endCursor } nodes { legacyResourceId } } }\",\"variables\":{\"q\":\"" + query + "\"}}");
        String cursor = JsonPath.from(page).getString("data.orders.pageInfo.endCursor");
        UUID job = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO sync_job (id, tenant, kind, status, from_date, to_date, order_status, page_cursor, page_size,"
                + " pages, orders_seen, lease_until, created_at, started_at, updated_at) VALUES ($1, 'resume', 'manual', 'running',"
                + " $2, $3, 'any', $4, 21, 1, 21, now() - interval '1 minute', now(), now(), now())")
                .execute(Tuple.of(job, LocalDate.now().minusDays(30).atStartOfDay().atOffset(ZoneOffset.UTC),
                        LocalDate.now().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), cursor))
                .await().indefinitely();

        JsonPath done = awaitJob("resume", job.toString(), "completed");
        assertEquals(60, done.getInt("orders_seen"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pulledOrders("resume").size() == 39);
        Set<Long> firstPage = JsonPath.from(page).<String>getList("data.orders.nodes.legacyResourceId")
                .stream().map(Long::parseLong).collect(Collectors.toSet());
        assertTrue(pulledOrders("resume").stream().noneMatch(firstPage::contains), "the first page is not pulled again");
    }

    /** THROTTLED answers this service got so far (all tests share the application). */
    private static double throttled() {
        return given().get("/q/metrics").asString().lines().filter(l -> l.startsWith("shopify_throttled_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aThrottledStoreIsRetriedUntilItsPagesGoThrough() throws InterruptedException {
        store("busy", "standard", null, 200, 20);
        double before = throttled();
        // another process of the app drains the store's bucket (it is per app and store): this service's first
        // page finds it empty whatever it knew, is answered THROTTLED, waits for the refill and tries again
        String heavy = "{\"query\":\"{ orders(first: 40) { nodes { id lineItems(first: 20) { nodes { id } } } } }\"}";
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread drainer = new Thread(() -> {
            while (!stop.get()) {
                ShopifyStandIn.graphql("shpat_busy", heavy);
            }
        });
        drainer.start();
        String job;
        try {
            job = start("busy", LocalDate.now().minusDays(30).toString(), LocalDate.now().toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> throttled() > before);
        } finally {
            stop.set(true);
            drainer.join();
        }
        JsonPath done = awaitJob("busy", job, "completed");
        assertEquals(200, done.getInt("orders_seen"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pulledOrders("busy").size() == 200);
    }

    @Test
    void aStandardStoreIsPacedWithoutBeingThrottledAndAJobCanBeCancelled() {
        store("slow", "standard", null, 400, 20);
        double throttledBefore = throttled();
        String job = start("slow", LocalDate.now().minusDays(30).toString(), LocalDate.now().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> JsonPath.from(given().auth().oauth2(TestTokens.user("slow", "member"))
                .get("/api/slow/sync/jobs/" + job).asString()).getInt("pages") >= 2);
        given().auth().oauth2(TestTokens.user("slow", "member")).post("/api/slow/sync/jobs/" + job + "/cancel").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("slow", "owner")).post("/api/slow/sync/jobs/" + job + "/cancel").then().statusCode(202);
        JsonPath cancelled = awaitJob("slow", job, "cancelled");
        assertTrue(cancelled.getInt("orders_seen") < 400, cancelled.prettify());
        assertEquals(throttledBefore, throttled(), "no THROTTLED answer: the client waited for the bucket instead");
    }

    /**
     * Each status a merchant can ask for (the help page's words) selects the orders Shopify's search selects for it:
     * a store of seven orders per filter, each pulled once, compared with what the orders are.
     */
    @Test
    void everyStatusAMerchantMeansSelectsItsOrders() {
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("any", List.of("open-paid", "authorized", "fulfilled", "partial", "pending", "cancelled", "partially-paid"));
        expected.put("open", List.of("open-paid", "authorized", "fulfilled", "partial", "pending", "partially-paid"));
        expected.put("closed", List.of());
        expected.put("cancelled", List.of("cancelled"));
        expected.put("unfulfilled", List.of("open-paid", "authorized", "pending", "partially-paid"));
        expected.put("partially_fulfilled", List.of("partial"));
        expected.put("fulfilled", List.of("fulfilled"));
        expected.put("unpaid", List.of("authorized", "partially-paid"));
        expected.put("paid", List.of("open-paid", "fulfilled", "partial", "cancelled"));
        Map<String, Map<String, Long>> stores = new java.util.HashMap<>();
        Map<String, String> jobs = new java.util.HashMap<>();
        for (String status : expected.keySet()) {
            String tenant = "flt-" + status.replace('_', '-');
            store(tenant, "plus", null, 1, 1);
            String shop = "/_sim/stores/" + tenant + ".myshopify.com/orders";
            Map<String, Long> orders = new java.util.HashMap<>();
            orders.put("open-paid", created(shop, "{\"financial_status\":\"paid\"}"));
            orders.put("authorized", created(shop, "{\"financial_status\":\"authorized\"}"));
            orders.put("fulfilled", shippable(shop, "\"financial_status\":\"paid\",\"fulfilled\":\"all\""));
            orders.put("partial", shippable(shop, "\"financial_status\":\"paid\",\"fulfilled\":\"partial\""));
            orders.put("pending", created(shop, "{\"financial_status\":\"pending\"}"));
            orders.put("cancelled", created(shop, "{\"financial_status\":\"paid\"}"));
            ShopifyStandIn.post(shop + "/" + orders.get("cancelled") + "/cancel", "{}");
            orders.put("partially-paid", created(shop, "{\"financial_status\":\"partially_paid\"}"));
            stores.put(status, orders);
            jobs.put(status, given().auth().oauth2(TestTokens.user(tenant, "admin")).contentType(ContentType.JSON)
                    .body(Map.of("from_date", LocalDate.now().minusDays(3).toString(), "status", status))
                    .post("/api/" + tenant + "/sync/shopify").then().statusCode(202).body("order_status", equalTo(status))
                    .extract().path("job_id"));
        }
        for (var filter : expected.entrySet()) {
            String tenant = "flt-" + filter.getKey().replace('_', '-');
            awaitJob(tenant, jobs.get(filter.getKey()), "completed");
            Map<String, Long> orders = stores.get(filter.getKey());
            Set<Long> wanted = filter.getValue().stream().map(orders::get).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> pulledOrders(tenant).containsAll(wanted));
            Set<Long> pulledOfOurs = pulledOrders(tenant).stream().filter(orders::containsValue).collect(Collectors.toSet());
            assertEquals(wanted, pulledOfOurs, filter.getKey() + " pulled " + pulledOfOurs + " of " + orders);
        }
    }

    @Test
    void aPullSaysHowManyEnteredTheQueueAndWhatTheFilterHeldBack() {
        store("tally", "plus", null, 1, 1);
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", "tally",
                "{\"tenant\":\"tally\",\"version\":2,\"connection_status\":\"connected\",\"shop_domain\":\"tally.myshopify.com\","
                        + "\"order_status_filter\":\"paid\",\"auto_sync_interval_minutes\":60,\"inventory_sync\":false,"
                        + "\"notify_customer\":true}")).awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM tenant_settings WHERE tenant = $1 "
                + "AND order_status_filter = 'paid'", "tally") == 1);
        String shop = "/_sim/stores/tally.myshopify.com/orders";
        created(shop, "{\"financial_status\":\"paid\"}");
        created(shop, "{\"financial_status\":\"paid\"}");
        created(shop, "{\"financial_status\":\"pending\"}");
        created(shop, "{\"financial_status\":\"authorized\"}");
        ShopifyStandIn.post(shop + "/" + created(shop, "{\"financial_status\":\"paid\"}") + "/cancel", "{}");

        String job = start("tally", LocalDate.now().minusDays(3).toString(), LocalDate.now().toString());
        JsonPath done = awaitJob("tally", job, "completed");
        assertEquals(6, done.getInt("orders_seen"));
        assertEquals(6, done.getInt("orders_queued") + done.getInt("orders_filtered") + done.getInt("orders_cancelled"));
        assertTrue(done.getInt("orders_queued") >= 2 && done.getInt("orders_filtered") >= 2
                && done.getInt("orders_cancelled") == 1, done.prettify());
        assertEquals("paid", done.getString("order_filter"));
        // the job's own line (connecting also pulled the catalogue, whose line may come before or after it)
        String jobLine = "logs.find { it.message.startsWith('pulled') && it.message.contains('order(s)') }.message";
        given().auth().oauth2(TestTokens.user("tally", "member")).queryParam("kind", "job").get("/api/tally/sync/logs").then()
                .body(jobLine, containsString("pulled 6 order(s)"))
                .body(jobLine, containsString(done.getInt("orders_queued") + " entered the queue"))
                .body(jobLine, containsString(done.getInt("orders_filtered") + " held back by the order status filter 'paid'"))
                .body(jobLine, containsString("1 cancelled in Shopify"));
    }

    /** An order with a line to ship (the generator now and then makes one of a gift card only), made with FIELDS. */
    private static long shippable(String path, String fields) {
        for (int seed = 1; seed < 50; seed++) {
            try {
                return created(path, "{\"seed\":" + seed + "," + fields + "}");
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("a line to ship")) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("no seed made an order with a line to ship");
    }

    private static long created(String path, String body) {
        return JsonPath.from(ShopifyStandIn.post(path, body)).getLong("id");
    }

    @Test
    void badRequestsAreNamedAndOtherTenantsKeptOut() {
        String admin = TestTokens.user("hist", "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("to_date", "2026-10-01"))
                .post("/api/hist/sync/shopify").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("from_date"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("from_date", "2026-10-02", "to_date", "2026-10-01"))
                .post("/api/hist/sync/shopify").then().statusCode(400).body("field", equalTo("to_date"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("from_date", "2026-10-01", "status", "shipped"))
                .post("/api/hist/sync/shopify").then().statusCode(400).body("field", equalTo("status"))
                .body("detail", containsString("any, open, closed, cancelled, unfulfilled, partially_fulfilled, fulfilled, "
                        + "unpaid, paid"));
        given().auth().oauth2(TestTokens.user("nobody", "admin")).contentType(ContentType.JSON).body(Map.of("from_date", "2026-10-01"))
                .post("/api/nobody/sync/shopify").then().statusCode(409);
        given().auth().oauth2(TestTokens.user("other", "admin")).contentType(ContentType.JSON).body(Map.of("from_date", "2026-10-01"))
                .post("/api/hist/sync/shopify").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("other", "admin")).get("/api/other/sync/jobs/" + UUID.randomUUID()).then().statusCode(404);
    }
}
