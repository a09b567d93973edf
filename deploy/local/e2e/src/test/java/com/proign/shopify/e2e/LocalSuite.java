package com.proign.shopify.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.proign.shopify.testinfra.LocalInfra;

/**
 * The whole suite, up once for all end-to-end tests: {@code deploy/local/run.sh --detach} with its own run
 * folder, ports and databases (so it never meets a developer's own local run), stopped with
 * {@code run.sh stop} when the tests are done. Reuses the broker of {@code KAFKA_BOOTSTRAP_SERVERS} when set.
 */
public final class LocalSuite implements BeforeAllCallback {

    private static final Path RUN_DIR = Path.of("target/e2e-run").toAbsolutePath();
    private static Map<String, String> env;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalSuite.class, key -> start(), Running.class);
    }

    /** The run's folder (its keys, logs and secrets, as deploy/local/run.sh made them). */
    public static Path runDir() {
        return RUN_DIR;
    }

    /** A value of the run's env file: GATEWAY_URL, ORDERS_URL, TOKEN, WEBHOOK_SECRET, ... */
    public static String env(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in " + RUN_DIR.resolve("env"));
        }
        return value;
    }

    /** A bearer token of this run for another tenant than the demo one, minted by deploy/local/mint-token.sh. */
    public static String token(String tenant, String roles) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash",
                    LocalInfra.suiteRoot().resolve("deploy/local/mint-token.sh").toString(),
                    "--tenant", tenant, "--roles", roles);
            builder.environment().put("RUN_DIR", RUN_DIR.toString());
            Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String token = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || token.isEmpty()) {
                throw new IllegalStateException("mint-token.sh failed for tenant " + tenant);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Running start() {
        try {
            runScript(List.of("--detach"));
        } catch (RuntimeException e) {
            runScript(List.of("stop"));
            throw e;
        }
        env = readEnv(RUN_DIR.resolve("env"));
        return new Running();
    }

    /** Closed by JUnit when the root context ends, after the last test. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            runScript(List.of("stop"));
        }
    }

    private static void runScript(List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(LocalInfra.suiteRoot().resolve("deploy/local/run.sh").toString());
        command.addAll(args);
        Path log = RUN_DIR.resolve("run-sh.log");
        try {
            Files.createDirectories(RUN_DIR);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("RUN_DIR", RUN_DIR.toString());
            builder.environment().put("PORT_BASE", "18080");
            builder.environment().put("KAFKA_PORT", "19192");
            builder.environment().put("DB_SUFFIX", "_e2e");
            builder.environment().put("FRESH_DATABASES", "yes");
            // a tenant may choose a reconciliation every minute here, so a test can wait for one (WebhookGapIT)
            builder.environment().put("AUTO_SYNC_MIN_INTERVAL_MINUTES", "1");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("run.sh " + args + " failed; see " + log + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
