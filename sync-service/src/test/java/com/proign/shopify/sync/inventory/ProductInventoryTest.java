package com.proign.shopify.sync.inventory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

/**
 * The catalogue pulled on connect and on demand, and inventory both ways, against the stand-in with real
 * PostgreSQL and Kafka: quantities set in Shopify with compare-and-swap, a stale compare re-read and sent again,
 * a request re-sent under its key applied once, Shopify's own changes taken, and its echoes of ours ignored.
 */
@SyncServiceTest
class ProductInventoryTest {

    static final String SKU = "IPOD2009BLACK";

    @Inject
    Pool pool;

    KafkaCompanion kafka;
    ConsumerTask<String, byte[]> products;

    @BeforeEach
    void kafka() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        products = kafka.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("products-" + UUID.randomUUID()).fromTopics("shopify.products");
    }

    @AfterEach
    void close() {
        products.close();
        kafka.close();
    }

    /** A connected store with a warehouse location; its settings published (inventory sync as given); the location id. */
    private long store(String tenant, boolean inventorySync) {
        String shop = tenant + ".myshopify.com";
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + shop + "\",\"access_token\":\"shpat_" + tenant + "\",\"plan\":\"plus\"}");
        String gid = JsonPath.from(ShopifyStandIn.post("/_sim/stores/" + shop + "/locations", "{\"name\":\"Warehouse\"}"))
                .getString("admin_graphql_api_id");
        long location = Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
        IntegrationServiceStub.access(tenant, shop, "shpat_" + tenant);
        settings(tenant, 1, location, inventorySync, "");
        return location;
    }

    private void settings(String tenant, long version, long location, boolean inventorySync, String extra) {
        kafka.produce(String.class, String.class).fromRecords(new ProducerRecord<>("integration.settings", tenant,
                "{\"tenant\":\"" + tenant + "\",\"version\":" + version + ",\"connection_status\":\"connected\",\"shop_domain\":\""
                        + tenant + ".myshopify.com\",\"order_status_filter\":\"any\",\"fulfillment_location_id\":" + location
                        + ",\"auto_sync_interval_minutes\":60,\"inventory_sync\":" + inventorySync + ",\"notify_customer\":true"
                        + extra + "}")).awaitCompletion(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM tenant_settings WHERE tenant = $1 AND settings_version >= $2", tenant, version) == 1);
    }

    /** A products/update with one variant, as the gateway publishes it. */
    private void productUpdate(String tenant, long productId, String updatedAt, String sku) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "products/update".getBytes(StandardCharsets.UTF_8));
        String body = "{\"id\":" + productId + ",\"title\":\"Tee\",\"updated_at\":\"" + updatedAt + "\",\"variants\":[{\"id\":"
                + (productId + 1_000_000) + ",\"sku\":\"" + sku + "\",\"inventory_item_id\":" + (productId + 2_000_000) + "}]}";
        kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>("shopify.products", null,
                tenant + ":" + productId, body.getBytes(StandardCharsets.UTF_8), headers)).awaitCompletion(Duration.ofSeconds(20));
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    private JsonPath awaitProductPull(String tenant) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> JsonPath.from(
                given().auth().oauth2(TestTokens.user(tenant, "member")).get("/api/" + tenant + "/sync/jobs").asString()),
                jobs -> jobs.getList("findAll { it.subject == 'products' && it.status == 'completed' }").size() >= 1);
    }

    private long inventoryItem(String tenant, String sku) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inventory_item WHERE tenant = $1 AND sku = $2", tenant, sku) == 1);
        return pool.preparedQuery("SELECT inventory_item_id FROM inventory_item WHERE tenant = $1 AND sku = $2")
                .execute(Tuple.of(tenant, sku)).await().indefinitely().iterator().next().getLong(0);
    }

    /** What the stand-in holds of the item at the location. */
    private static Integer shopifyAvailable(String tenant, long item, long location) {
        List<Map<String, Object>> levels = JsonPath.from(ShopifyStandIn.get("/_sim/stores/" + tenant + ".myshopify.com/inventory"))
                .getList("");
        return levels.stream().filter(l -> ((Number) l.get("inventory_item_id")).longValue() == item
                && ((Number) l.get("location_id")).longValue() == location)
                .map(l -> ((Number) l.get("available")).intValue()).findFirst().orElse(null);
    }

    private static void setLevels(String tenant, String role, Object body, int status) {
        given().auth().oauth2(TestTokens.user(tenant, role)).contentType(ContentType.JSON).body(body)
                .put("/api/" + tenant + "/inventory/levels").then().statusCode(status);
    }

    private static JsonPath level(String tenant, String sku) {
        return JsonPath.from(given().auth().oauth2(TestTokens.user(tenant, "member")).queryParam("sku", sku)
                .get("/api/" + tenant + "/inventory/levels").then().statusCode(200).extract().asString());
    }

    /** An inventory_levels/update as the gateway publishes it. */
    private void shopifyReports(String tenant, long item, long location, int available, OffsetDateTime at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", "inventory_levels/update".getBytes(StandardCharsets.UTF_8));
        String body = "{\"inventory_item_id\":" + item + ",\"location_id\":" + location + ",\"available\":" + available
                + ",\"updated_at\":\"" + at + "\"}";
        kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>("shopify.inventory-levels", null,
                tenant + ":" + item + ":" + location, body.getBytes(StandardCharsets.UTF_8), headers))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    @Test
    void theCatalogueIsPulledOnConnectAndOnDemandWithEveryVariant() {
        store("pi-catalog", false);
        JsonPath jobs = awaitProductPull("pi-catalog");
        assertEquals(1, count("SELECT count(*) FROM sync_job WHERE tenant = 'pi-catalog' AND kind = 'on_connect'"
                + " AND subject = 'products'"));
        int stocked = jobs.getInt("find { it.subject == 'products' }.products_seen");
        assertTrue(stocked >= 1, jobs.prettify());
        inventoryItem("pi-catalog", SKU);

        // a product with more variants than a page holds (50): the rest are read before it is published
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            variants.add(Map.of("sku", "TEE-" + i, "title", "Size " + i, "price", "12.50"));
        }
        JsonPath tee = JsonPath.from(ShopifyStandIn.post("/_sim/stores/pi-catalog.myshopify.com/products",
                new io.vertx.core.json.JsonObject(Map.of("title", "Tee", "variants", variants)).encode()));
        String job = given().auth().oauth2(TestTokens.user("pi-catalog", "admin")).post("/api/pi-catalog/sync/shopify/products")
                .then().statusCode(202).body("subject", equalTo("products")).extract().path("job_id");
        JsonPath done = await().atMost(Duration.ofSeconds(60)).until(() -> JsonPath.from(given().auth()
                .oauth2(TestTokens.user("pi-catalog", "member")).get("/api/pi-catalog/sync/jobs/" + job).asString()),
                j -> "completed".equals(j.getString("status")));
        assertEquals(stocked + 1, done.getInt("products_seen"), done.prettify());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inventory_item WHERE tenant = 'pi-catalog' AND product_id = $1", tee.getLong("id")) == 60);

        // what order-service reads: products/update bodies keyed tenant:product-id, with the pull's event id
        var record = await().atMost(Duration.ofSeconds(30)).until(() -> products.getRecords().stream()
                .filter(r -> ("pi-catalog:" + tee.getLong("id")).equals(r.key())).findFirst().orElse(null), r -> r != null);
        assertEquals("products/update", new String(record.headers().lastHeader("ce_shopifytopic").value(), StandardCharsets.UTF_8));
        assertTrue(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8).startsWith("pull:product:"));
        JsonPath body = JsonPath.from(new String(record.value(), StandardCharsets.UTF_8));
        assertEquals(60, body.getList("variants").size());
        assertEquals("active", body.getString("status"));
        assertTrue(body.getLong("variants[59].inventory_item_id") > 0 && body.getString("variants[59].price").equals("12.50"));

        // an older description of a product changes nothing; a newer one replaces its variants (same key, in order)
        productUpdate("pi-catalog", tee.getLong("id"), "2020-01-01T00:00:00Z", "OLD");
        productUpdate("pi-catalog", tee.getLong("id"), OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString(), "NEW");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM inventory_item WHERE tenant = 'pi-catalog' AND sku = 'NEW'") == 1);
        assertEquals(0, count("SELECT count(*) FROM inventory_item WHERE tenant = 'pi-catalog' AND sku IN ('OLD', 'TEE-0')"));
        given().auth().oauth2(TestTokens.user("pi-catalog", "member")).post("/api/pi-catalog/sync/shopify/products").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("elsewhere", "admin")).post("/api/pi-catalog/sync/shopify/products").then().statusCode(403);
        given().auth().oauth2(TestTokens.user("nobody", "admin")).post("/api/nobody/sync/shopify/products").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void warehouseQuantitiesGoToShopifyOnceAndShopifysOwnChangesComeBack() {
        long location = store("pi-stock", true);
        awaitProductPull("pi-stock");
        long item = inventoryItem("pi-stock", SKU);

        // the warehouse sets 17: Shopify has 17, the level is idle and shows both sides
        setLevels("pi-stock", "warehouse", Map.of("levels", List.of(Map.of("sku", SKU, "available", 17))), 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(17).equals(shopifyAvailable("pi-stock", item, location)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "idle".equals(level("pi-stock", SKU).getString("levels[0].push_state")));
        JsonPath set = level("pi-stock", SKU);
        assertEquals(17, set.getInt("levels[0].warehouse_available"));
        assertEquals(17, set.getInt("levels[0].shopify_available"));
        assertEquals(location, set.getLong("levels[0].location_id"));

        // Shopify's webhook for that write is an echo: nothing changed in Shopify
        shopifyReports("pi-stock", item, location, 17, OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").asString()
                .contains("sync_inventory_shopify_updates_total{outcome=\"echo\"}"));
        assertEquals(null, level("pi-stock", SKU).getString("levels[0].shopify_changed_at"));

        // the merchant sells or counts in Shopify: taken, shown and logged
        OffsetDateTime sold = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1);
        shopifyReports("pi-stock", item, location, 9, sold);
        await().atMost(Duration.ofSeconds(20)).until(() -> level("pi-stock", SKU).getInt("levels[0].shopify_available") == 9);
        given().auth().oauth2(TestTokens.user("pi-stock", "member")).queryParam("shopify_changed_since", sold.minusSeconds(5).toString())
                .get("/api/pi-stock/inventory/levels").then().statusCode(200)
                .body("levels", hasSize(1)).body("levels[0].sku", equalTo(SKU)).body("levels[0].shopify_changed_at", notNullValue());
        given().auth().oauth2(TestTokens.user("pi-stock", "member")).queryParam("kind", "inventory").get("/api/pi-stock/sync/logs").then()
                .body("logs.message", hasItem(containsString("SKU " + SKU + " at location " + location + " changed in Shopify: 17 → 9")));
        // an older report (delivered late) does not undo it
        shopifyReports("pi-stock", item, location, 4, sold.minusSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").asString()
                .contains("sync_inventory_shopify_updates_total{outcome=\"stale\"}"));
        assertEquals(9, level("pi-stock", SKU).getInt("levels[0].shopify_available"));

        // the merchant changes it again in Shopify and this service does not hear of it (a webhook lost): the
        // warehouse's next quantity is sent comparing with 9, Shopify says stale, the level is read again (5)
        // and the quantity sent again
        ShopifyStandIn.put("/_sim/stores/pi-stock.myshopify.com/inventory",
                "{\"inventory_item_id\":" + item + ",\"location_id\":" + location + ",\"available\":5}");
        setLevels("pi-stock", "admin", Map.of("levels", List.of(Map.of("sku", SKU, "available", 30))), 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(30).equals(shopifyAvailable("pi-stock", item, location)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "idle".equals(level("pi-stock", SKU).getString("levels[0].push_state")));
        given().auth().oauth2(TestTokens.user("pi-stock", "member")).queryParam("kind", "inventory").queryParam("level", "warn")
                .get("/api/pi-stock/sync/logs").then().body("logs[0].message", containsString("CHANGE_FROM_QUANTITY_STALE"));
        given().auth().oauth2(TestTokens.user("pi-stock", "member")).get("/api/pi-stock/sync/status").then()
                .body("inventory.enabled", equalTo(true)).body("inventory.pending", equalTo(0))
                .body("inventory.last_pushed_at", notNullValue()).body("inventory.last_shopify_change_at", notNullValue());
    }

    @Test
    void aRequestThatMayHaveReachedShopifyIsSentAgainUnderItsKeyAndAppliedOnce() {
        long location = store("pi-resend", true);
        awaitProductPull("pi-resend");
        long item = inventoryItem("pi-resend", SKU);
        int before = JsonPath.from(ShopifyStandIn.graphql("shpat_pi-resend", "{\"query\":\"query($id: ID!, $loc: ID!) { inventoryItem(id: $id) "
                + "{ inventoryLevel(locationId: $loc) { quantities(names: [\\\"available\\\"]) { quantity } } } }\",\"variables\":"
                + "{\"id\":\"gid://shopify/InventoryItem/" + item + "\",\"loc\":\"gid://shopify/Location/" + location + "\"}}"))
                .getInt("data.inventoryItem.inventoryLevel.quantities[0].quantity");

        // an instance saved its request (key, compare quantity, quantity), sent it, Shopify applied it, and the
        // instance stopped before recording the answer
        UUID key = UUID.randomUUID();
        String quantities = "[{\"inventoryItemId\":\"gid://shopify/InventoryItem/" + item + "\",\"locationId\":\"gid://shopify/Location/"
                + location + "\",\"quantity\":" + (before + 12) + ",\"changeFromQuantity\":" + before + "}]";
        String mutation = "{\"query\":\"mutation($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) "
                + "@idempotent(key: $key) { userErrors { code } } }\",\"variables\":{\"key\":\"" + key + "\",\"input\":{\"name\":\"available\","
                + "\"reason\":\"correction\",\"referenceDocumentUri\":\"proign://inventory-sync/" + key + "\",\"quantities\":" + quantities + "}}}";
        assertEquals(List.of(), JsonPath.from(ShopifyStandIn.graphql("shpat_pi-resend", mutation)).getList("data.inventorySetQuantities.userErrors"));
        assertEquals(before + 12, shopifyAvailable("pi-resend", item, location));
        pool.preparedQuery("""
                INSERT INTO inventory_level (tenant, inventory_item_id, location_id, warehouse_available, warehouse_set_at,
                       shopify_available, push_state, push_key, push_from, push_quantity, push_attempts, next_attempt_at, updated_at)
                VALUES ('pi-resend', $1, $2, $3, now(), $4, 'pending', $5, $4, $3, 1, now(), now())""")
                .execute(Tuple.of(item, location, before + 12, before, key)).await().indefinitely();

        // the pusher sends the same request again: Shopify answers it as before, nothing is applied twice, no stale
        await().atMost(Duration.ofSeconds(30)).until(() -> "idle".equals(level("pi-resend", SKU).getString("levels[0].push_state")));
        assertEquals(before + 12, shopifyAvailable("pi-resend", item, location));
        assertEquals(before + 12, level("pi-resend", SKU).getInt("levels[0].shopify_available"));
        given().auth().oauth2(TestTokens.user("pi-resend", "member")).queryParam("kind", "inventory").get("/api/pi-resend/sync/logs").then()
                .body("logs", hasSize(0));
    }

    @Test
    void badQuantitiesAreRefusedWithTheirField() {
        store("pi-refuse", false);
        awaitProductPull("pi-refuse");
        String admin = TestTokens.user("pi-refuse", "admin");
        // inventory sync off
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("levels", List.of(Map.of("sku", SKU, "available", 1))))
                .put("/api/pi-refuse/inventory/levels").then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Inventory sync is off"));
        long location = pool.preparedQuery("SELECT fulfillment_location_id FROM tenant_settings WHERE tenant = 'pi-refuse'")
                .execute().await().indefinitely().iterator().next().getLong(0);
        settings("pi-refuse", 2, location, true, ",\"webhooks\":{\"status\":\"restored\",\"checked_at\":\"2026-11-26T01:00:00Z\","
                + "\"restored_at\":\"2026-11-26T01:00:00Z\",\"restored_count\":1,\"error\":null}");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("levels", List.of(Map.of("sku", "NO-SUCH", "available", 1))))
                .put("/api/pi-refuse/inventory/levels").then().statusCode(422).contentType("application/problem+json")
                .body("rejected[0].sku", equalTo("NO-SUCH")).body("rejected[0].reason", equalTo("unknown_sku"))
                .body("detail", org.hamcrest.Matchers.containsString("no variant with SKU NO-SUCH"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("levels", List.of(Map.of("sku", SKU, "available", -1))))
                .put("/api/pi-refuse/inventory/levels").then().statusCode(400).body("field", equalTo("levels[0].available"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("levels", List.of(Map.of("sku", SKU, "available", 1), Map.of("sku", SKU, "available", 2))))
                .put("/api/pi-refuse/inventory/levels").then().statusCode(400).body("field", equalTo("levels[1].sku"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of())
                .put("/api/pi-refuse/inventory/levels").then().statusCode(400).body("field", equalTo("levels"));
        given().auth().oauth2(TestTokens.user("pi-refuse", "member")).contentType(ContentType.JSON)
                .body(Map.of("levels", List.of(Map.of("sku", SKU, "available", 1)))).put("/api/pi-refuse/inventory/levels")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user("other", "warehouse")).get("/api/pi-refuse/inventory/levels").then().statusCode(403);
        given().auth().oauth2(admin).queryParam("push_state", "sent").get("/api/pi-refuse/inventory/levels").then().statusCode(400)
                .body("field", equalTo("push_state"));
        assertEquals(0, count("SELECT count(*) FROM inventory_level WHERE tenant = 'pi-refuse'"), "nothing was accepted");

        // a batch with a SKU the store does not have: the known lines are taken, the unknown one is reported by line
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("levels", List.of(Map.of("sku", "NO-SUCH", "available", 4), Map.of("sku", SKU, "available", 5))))
                .put("/api/pi-refuse/inventory/levels").then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("levels[0].sku", equalTo(SKU)).body("levels[0].warehouse_available", equalTo(5))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(0)).body("rejected[0].sku", equalTo("NO-SUCH"))
                .body("rejected[0].reason", equalTo("unknown_sku"));
        assertEquals(1, count("SELECT count(*) FROM inventory_level WHERE tenant = 'pi-refuse'"), "the known line is kept");

        // the webhook health integration-service published is on the status page, and in the log
        given().auth().oauth2(admin).get("/api/pi-refuse/sync/status").then().statusCode(200)
                .body("webhooks.status", equalTo("restored")).body("webhooks.restored_count", equalTo(1))
                .body("webhooks.error", nullValue()).body("inventory.enabled", equalTo(true));
        given().auth().oauth2(admin).queryParam("kind", "webhooks").get("/api/pi-refuse/sync/logs").then()
                .body("logs[0].level", equalTo("warn")).body("logs[0].message", containsString("Shopify had removed 1 webhook"));
    }
}
