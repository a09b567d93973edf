package com.proign.shopify.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The services share no code (docs/decisions.md): the few classes each of them needs alike are copied, on purpose,
 * and listed in decisions.md ("Deliberate copies"). A copy may not drift: each must be the same text in every
 * service that holds it, but for the service's own package name. A class that should differ per service is not on
 * the list (TenantPermissions, LogContext, Outages: each service's own).
 */
class DeliberateCopiesTests {

    private static final Path ROOT = ManifestCheck.root();
    private static final List<String> SERVICES = List.of("webhook-gateway", "order-service", "sync-service", "integration-service");
    /** The copies, and how many services hold each. */
    private static final Map<String, Integer> COPIES = new LinkedHashMap<>();
    static {
        COPIES.put("ApiContract", 4);
        COPIES.put("RequestGuard", 4);
        COPIES.put("BodyProblems", 4);
        COPIES.put("AuthenticationProblems", 3);
        COPIES.put("OperatorPermissions", 3);
        COPIES.put("DeadLetter", 3);
        COPIES.put("DeadLetterRepository", 3);
        COPIES.put("Contexts", 3);
    }

    @Test
    void everyDeliberateCopyIsTheSameInEveryService() {
        List<String> drifted = new ArrayList<>();
        COPIES.forEach((name, count) -> {
            List<Path> copies = find(name);
            assertEquals(count, copies.size(), name + ": expected in " + count + " services, found " + copies);
            String first = normalized(copies.get(0));
            for (Path copy : copies.subList(1, copies.size())) {
                if (!normalized(copy).equals(first)) {
                    drifted.add(ROOT.relativize(copy) + " differs from " + ROOT.relativize(copies.get(0)));
                }
            }
        });
        assertTrue(drifted.isEmpty(), "deliberate copies drifted (change every copy alike): " + drifted);
    }

    /** Both Shopify clients send the version of the schema the repository carries (the stand-in's admin_<version>.json.gz). */
    @Test
    void bothShopifyClientsPinTheSchemasVersion() throws IOException {
        String version;
        try (Stream<Path> schemas = Files.list(ROOT.resolve("deploy/local/shopify-standin/src/main/resources/shopify"))) {
            version = schemas.map(f -> f.getFileName().toString()).filter(f -> f.matches("admin_\\d{4}-\\d{2}\\.json\\.gz"))
                    .map(f -> f.substring(6, 13)).findFirst().orElseThrow();
        }
        for (String client : List.of("integration-service/src/main/java/com/proign/shopify/integration/client/ShopifyAdminClient.java",
                "sync-service/src/main/java/com/proign/shopify/sync/client/ShopifyGraphql.java")) {
            assertTrue(Files.readString(ROOT.resolve(client)).contains("API_VERSION = \"" + version + "\";"),
                    client + " does not pin API_VERSION = \"" + version + "\"");
        }
    }

    @Test
    void decisionsListsEveryCopy() throws IOException {
        String decisions = Files.readString(ROOT.resolve("docs/decisions.md"));
        for (String name : COPIES.keySet()) {
            assertTrue(decisions.contains("`" + name + "`"), "docs/decisions.md does not list the copy " + name);
        }
    }

    /** The text with the service's package segment (com.proign.shopify.orders, ...) made alike. */
    private static String normalized(Path file) {
        try {
            return Files.readString(file).replaceAll("com\\.proign\\.shopify\\.(gateway|orders|sync|integration)\\b",
                    "com.proign.shopify.SERVICE");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> find(String name) {
        List<Path> found = new ArrayList<>();
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
                files.filter(f -> f.getFileName().toString().equals(name + ".java")).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
