package com.proign.shopify.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The webhook-gateway benchmark's two halves, on loopback only.
 *
 * <pre>
 * serve --port P --shop D --secret S     the bare ceiling: POST /webhooks/shopify verifies the HMAC and answers;
 *       [--token T]                      also answers the gateway's store lookup for D (tenant "bench"), and with
 *                                        T integration-service's access endpoint: tenant t, store t.myshopify.com, token T_t
 * load --url U --shop D --secret S --body FILE --seconds N (--rate R | --concurrency C) [--warmup W]
 *                                        signed deliveries of realistic bodies: at a fixed rate R (open loop,
 *                                        latency counted from when each was due) or C at a time (saturation),
 *                                        measured for N seconds after W (default 5) unrecorded ones
 *      [--retries true] [--retry-scale X] as Shopify delivers: a delivery not answered 2xx within 5 s is sent
 *                                        again, same webhook id and body, up to 8 times on Shopify's exponential
 *                                        schedule (4 h in all, compressed by X; default 0.0177: 1, 2, 4 … 128 s)
 * </pre>
 * Shopify's retry policy since 2024-09: 8 retries over 4 hours with exponential back-off
 * (https://shopify.dev/changelog/updates-to-webhook-retry-mechanism).
 */
public final class WebhookLoad {

    private WebhookLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args.length == 0 ? "" : args[0]) {
            case "serve" -> serve(Integer.parseInt(options.get("port")), options.get("shop"), options.get("secret"),
                    options.get("token"));
            case "load" -> load(options);
            default -> {
                System.err.println("usage: serve --port P --shop D --secret S | load --url U --shop D --secret S "
                        + "--body FILE --seconds N (--rate R | --concurrency C)");
                System.exit(2);
            }
        }
    }

    static byte[] sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    private static void serve(int port, String shop, String secret, String token) {
        Vertx vertx = Vertx.vertx();
        String lookup = "{\"tenant\":\"bench\",\"shop_domain\":\"" + shop + "\",\"secrets\":[\"" + secret + "\"]}";
        // with --token T: also integration-service's access endpoint for the sync-service: tenant t has the store
        // t.myshopify.com and the token T_t
        vertx.createHttpServer().requestHandler(request -> {
            if (request.method() == HttpMethod.GET && request.path().startsWith("/internal/shops/")) {
                request.response().putHeader("Content-Type", "application/json").end(lookup);
                return;
            }
            if (request.method() == HttpMethod.GET && token != null && request.path().startsWith("/internal/tenants/")
                    && request.path().endsWith("/shopify-access")) {
                String tenant = request.path().split("/")[3];
                request.response().putHeader("Content-Type", "application/json").end("{\"tenant\":\"" + tenant
                        + "\",\"shop_domain\":\"" + tenant + ".myshopify.com\",\"access_token\":\"" + token + "_" + tenant
                        + "\",\"api_version\":\"2026-10\",\"expires_at\":null}");
                return;
            }
            request.body().onSuccess(body -> {
                try {
                    byte[] claimed = Base64.getDecoder().decode(request.getHeader("X-Shopify-Hmac-Sha256"));
                    boolean valid = MessageDigest.isEqual(sign(body.getBytes(), secret), claimed);
                    request.response().setStatusCode(valid ? 200 : 401).end();
                } catch (Exception e) {
                    request.response().setStatusCode(400).end();
                }
            });
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        System.out.println("serving on 127.0.0.1:" + port);
    }

    /**
     * Shopify's wait before retry {@code attempt} (1 to 8), doubling each time, the eight adding up to 4 hours
     * (2^(attempt-1) / 255 of them), scaled.
     */
    private static void schedule(Vertx vertx, double scale, int attempt, AtomicLong pending, AtomicLong retried, Runnable retry) {
        long delayMs = Math.max(1, (long) (TimeUnit.HOURS.toMillis(4) * scale * (1L << (attempt - 1)) / 255));
        pending.incrementAndGet();
        retried.incrementAndGet();
        vertx.setTimer(delayMs, id -> retry.run());
    }

    private static void load(Map<String, String> o) throws Exception {
        java.net.URI url = java.net.URI.create(o.get("url"));
        String shop = o.get("shop");
        String secret = o.get("secret");
        int seconds = Integer.parseInt(o.get("seconds"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "0"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "64"));
        // the first seconds run at the same load unrecorded: connections opened, code compiled, on both sides
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        String template = Files.readString(Path.of(o.get("body")));
        // --distinct true: every delivery a new order (its own id, body and signature), as a busy store sends them
        boolean distinct = Boolean.parseBoolean(o.getOrDefault("distinct", "false"));
        long firstId = Long.parseLong(o.getOrDefault("first-id", "9007199254740993"));
        // --total N: stop after N deliveries (saturation), e.g. to fill a backlog
        long total = Long.parseLong(o.getOrDefault("total", "0"));
        // --retries true: what Shopify does when an answer is not 2xx within its 5 s: the same delivery again later
        boolean retries = Boolean.parseBoolean(o.getOrDefault("retries", "false"));
        double retryScale = Double.parseDouble(o.getOrDefault("retry-scale", "0.0177"));
        AtomicLong retried = new AtomicLong();
        AtomicLong abandoned = new AtomicLong();
        AtomicLong retriesPending = new AtomicLong();
        // --accepted FILE: "order-id epoch-microseconds" of each delivery the gateway took (200), for latency checks
        java.io.PrintWriter accepted = o.containsKey("accepted")
                ? new java.io.PrintWriter(Files.newBufferedWriter(Path.of(o.get("accepted")))) : null;
        java.util.regex.Matcher idAt = java.util.regex.Pattern.compile("\"id\": \\d+").matcher(template);
        if (!idAt.find()) {
            throw new IllegalArgumentException("the body has no \"id\": <number>");
        }
        String before = template.substring(0, idAt.start());
        String after = template.substring(idAt.end());

        // a thousand orders, each its own id (so its own partition key) and signature
        int variants = 1000;
        Buffer[] bodies = new Buffer[variants];
        String[] signatures = new String[variants];
        for (int i = 0; i < variants; i++) {
            byte[] body = template.replaceFirst("\"id\": \\d+", "\"id\": " + (9_007_199_254_740_993L + i))
                    .getBytes(StandardCharsets.UTF_8);
            bodies[i] = Buffer.buffer(body);
            signatures[i] = Base64.getEncoder().encodeToString(sign(body, secret));
        }

        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(2000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(rate > 0 ? 64 : concurrency));
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long recordFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong inFlight = new AtomicLong();

        Runnable[] send = new Runnable[1];
        // a retry: the same webhook id, body and signature, after Shopify's wait for the attempt (2^attempt minutes
        // of 4 hours' schedule, scaled), until 8 retries are spent
        @SuppressWarnings("unchecked")
        java.util.function.Consumer<Object[]>[] redeliver = new java.util.function.Consumer[1];
        redeliver[0] = attempt -> {
            String webhookId = (String) attempt[0];
            Buffer body = (Buffer) attempt[1];
            String signature = (String) attempt[2];
            long orderId = (Long) attempt[3];
            int tries = (Integer) attempt[4];
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(url.getPort())
                    .setURI(url.getPath()).setTimeout(5_000)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Shopify-Topic", "orders/updated")
                    .putHeader("X-Shopify-Shop-Domain", shop)
                    .putHeader("X-Shopify-API-Version", "2026-10")
                    .putHeader("X-Shopify-Webhook-Id", webhookId)
                    .putHeader("X-Shopify-Hmac-Sha256", signature))
                    .compose(request -> request.send(body))
                    .onComplete(result -> {
                        retriesPending.decrementAndGet();
                        if (result.succeeded() && result.result().statusCode() / 100 == 2) {
                            if (accepted != null) {
                                java.time.Instant at = java.time.Instant.now();
                                synchronized (accepted) {
                                    accepted.println(orderId + " " + (at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000));
                                }
                            }
                        } else if (tries < 8) {
                            schedule(vertx, retryScale, tries + 1, retriesPending, retried,
                                    () -> redeliver[0].accept(new Object[] { webhookId, body, signature, orderId, tries + 1 }));
                        } else {
                            abandoned.incrementAndGet();
                        }
                    });
        };
        java.util.function.LongConsumer deliver = dueAt -> {
            long sequence = sent.getAndIncrement();
            if (total > 0 && sequence >= total) {
                if (inFlight.get() == 0) {
                    done.countDown();
                }
                return;
            }
            int i = (int) (sequence % variants);
            long orderId = distinct ? firstId + sequence : 9_007_199_254_740_993L + i;
            Buffer body;
            String signature;
            if (distinct) {
                byte[] bytes = (before + "\"id\": " + orderId + after).getBytes(StandardCharsets.UTF_8);
                body = Buffer.buffer(bytes);
                try {
                    signature = Base64.getEncoder().encodeToString(sign(bytes, secret));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else {
                body = bodies[i];
                signature = signatures[i];
            }
            inFlight.incrementAndGet();
            String webhookId = UUID.randomUUID().toString();
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(url.getPort())
                    .setURI(url.getPath()).setTimeout(retries ? 5_000 : 30_000)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Shopify-Topic", "orders/updated")
                    .putHeader("X-Shopify-Shop-Domain", shop)
                    .putHeader("X-Shopify-API-Version", "2026-10")
                    .putHeader("X-Shopify-Webhook-Id", webhookId)
                    .putHeader("X-Shopify-Hmac-Sha256", signature))
                    .compose(request -> request.send(body))
                    .onComplete(result -> {
                        long now = System.nanoTime();
                        if (retries && !(result.succeeded() && result.result().statusCode() / 100 == 2)) {
                            schedule(vertx, retryScale, 1, retriesPending, retried,
                                    () -> redeliver[0].accept(new Object[] { webhookId, body, signature, orderId, 1 }));
                        }
                        if (accepted != null && result.succeeded() && result.result().statusCode() == 200) {
                            java.time.Instant at = java.time.Instant.now();
                            synchronized (accepted) {
                                accepted.println(orderId + " " + (at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000));
                            }
                        }
                        if (dueAt >= recordFrom) {
                            if (result.succeeded() && result.result().statusCode() == 200) {
                                ok.incrementAndGet();
                                latency.recordValue(Math.max(0, now - dueAt));
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        inFlight.decrementAndGet();
                        boolean exhausted = total > 0 && sent.get() >= total;
                        if (rate == 0 && now < end && !exhausted) {
                            send[0].run();
                        } else if ((now >= end || exhausted) && inFlight.get() == 0
                                && (rate == 0 || sent.get() >= (long) rate * (seconds + warmup))) {
                            // (at a fixed rate, only once the last due delivery was sent too)
                            done.countDown();
                        }
                    });
        };
        if (rate > 0) {
            // open loop: every millisecond, send what is due by now; a late send still counts from its due time
            long[] scheduled = { 0 };
            vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                long due = Math.min((now - start) * rate / 1_000_000_000L, (long) rate * (seconds + warmup));
                while (scheduled[0] < due) {
                    deliver.accept(start + scheduled[0] * 1_000_000_000L / rate);
                    scheduled[0]++;
                }
                if (now >= end) {
                    vertx.cancelTimer(id);
                    if (inFlight.get() == 0) {
                        done.countDown();
                    }
                }
            });
        } else {
            send[0] = () -> deliver.accept(System.nanoTime());
            // saturation counts only deliveries sent after the warm-up
            for (int c = 0; c < concurrency; c++) {
                vertx.runOnContext(v -> send[0].run());
            }
        }
        done.await(warmup + seconds + 60L, TimeUnit.SECONDS);
        // the retries still due are waited for (Shopify keeps retrying after the store stops selling)
        long retryDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(60, (long) (4 * 3600 * retryScale) + 60));
        while (retriesPending.get() > 0 && System.nanoTime() < retryDeadline) {
            Thread.sleep(100);
        }
        if (accepted != null) {
            synchronized (accepted) {
                accepted.close();
            }
        }
        double elapsed = (System.nanoTime() - recordFrom) / 1e9;
        System.out.printf("%-10s %-22s offered=%-8s done=%8d failed=%6d rate=%8.0f/s p50=%7.2fms p99=%7.2fms max=%8.2fms%s%n",
                o.getOrDefault("label", "run"), url.getPort() + url.getPath(),
                rate > 0 ? rate + "/s" : "c=" + concurrency, ok.get(), failed.get(), ok.get() / elapsed,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6,
                retries ? " retried=" + retried.get() + " abandoned=" + abandoned.get() + " unsettled=" + retriesPending.get() : "");
        vertx.close();
    }
}
