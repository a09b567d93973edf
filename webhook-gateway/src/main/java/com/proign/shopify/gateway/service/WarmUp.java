package com.proign.shopify.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.proign.shopify.gateway.config.GatewayConfig;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Readiness waits until the delivery path has run once: the signature check and the body's key read (class
 * loading, the JIT's first compilations, the JCA provider) and the Kafka producer's metadata for every topic it
 * writes, so that the first deliveries after a start do not stall the event loop or wait for metadata while Shopify's
 * 5 s run.
 */
@ApplicationScoped
@Readiness
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final WebhookVerifier verifier;
    private final TopicRouter router;
    private final KafkaClientService kafka;
    private final GatewayConfig config;
    private final AtomicBoolean done = new AtomicBoolean();

    public WarmUp(WebhookVerifier verifier, TopicRouter router, KafkaClientService kafka, GatewayConfig config) {
        this.verifier = verifier;
        this.router = router;
        this.kafka = kafka;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        long began = System.nanoTime();
        byte[] body = "{\"id\":1073459981,\"inventory_item_id\":1,\"location_id\":2,\"updated_at\":\"2026-11-25T10:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        String hmac = java.util.Base64.getEncoder().encodeToString(WebhookVerifier.sign(body, "warm-up"));
        for (int i = 0; i < 2_000; i++) {
            verifier.verify(body, hmac, List.of("warm-up"));
            router.route(i % 2 == 0 ? "orders/updated" : "inventory_levels/update", "warm-up", body);
        }
        var topics = config.topics();
        var producer = kafka.getProducer("shopify-webhooks");
        if (producer == null) {
            done.set(true);
            LOG.infof("warmed up in %d ms (the Kafka producer was not there yet)", Duration.ofNanos(System.nanoTime() - began).toMillis());
            return;
        }
        Uni.join().all(List.of(topics.orders(), topics.products(), topics.inventoryLevels(), topics.app()).stream()
                .map(topic -> producer.partitionsFor(topic).ifNoItem().after(Duration.ofSeconds(30)).fail().replaceWithVoid())
                .toList()).andCollectFailures()
                .subscribe().with(ok -> {
                    done.set(true);
                    LOG.infof("warmed up in %d ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
                }, failure -> {
                    // Kafka is not there yet: readiness follows it anyway; do not hold the start back for ever
                    done.set(true);
                    LOG.infof("warmed up without Kafka's metadata (%s)", failure.getMessage());
                });
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done.get()).build();
    }
}
