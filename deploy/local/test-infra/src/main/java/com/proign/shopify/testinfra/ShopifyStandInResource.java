package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Shopify stand-in (deploy/local/shopify-standin) for a module's tests: the one named by
 * {@code SHOPIFY_STANDIN_URL} when set, otherwise its packaged jar started as a child process on a free port for
 * this test, with webhook retries compressed, and stopped after it. The module must build after
 * the stand-in: give it a test-scoped dependency on {@code shopify-standin} of type {@code pom}.
 *
 * <p>Init argument {@code url-property} names the configuration property that receives the stand-in's URL
 * (default {@code shopify.standin.url}); {@code webhook-time-scale} multiplies Shopify's webhook retry schedule
 * (default 0.001: four hours of retries in about 13 s). {@link ShopifyStandIn} talks to its control API.
 */
public class ShopifyStandInResource implements QuarkusTestResourceLifecycleManager {

    private String urlProperty = "shopify.standin.url";
    private String webhookTimeScale = "0.001";
    private Process process;

    @Override
    public void init(Map<String, String> initArgs) {
        urlProperty = initArgs.getOrDefault("url-property", urlProperty);
        webhookTimeScale = initArgs.getOrDefault("webhook-time-scale", webhookTimeScale);
    }

    @Override
    public Map<String, String> start() {
        String url = System.getenv("SHOPIFY_STANDIN_URL");
        if (url == null || url.isBlank()) {
            url = launch();
        }
        ShopifyStandIn.use(url);
        return Map.of(urlProperty, url);
    }

    private String launch() {
        Path jar = LocalInfra.suiteRoot().resolve("deploy/local/shopify-standin/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the Shopify stand-in is not built (" + jar + "): run "
                    + "./mvnw -pl deploy/local/shopify-standin -am package -DskipTests, or build the whole reactor");
        }
        int port = LocalInfra.freePort();
        Path log = LocalInfra.stateDir("logs").resolve("shopify-standin-" + port + ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("STANDIN_WEBHOOK_TIME_SCALE", webhookTimeScale);
            process = builder.start();
            String url = "http://127.0.0.1:" + port;
            awaitReady(url, log);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String url, Path log) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Shopify stand-in exited during start; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the Shopify stand-in was not ready within 60 s; see " + log);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
