package com.proign.shopify.e2e.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.proign.shopify.e2e.LocalSuite;
import com.proign.shopify.e2e.security.Http.Answer;
import com.proign.shopify.e2e.security.Operations.Operation;
import com.proign.shopify.testinfra.ShopifySamples;

/**
 * The packaged suite probed from outside, as an attacker and a careless client would: every operation each service
 * documents in its OpenAPI document against every kind of bad, foreign or misplaced token; every operation that
 * takes a body against bodies that are not what it takes; the webhook address against what Shopify never sends,
 * following what it accepts to Kafka; and the run's own files of secrets. Each refusal must have the right status
 * and be problem+json without Java names; what is accepted must not be lost.
 */
@ExtendWith(LocalSuite.class)
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class SecurityIT {

    /** What an answer may never contain: Java class names and stack traces. */
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "(\\b[a-z]+\\.)+[A-Z][A-Za-z]+(Exception|\\$)|\\bat [a-z]+\\.[a-z]+\\.|java\\.lang|com\\.proign|jakarta\\.|\\.java:\\d");

    private static RunTokens tokens;
    private static List<Operation> operations;
    private static final List<String> FAILURES = new ArrayList<>();
    private static int cases;

    @BeforeAll
    static void readTheContracts() {
        tokens = new RunTokens(LocalSuite.runDir());
        operations = new ArrayList<>();
        operations.addAll(Operations.of("webhook-gateway", LocalSuite.env("GATEWAY_URL")));
        operations.addAll(Operations.of("order-service", LocalSuite.env("ORDERS_URL")));
        operations.addAll(Operations.of("sync-service", LocalSuite.env("SYNC_URL")));
        operations.addAll(Operations.of("integration-service", LocalSuite.env("INTEGRATION_URL")));
        assertTrue(operations.stream().filter(Operation::isTenantApi).count() >= 20, "documented: " + operations);
        assertEquals(2, operations.stream().filter(Operation::isInternal).count(), "documented: " + operations);
    }

    @AfterAll
    static void report() {
        System.out.printf("SecurityIT: %d operations, %d cases, %d requests%n", operations.size(), cases, Http.REQUESTS.get());
    }

    /** A path's parameters: the demo tenant, its store, ids that exist or at least are well formed. */
    private static Map<String, String> parameters() {
        return Map.of("tenant", "demo", "shopDomain", LocalSuite.env("SHOP_DOMAIN"),
                "id", UUID.randomUUID().toString(), "shipment", UUID.randomUUID().toString());
    }

    // ---- tokens -------------------------------------------------------------------------------------------

    /** Who presents what, and what each operation must answer them. */
    private record Caller(String name, String token, Predicate<Operation> allowed, int refusedWith) {
    }

    @Test
    void everyDocumentedOperationRefusesEveryTokenItMust() {
        List<Caller> refusedEverywhere = List.of(
                new Caller("no token", null, op -> false, 401),
                new Caller("garbage", "not.a.jwt", op -> false, 401),
                new Caller("alg none", RunTokens.algNone("demo"), op -> false, 401),
                new Caller("another key", tokens.foreignKey("demo", "owner"), op -> false, 401),
                new Caller("expired", tokens.expiredUser("demo", "owner"), op -> false, 401));
        List<Caller> users = List.of(
                // another tenant's owner: authenticated, refused on the tenant API (403), no user opens /internal
                new Caller("other tenant's owner", tokens.user("intruder", "owner"), op -> false, 403),
                // a read-only member of the tenant reads (not the customers' privacy requests), changes nothing
                new Caller("read-only member", tokens.user("demo", "member"), Operation::anyMemberReads, 403),
                // a user token carrying the role and name of a service is a user token: refused on /internal
                new Caller("user token with role service", tokens.userAsService("demo", "webhook-gateway"),
                        Operation::anyMemberReads, 403));
        List<Caller> services = List.of(
                new Caller("webhook-gateway's token", tokens.service("webhook-gateway"),
                        op -> op.template().startsWith("/internal/shops/"), 403),
                new Caller("sync-service's token", tokens.service("sync-service"),
                        op -> op.template().startsWith("/internal/tenants/"), 403));

        Caller operator = new Caller("the operator", tokens.operator(), Operation::isOperators, 403);
        for (Operation op : operations) {
            if (!op.isTenantApi() && !op.isInternal() && !op.isOperators()) {
                continue; // the webhook address: Shopify's HMAC, below
            }
            for (Caller caller : refusedEverywhere) {
                expectRefused(op, caller, 401);
            }
            if (op.isOperators()) {
                // only the tenant-less operator: no tenant's user, whatever roles, no service
                for (Caller caller : users) {
                    expectRefused(op, caller, 403);
                }
                expectRefused(op, new Caller("a tenant's user with role operator", tokens.user("demo", "operator", "owner"),
                        o -> false, 403), 403);
                for (Caller caller : services) {
                    expectRefused(op, caller, 401);
                }
                if (op.reads()) {
                    expectAllowed(op, operator);
                }
                continue;
            }
            expectRefused(op, operator, op.isInternal() ? 401 : 403);
            for (Caller caller : users) {
                if (op.isInternal()) {
                    expectRefused(op, caller, 401);
                } else if (caller.allowed().test(op)) {
                    expectAllowed(op, caller);
                } else {
                    expectRefused(op, caller, caller.refusedWith());
                }
            }
            for (Caller caller : services) {
                if (op.isTenantApi()) {
                    expectRefused(op, caller, 401);
                } else if (caller.allowed().test(op)) {
                    expectAllowed(op, caller);
                } else {
                    expectRefused(op, caller, caller.refusedWith());
                }
            }
        }
        assertNoFailures();
    }

    private static Answer call(Operation op, String token) {
        byte[] body = op.takesBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        return Http.send(op.method(), op.uri(parameters()), token, body == null ? null : "application/json", body, Map.of());
    }

    private static void expectRefused(Operation op, Caller caller, int status) {
        cases++;
        Answer answer = call(op, caller.token());
        if (answer.status() != status || !answer.isProblem() || JAVA_NAMES.matcher(answer.body()).find()) {
            FAILURES.add(op + " with " + caller.name() + ": expected " + status + " problem+json, got " + answer);
        }
    }

    private static void expectAllowed(Operation op, Caller caller) {
        cases++;
        Answer answer = call(op, caller.token());
        if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500) {
            FAILURES.add(op + " with " + caller.name() + ": expected to be let through, got " + answer);
        }
    }

    // ---- bodies -------------------------------------------------------------------------------------------

    @Test
    void everyOperationThatTakesABodyRefusesWhatIsNotItsBodyInProblemDetails() {
        String owner = tokens.user("demo", "owner");
        Map<String, byte[]> badBodies = new LinkedHashMap<>();
        badBodies.put("not JSON", "nope".getBytes(StandardCharsets.UTF_8));
        badBodies.put("cut-off JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
        badBodies.put("a string", "\"x\"".getBytes(StandardCharsets.UTF_8));
        badBodies.put("a number", "42".getBytes(StandardCharsets.UTF_8));
        badBodies.put("a list", "[1,2]".getBytes(StandardCharsets.UTF_8));
        badBodies.put("a list of null", "[null]".getBytes(StandardCharsets.UTF_8));
        List<Operation> withBody = operations.stream().filter(op -> op.takesBody() && op.isTenantApi()).toList();
        assertTrue(withBody.size() >= 6, "operations with a body: " + withBody);
        Map<Operation, java.util.concurrent.CompletableFuture<Answer>> truncated = new LinkedHashMap<>();
        for (Operation op : withBody) {
            URI uri = op.uri(parameters());
            for (var bad : badBodies.entrySet()) {
                cases++;
                Answer answer = Http.send(op.method(), uri, owner, "application/json", bad.getValue(), Map.of());
                expectProblem(op + " with " + bad.getKey(), answer, 400);
            }
            // larger than any body the service takes: declared, and sent in chunks without a length
            byte[] huge = ("{\"x\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            cases++;
            expectProblem(op + " with a 2 MiB body", sendLarge(op, uri, owner, huge, false), 413);
            cases++;
            expectProblem(op + " with a 2 MiB chunked body", sendLarge(op, uri, owner, huge, true), 413);
            // a body shorter than its Content-Length: refused within seconds, not held (all at once: each waits)
            cases++;
            truncated.put(op, java.util.concurrent.CompletableFuture.supplyAsync(() -> Http.raw(uri, op.method() + " "
                    + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + owner
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(15))));
        }
        truncated.forEach((op, answer) -> {
            Answer held = answer.join();
            expectProblem(op + " with a truncated body", held, 408);
            if (held.took().toSeconds() > 8) {
                FAILURES.add(op + " held a truncated body for " + held.took().toSeconds() + " s");
            }
        });
        // the ship operation's own case: a list of lines holding null
        Operation ship = withBody.stream().filter(op -> op.template().endsWith("/ship")).findFirst().orElseThrow();
        cases++;
        expectProblem(ship + " with lines [null]", Http.send("POST", ship.uri(Map.of("tenant", "demo",
                "id", anOrderId())), owner, "application/json", "{\"lines\":[null]}".getBytes(StandardCharsets.UTF_8),
                Map.of()), 400);
        assertNoFailures();
    }

    @Test
    void aMalformedContentLengthIsRefusedAndTheConnectionClosed() {
        // Netty refuses this before any handler of the service runs, so the answer is Vert.x's own 400 without a
        // body (Quarkus offers no hook for it: HttpServer.invalidRequestHandler is set before it listens); what
        // matters is that it is refused and the connection not kept
        for (String base : List.of("GATEWAY_URL", "ORDERS_URL", "SYNC_URL", "INTEGRATION_URL")) {
            cases++;
            Answer answer = Http.raw(URI.create(LocalSuite.env(base)), "POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: twelve", new byte[0], Duration.ofSeconds(5));
            if (answer.status() != 400) {
                FAILURES.add(base + " with Content-Length: twelve: expected 400, got " + answer);
            }
        }
        assertNoFailures();
    }

    /** A body larger than the service takes, over a socket (the server answers before it has read it all). */
    private static Answer sendLarge(Operation op, URI uri, String token, byte[] body, boolean chunked) {
        String head = op.method() + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\n";
        return chunked ? Http.rawChunked(uri, head + "Transfer-Encoding: chunked", body, Duration.ofSeconds(15))
                : Http.raw(uri, head + "Content-Length: " + body.length, new byte[0], Duration.ofSeconds(15));
    }

    private static void expectProblem(String what, Answer answer, int status) {
        if (answer.status() != status || !answer.isProblem() || JAVA_NAMES.matcher(answer.body()).find()) {
            FAILURES.add(what + ": expected " + status + " problem+json in plain words, got " + answer);
        }
    }

    private static String anOrderId() {
        Answer orders = Http.send("GET", URI.create(LocalSuite.env("ORDERS_URL") + "/api/demo/orders?limit=1"),
                LocalSuite.env("TOKEN"), null, null, Map.of());
        var m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(orders.body());
        return m.find() ? m.group(1) : UUID.randomUUID().toString();
    }

    // ---- webhooks -----------------------------------------------------------------------------------------

    private static Map<String, String> shopifyHeaders(String topic, String webhookId, String hmac) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Shop-Domain", LocalSuite.env("SHOP_DOMAIN"));
        headers.put("X-Shopify-API-Version", "2026-10");
        headers.put("X-Shopify-Webhook-Id", webhookId);
        if (hmac != null) {
            headers.put("X-Shopify-Hmac-Sha256", hmac);
        }
        return headers;
    }

    private static Answer deliver(String topic, String webhookId, byte[] body, String hmac) {
        cases++;
        return Http.send("POST", URI.create(LocalSuite.env("GATEWAY_URL") + "/webhooks/shopify"), null,
                "application/json", body, shopifyHeaders(topic, webhookId, hmac));
    }

    @Test
    void theWebhookAddressRefusesWhatShopifyNeverSendsAndLosesNothingItAccepts() {
        String secret = LocalSuite.env("WEBHOOK_SECRET");
        URI gateway = URI.create(LocalSuite.env("GATEWAY_URL") + "/webhooks/shopify");
        byte[] order = ShopifySamples.bytes(ShopifySamples.ORDER);

        expectProblem("unsigned", deliver("orders/create", UUID.randomUUID().toString(), order, null), 400);
        expectProblem("signed with another secret", deliver("orders/create", UUID.randomUUID().toString(), order,
                ShopifySamples.sign(order, "not-the-secret")), 401);
        expectProblem("a webhook id of 129 characters", deliver("orders/create", "w".repeat(129), order,
                ShopifySamples.sign(order, secret)), 400);
        expectProblem("a topic of 65 characters", deliver("orders/" + "x".repeat(58), UUID.randomUUID().toString(), order,
                ShopifySamples.sign(order, secret)), 400);

        // over the gateway's 8 MiB: declared and chunked
        byte[] oversized = ShopifySamples.largeOrder(990_000_001L, 8 * 1024 * 1024 + 1);
        String webhookHead = "POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Shopify-Topic: orders/create\r\nX-Shopify-Shop-Domain: " + LocalSuite.env("SHOP_DOMAIN")
                + "\r\nX-Shopify-API-Version: 2026-10\r\nX-Shopify-Webhook-Id: " + UUID.randomUUID() + "\r\n";
        cases++;
        expectProblem("a delivery of 8 MiB + 1 byte", Http.raw(gateway, webhookHead + "X-Shopify-Hmac-Sha256: "
                + ShopifySamples.sign(oversized, secret) + "\r\nContent-Length: " + oversized.length, oversized,
                Duration.ofSeconds(15)), 413);
        byte[] muchTooLarge = ShopifySamples.largeOrder(990_000_002L, 10 * 1024 * 1024);
        cases++;
        expectProblem("a chunked delivery of 10 MiB", Http.rawChunked(gateway, webhookHead + "X-Shopify-Hmac-Sha256: "
                + ShopifySamples.sign(muchTooLarge, secret) + "\r\nTransfer-Encoding: chunked", muchTooLarge,
                Duration.ofSeconds(15)), 413);

        // a truncated delivery is refused within seconds (Shopify itself gives up after 5)
        cases++;
        Answer truncated = Http.raw(gateway, webhookHead + "Content-Length: " + (order.length + 100), order,
                Duration.ofSeconds(15));
        expectProblem("a truncated delivery", truncated, 408);
        if (truncated.took().toSeconds() > 8) {
            FAILURES.add("a truncated delivery was held " + truncated.took().toSeconds() + " s");
        }

        // signed but not an order: accepted (Shopify signed it), on Kafka, then dead-lettered with its reason
        String bootstrap = LocalSuite.env("KAFKA_BOOTSTRAP_SERVERS");
        byte[] unparseable = "{\"id\": 12, this is not JSON".getBytes(StandardCharsets.UTF_8);
        String poisonId = "poison-" + UUID.randomUUID();
        Answer poison = deliver("orders/create", poisonId, unparseable, ShopifySamples.sign(unparseable, secret));
        if (poison.status() != 200) {
            FAILURES.add("a signed but unparseable delivery: expected 200 (Shopify signed it), got " + poison);
        } else {
            var onTopic = KafkaRecords.withId(bootstrap, "shopify.orders", poisonId, Duration.ofSeconds(30));
            var dead = KafkaRecords.withId(bootstrap, "order-service.dlq", poisonId, Duration.ofSeconds(60));
            if (onTopic.isEmpty() || dead.isEmpty()) {
                FAILURES.add("the signed but unparseable delivery was lost: on shopify.orders " + onTopic.isPresent()
                        + ", dead-lettered " + dead.isPresent());
            } else if (KafkaRecords.header(dead.get(), "dead-letter-reason") == null
                    || !java.util.Arrays.equals(unparseable, dead.get().value())) {
                FAILURES.add("the dead letter lacks its reason or its body: " + dead.get().headers());
            }
        }

        // the largest delivery accepted, 8 MiB, reaches the queue whole
        long id = 880_000_000L + ThreadLocalRandom.current().nextLong(1, 1_000_000);
        byte[] large = ShopifySamples.largeOrder(id, 8 * 1024 * 1024);
        Answer accepted = deliver("orders/create", UUID.randomUUID().toString(), large, ShopifySamples.sign(large, secret));
        if (accepted.status() != 200) {
            FAILURES.add("an 8 MiB order: expected 200, got " + accepted);
        } else {
            URI queue = URI.create(LocalSuite.env("ORDERS_URL") + "/api/demo/orders?shopify_order_id=" + id);
            boolean arrived = false;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); !arrived && System.nanoTime() < deadline;) {
                arrived = Http.send("GET", queue, LocalSuite.env("TOKEN"), null, null, Map.of()).body().contains("\"LARGE-249\"");
                sleep(500);
            }
            if (!arrived) {
                FAILURES.add("the 8 MiB order accepted with 200 never reached the queue with its 250 lines");
            }
        }
        assertNoFailures();
    }

    // ---- the run's secrets --------------------------------------------------------------------------------

    @Test
    void theRunsSecretsAreInItsSecretsFolderReadableByItsOwnerOnly() throws IOException {
        Path run = LocalSuite.runDir();
        List<String> secrets = new ArrayList<>(List.of(LocalSuite.env("WEBHOOK_SECRET"),
                LocalSuite.env("SHOPIFY_ACCESS_TOKEN"), LocalSuite.env("TOKEN")));
        for (String name : List.of("db-password", "encryption-key")) {
            secrets.add(Files.readString(run.resolve("secrets").resolve(name)).strip());
        }
        Set<PosixFilePermission> folder = Files.getPosixFilePermissions(run.resolve("secrets"));
        if (!folder.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))) {
            FAILURES.add("the secrets folder is " + PosixFilePermissionsText.of(folder) + ", not rwx------");
        }
        try (Stream<Path> files = Files.walk(run)) {
            // links (env → secrets/env) are not files of their own: what they point at is checked where it is
            for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                cases++;
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                boolean holdsSecret = secrets.stream().anyMatch(text::contains) || text.contains("PRIVATE KEY");
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                boolean ownerOnly = mode.stream().allMatch(p -> p.name().startsWith("OWNER"));
                if (holdsSecret && (!file.startsWith(run.resolve("secrets")) || !ownerOnly)) {
                    FAILURES.add(run.relativize(file) + " holds a secret with mode " + PosixFilePermissionsText.of(mode)
                            + (file.startsWith(run.resolve("secrets")) ? "" : ", outside secrets/"));
                }
            }
        }
        assertNoFailures();
    }

    /** rwxr-x--- for a set of permissions. */
    private static final class PosixFilePermissionsText {
        static String of(Set<PosixFilePermission> permissions) {
            return java.nio.file.attribute.PosixFilePermissions.toString(permissions);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertNoFailures() {
        List<String> failures = List.copyOf(FAILURES);
        FAILURES.clear();
        assertEquals(List.of(), failures, failures.size() + " of the checks failed:\n" + String.join("\n", failures));
    }
}
