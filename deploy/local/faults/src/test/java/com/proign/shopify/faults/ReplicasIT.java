package com.proign.shopify.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances of every service (run.sh --replicas 2) do what one does, once: shopify.orders' partitions are
 * spread over both order-service instances, orders sent to both gateways each enter the queue once, shipments are
 * fulfilled in Shopify once, the catalogue is pulled once, a reconciliation pass runs once, a Dev Dashboard token is
 * renewed once when it is due however many instances are asked for it; and killing one of two order-service
 * instances under load loses nothing while the other takes its partitions over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReplicasIT {

    // below Linux's ephemeral ports (32768-60999): a listener there can find its port taken by some connection's
    // source port, as Kafka once did on 39092 (net.ipv4.ip_local_port_range)
    private static final Suite SUITE = new Suite("replicas-run", 24080, 25092, 2);
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void start() {
        try {
            SUITE.up();
        } catch (RuntimeException e) {
            SUITE.down();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        REPORT.forEach(System.out::println);
        SUITE.down();
    }

    /** Which instance holds which shopify.orders partitions in order-service's group, by instance name. */
    private static Map<String, Set<Integer>> orderPartitions() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SUITE.env("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin admin = Admin.create(config)) {
            Map<String, Set<Integer>> held = new HashMap<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of("order-service")).all().get()
                    .get("order-service").members()) {
                String instance = member.groupInstanceId().orElse("dynamic").replaceFirst("^(order-service-\\d+)-.*", "$1");
                member.assignment().topicPartitions().stream().filter(p -> p.topic().equals("shopify.orders"))
                        .forEach(p -> held.computeIfAbsent(instance, i -> new HashSet<>()).add(p.partition()));
            }
            return held;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void ordersThroughBothGatewaysEnterTheQueueOnceWhileOneOrderServiceInstanceIsKilled() {
        await().atMost(Duration.ofSeconds(60)).until(() -> orderPartitions().keySet().containsAll(Set.of("order-service-1", "order-service-2")));
        Map<String, Set<Integer>> spread = orderPartitions();
        REPORT.add("shopify.orders partitions before the kill: " + spread);
        assertEquals(6, spread.values().stream().mapToInt(Set::size).sum(), "every partition has a consumer");

        long firstA = 8_100_000_000L;
        long firstB = 8_200_000_000L;
        Load a = Load.start(SUITE, SUITE.env("GATEWAY_URL"), "replicas-gateway-1", 100, 20, firstA);
        Load b = Load.start(SUITE, SUITE.env("GATEWAY_URL_2"), "replicas-gateway-2", 100, 20, firstB);
        sleep(6_000);
        long killedAt = System.nanoTime();
        SUITE.kill9("order-service-2");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Set<Integer>> held = orderPartitions();
            return !held.containsKey("order-service-2") && held.getOrDefault("order-service-1", Set.of()).size() == 6;
        });
        long takeover = (System.nanoTime() - killedAt) / 1_000_000;
        REPORT.add("order-service-2 killed -9: order-service-1 held all 6 partitions " + takeover + " ms later");

        Load.Result first = a.await();
        Load.Result second = b.await();
        for (var load : List.of(Map.entry(firstA, first), Map.entry(firstB, second))) {
            String range = "tenant = 'demo' AND shopify_order_id BETWEEN " + load.getKey() + " AND " + (load.getKey() + 2_000);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> SUITE.count("orders", "SELECT count(DISTINCT shopify_order_id) FROM shop_order WHERE " + range) == 2_000);
            assertEquals(2_000, SUITE.count("orders", "SELECT count(*) FROM shop_order WHERE " + range), "an order in the queue twice");
            assertEquals(0, load.getValue().abandoned(), "deliveries Shopify would have given up on");
        }
        REPORT.add("two gateways, 100/s each for 20 s, order-service-2 killed: 4000 orders sent, 4000 in the queue once");
        assertTrue(takeover < 10_000, "the surviving instance took the partitions over after " + takeover + " ms");
        SUITE.up(); // the killed instance back, for what follows
    }

    @Test
    @Order(2)
    void shipmentsAreFulfilledOnceByTwoSyncServiceInstances() {
        String shopify = SUITE.env("SHOPIFY_URL");
        String shop = SUITE.env("SHOP_DOMAIN");
        String token = SUITE.env("TOKEN");
        List<Long> shipped = new ArrayList<>();
        for (int i = 0; shipped.size() < 20 && i < 40; i++) {
            var created = Suite.post(shopify + "/_sim/stores/" + shop + "/orders", null,
                    "{\"seed\":" + (7700 + i) + ",\"financial_status\":\"paid\"}");
            long shopifyId = Long.parseLong(text(created.body(), "\"id\":\\s*(\\d+)"));
            // the moves through either order-service instance
            String orders = i % 2 == 0 ? SUITE.env("ORDERS_URL") : SUITE.env("ORDERS_URL_2");
            String id = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> text(
                    Suite.get(orders + "/api/demo/orders?shopify_order_id=" + shopifyId, token), "\"id\":\"([0-9a-f-]{36})\""),
                    found -> found != null);
            Suite.post(orders + "/api/demo/orders/" + id + "/pick", token, null);
            Suite.post(orders + "/api/demo/orders/" + id + "/pack", token, null);
            var answer = Suite.post(orders + "/api/demo/orders/" + id + "/ship", token, "{\"carrier\":\"UPS\",\"tracking_number\":\"1ZREP" + i + "\"}");
            if (answer.statusCode() == 200) {
                shipped.add(shopifyId);
            }
        }
        assertEquals(20, shipped.size());
        String in = String.join(",", shipped.stream().map(String::valueOf).toList());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> SUITE.count("orders",
                "SELECT count(*) FROM shipment s JOIN shop_order o ON o.id = s.order_id WHERE o.tenant = 'demo' AND "
                        + "s.sync_status = 'synced' AND o.shopify_order_id IN (" + in + ")") == 20);
        int notOnce = 0;
        for (long shopifyId : shipped) {
            String fulfillments = Suite.get(shopify + "/_sim/stores/" + shop + "/orders/" + shopifyId + "/fulfillments", null);
            if (fulfillments.split("\"tracking_number\"", -1).length - 1 != 1) {
                notOnce++;
            }
        }
        REPORT.add("20 shipments with two sync-service instances: fulfilled other than once " + notOnce);
        assertEquals(0, notOnce, "orders fulfilled in Shopify other than exactly once");
    }

    @Test
    @Order(3)
    void theCatalogueIsPulledOnceAndReconciliationRunsOncePerInterval() {
        assertEquals(1, SUITE.count("sync", "SELECT count(*) FROM sync_job WHERE tenant = 'demo' AND subject = 'products'"),
                "product pulls of the demo store, which connected once");
        long passes = SUITE.count("sync", "SELECT count(*) FROM sync_log WHERE tenant = 'demo' AND kind = 'reconcile'");
        REPORT.add("with two sync-service instances: 1 product pull, " + passes + " reconciliation pass(es) in the interval");
        assertTrue(passes <= 1, passes + " reconciliation passes of one tenant within its interval");
    }

    @Test
    @Order(4)
    void aDueTokenIsRenewedOnceHoweverManyInstancesAreAsked() throws Exception {
        String shopify = SUITE.env("SHOPIFY_URL");
        String shop = "renew-replicas.myshopify.com";
        // tokens of 8 s: due for renewal 2 s before they end (a quarter of the lifetime)
        var store = Suite.post(shopify + "/_sim/stores", null, "{\"domain\":\"" + shop + "\",\"client_id\":\"renew-client\","
                + "\"client_secret\":\"shpss_renew\",\"token_lifetime_seconds\":8,\"scopes\":[\"read_orders\",\"read_all_orders\","
                + "\"read_products\",\"read_locations\",\"read_merchant_managed_fulfillment_orders\",\"write_merchant_managed_fulfillment_orders\"]}");
        assertEquals(201, store.statusCode(), store.body());
        String owner = mintUser("renewal");
        var connected = Suite.post(SUITE.env("INTEGRATION_URL") + "/api/renewal/integrations/shopify", owner,
                "{\"shop_domain\":\"" + shop + "\",\"client_id\":\"renew-client\",\"client_secret\":\"shpss_renew\"}");
        assertEquals(200, connected.statusCode(), connected.body());
        String service = mintService("sync-service");
        long started = System.nanoTime();
        // for 20 s, both instances asked for the tenant's token four times a second, as sync-service replicas would
        List<CompletableFuture<String>> asks = new ArrayList<>();
        while (System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) {
            for (String url : List.of(SUITE.env("INTEGRATION_URL"), SUITE.env("INTEGRATION_URL_2"))) {
                asks.add(CompletableFuture.supplyAsync(() -> Suite.get(url + "/internal/tenants/renewal/shopify-access", service)));
            }
            sleep(250);
        }
        asks.forEach(CompletableFuture::join);
        String tokens = Suite.get(shopify + "/_sim/stores/" + shop + "/tokens", null);
        Matcher minted = Pattern.compile("shpca_").matcher(tokens);
        int grants = 0;
        while (minted.find()) {
            grants++;
        }
        REPORT.add("an 8 s token asked of two integration-service instances for 20 s: " + grants + " grants");
        // one at connect, then one each time it is due (every 6 s): 4 or 5; two instances each renewing would double it
        assertTrue(grants >= 3 && grants <= 5, grants + " client-credentials grants in 20 s");
    }

    private static String mintUser(String tenant) {
        return mint("--tenant", tenant, "--roles", "owner");
    }

    private static String mintService(String name) {
        return mint("--service", name);
    }

    private static String mint(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("bash", com.proign.shopify.testinfra.LocalInfra.suiteRoot()
                    .resolve("deploy/local/mint-token.sh").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("RUN_DIR", SUITE.runDir.toString());
            Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String token = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor();
            return token;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
