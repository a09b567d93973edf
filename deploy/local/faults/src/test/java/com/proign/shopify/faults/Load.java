package com.proign.shopify.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.proign.shopify.testinfra.LocalInfra;

/**
 * Shopify delivering a busy store's new orders to the gateway: the project's load tool (deploy/local/bench/
 * webhook-load) at a fixed rate, each order its own id, and every delivery not answered 2xx within 5 s sent again
 * as Shopify does (same webhook id and body, up to 8 retries, first after 1 s, doubling). What the gateway took is
 * written down, order by order.
 */
final class Load {

    /** What the tool reports once every delivery is taken or given up. */
    record Result(long delivered, long failedFirstTries, long retried, long abandoned, long unsettled, Set<Long> accepted) {
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "done=\\s*(\\d+) failed=\\s*(\\d+).*retried=(\\d+) abandoned=(\\d+) unsettled=(\\d+)");

    private final Process process;
    private final Path output;
    private final Path accepted;

    private Load(Process process, Path output, Path accepted) {
        this.process = process;
        this.output = output;
        this.accepted = accepted;
    }

    /** Starts {@code rate} new orders a second for {@code seconds} at the suite's gateway, ids from {@code firstId}. */
    static Load start(Suite suite, String label, int rate, int seconds, long firstId) {
        return start(suite, suite.env("GATEWAY_URL"), label, rate, seconds, firstId);
    }

    /** The same at the gateway instance {@code gatewayUrl}. */
    static Load start(Suite suite, String gatewayUrl, String label, int rate, int seconds, long firstId) {
        Path tool = LocalInfra.suiteRoot().resolve("deploy/local/bench/webhook-load/target");
        Path body = LocalInfra.suiteRoot().resolve("deploy/local/test-infra/src/main/resources/shopify/samples/orders_create_sample.json");
        Path output = suite.runDir.resolve("load-" + label + ".out");
        Path accepted = suite.runDir.resolve("load-" + label + ".accepted");
        try {
            Process process = new ProcessBuilder("java", "-Xmx256m", "-cp", tool.resolve("webhook-load.jar") + ":" + tool.resolve("lib") + "/*",
                    "com.proign.shopify.bench.WebhookLoad", "load",
                    "--url", gatewayUrl + "/webhooks/shopify", "--shop", suite.env("SHOP_DOMAIN"),
                    "--secret", suite.env("WEBHOOK_SECRET"), "--body", body.toString(),
                    "--seconds", Integer.toString(seconds), "--warmup", "0", "--rate", Integer.toString(rate),
                    "--distinct", "true", "--first-id", Long.toString(firstId), "--retries", "true",
                    "--accepted", accepted.toString(), "--label", label)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Load(process, output, accepted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the tool has every delivery taken or given up (its retries included). */
    Result await() {
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the load tool did not finish; see " + output);
            }
            String text = Files.readString(output);
            Matcher m = SUMMARY.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no summary from the load tool:\n" + text);
            }
            Set<Long> ids = new HashSet<>();
            for (String line : Files.readAllLines(accepted)) {
                if (!line.isBlank()) {
                    ids.add(Long.parseLong(line.split(" ")[0]));
                }
            }
            return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
