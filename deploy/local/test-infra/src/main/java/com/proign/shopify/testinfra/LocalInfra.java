package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy/local/infra.sh, the one place that knows how to start PostgreSQL and Kafka on this machine,
 * so tests and scripts bring the infrastructure up the same way.
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    /** The reactor's root: the {@code suite.root} system property Maven sets, else the nearest folder with mvnw. */
    public static Path suiteRoot() {
        String configured = System.getProperty("suite.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the reactor root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    /** A folder under the reactor's deploy/local/.test for this test run's broker, logs and keys. */
    public static Path stateDir(String name) {
        Path dir = suiteRoot().resolve("deploy/local/.test").resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(suiteRoot().resolve("deploy/local/infra.sh").toString());
        command.addAll(List.of(args));
        Path log = stateDir("logs").resolve("infra.log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command) + " (see " + log + ")");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed with exit " + process.exitValue() + ": " + String.join(" ", command)
                        + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes a state folder this run made, with everything in it. */
    public static void delete(String dir) {
        try (var paths = Files.walk(Path.of(dir))) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port P with P and P + 1 both free (a broker's listener and its controller), picked below Linux's
     * ephemeral range (32768 up) so outgoing connections do not take them in the meantime.
     */
    public static int freePortPair() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (bindable(port) && bindable(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two free neighbouring ports between 20000 and 32000");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
