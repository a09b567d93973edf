package com.proign.shopify.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.proign.shopify.testinfra.LocalInfra;

/**
 * The whole suite as deploy/local/run.sh starts it, with a run folder, ports, databases and a Kafka broker of its
 * own (so the faults below hit nothing else), and the levers to break it: kill a process by its PID file, stop and
 * start the broker, make one database refuse connections.
 */
final class Suite {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The tests' own Kafka clients (admin, offsets) would print their whole configuration at INFO. */
    private static final java.util.logging.Logger KAFKA_CLIENTS = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_CLIENTS.setLevel(java.util.logging.Level.WARNING);
    }

    final Path runDir;
    private final int portBase;
    private final int kafkaPort;
    private final String dbSuffix;
    private final int replicas;
    private Map<String, String> env;

    /** A suite in target/NAME, on ports PORT_BASE + 1..5 (+ 100 for a second instance), its own broker and databases. */
    Suite(String name, int portBase, int kafkaPort, int replicas) {
        this.runDir = Path.of("target").resolve(name).toAbsolutePath();
        this.portBase = portBase;
        this.kafkaPort = kafkaPort;
        this.dbSuffix = "_" + name.replace('-', '_');
        this.replicas = replicas;
    }

    /** Starts what is not running (everything, the first time) and waits until all of it is healthy. */
    void up() {
        runSh(List.of("--detach", "--replicas", Integer.toString(replicas)));
        env = readEnv();
    }

    void down() {
        runSh(List.of("stop"));
    }

    String env(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in " + runDir.resolve("env"));
        }
        return value;
    }

    /** kill -9 of the service's process (instance 1 unless {@code pidFile} names another), waiting until it is gone. */
    void kill9(String pidFile) {
        Path file = runDir.resolve("pids").resolve(pidFile);
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("no PID file " + file, e);
        }
    }

    static boolean ready(String url) {
        return status(url + "/q/health/ready") == 200;
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static String get(String url, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String url, String bearer, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stopBroker() {
        LocalInfra.run("kafka-stop", runDir.toString());
    }

    void startBroker() {
        LocalInfra.run("kafka-start", runDir.toString(), Integer.toString(kafkaPort));
    }

    void refuseConnections(String database) {
        LocalInfra.run("postgres-refuse", database + dbSuffix);
    }

    void acceptConnections(String database) {
        LocalInfra.run("postgres-accept", database + dbSuffix);
    }

    /** The rows a query answers in one of the suite's databases (orders, sync, integration), as text lines. */
    List<String> sql(String database, String query) {
        String name = database + dbSuffix;
        try {
            ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-tA", "-h", "127.0.0.1", "-U", name, "-d", name,
                    "-c", query);
            builder.environment().put("PGPASSWORD", Files.readString(runDir.resolve("secrets/db-password")).strip());
            Process process = builder.redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long count(String database, String query) {
        List<String> rows = sql(database, query);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).strip());
    }

    private void runSh(List<String> args) {
        List<String> command = new ArrayList<>(List.of("bash", LocalInfra.suiteRoot().resolve("deploy/local/run.sh").toString()));
        command.addAll(args);
        Path log = runDir.resolve("run-sh.log");
        try {
            Files.createDirectories(runDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // a broker of its own: the faults stop it
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().put("RUN_DIR", runDir.toString());
            builder.environment().put("PORT_BASE", Integer.toString(portBase));
            builder.environment().put("KAFKA_PORT", Integer.toString(kafkaPort));
            builder.environment().put("DB_SUFFIX", dbSuffix);
            if (env == null && args.contains("--detach")) {
                builder.environment().put("FRESH_DATABASES", "yes");
            }
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

    private Map<String, String> readEnv() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(runDir.resolve("env"))) {
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
