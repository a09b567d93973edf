package com.proign.shopify.gateway.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.gateway.WebhookDelivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts every delivery by outcome and logs each rejection once as a security event: store, topic, webhook id,
 * remote address and reason, never the body or a secret. An outage of Kafka or integration-service (answered 503,
 * so Shopify retries) is logged in one line when it starts, a summary at most every 10 s while it lasts, and one
 * line when deliveries go through again; never a line, let alone a stack trace, per delivery.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger SECURITY = Logger.getLogger("security.webhooks");
    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);
    private static final long SUMMARY_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** The topics Shopify sends this suite (WebhookTopics in integration-service), counted from the start. */
    static final List<String> KNOWN_TOPICS = List.of("orders/create", "orders/updated", "orders/cancelled", "orders/paid",
            "orders/fulfilled", "orders/partially_fulfilled", "orders/edited", "refunds/create", "products/update", "products/create",
            "inventory_levels/update", "fulfillment_orders/placed_on_hold", "fulfillment_orders/hold_released",
            "fulfillment_orders/moved", "fulfillment_orders/split", "fulfillment_orders/merged", "fulfillment_orders/rescheduled",
            "fulfillment_orders/scheduled_fulfillment_order_ready", "fulfillment_orders/order_routing_complete",
            "fulfillment_orders/fulfillment_request_submitted", "fulfillment_orders/cancellation_request_submitted", "app/uninstalled",
            "customers/data_request", "customers/redact", "shop/redact");

    /** One outage of a dependency: since when, how many deliveries it cost, what was last said about it. */
    private static final class Outage {
        final long since = System.nanoTime();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong refusedSinceSummary = new AtomicLong();
        volatile long summarisedAt = since;
        volatile String lastFailure;
    }

    private final MeterRegistry registry;
    private final Timer publishLatency;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Outage>> outages = new ConcurrentHashMap<>();

    public DeliveryOutcomes(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder("shopify.webhooks.publish.latency")
                .description("time from a verified delivery to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
        // registered now, not on the event loop by the first deliveries after a start
        for (String topic : KNOWN_TOPICS) {
            counter(topic, "published");
        }
        for (String outcome : List.of("ignored")) {
            counter("unhandled", outcome);
        }
        for (String outcome : List.of("rejected_missing_headers", "rejected_invalid_headers", "rejected_too_large",
                "rejected_empty_body", "rejected_unknown_store", "rejected_bad_signature", "kafka_unavailable",
                "integration_service_unavailable")) {
            counter("unverified", outcome);
        }
    }

    public void published(WebhookDelivery delivery, String kafkaTopic, Duration took) {
        publishLatency.record(took);
        counter(delivery.topic(), "published").increment();
        ended("kafka");
        LOG.debugf("published %s %s to %s", delivery.topic(), delivery.webhookId(), kafkaTopic);
    }

    public void ignored(WebhookDelivery delivery) {
        counter("unhandled", "ignored").increment();
        LOG.infof("acknowledged without publishing: no route for topic %s (store %s, webhook %s)",
                delivery.topic(), delivery.shopDomain(), delivery.webhookId());
    }

    public void rejected(WebhookDelivery delivery, String remoteAddress, String reason) {
        counter("unverified", "rejected_" + reason).increment();
        SECURITY.warnf("webhook rejected: reason=%s store=%s topic=%s webhook_id=%s remote=%s",
                reason, clipped(delivery.shopDomain()), clipped(delivery.topic()), clipped(delivery.webhookId()), remoteAddress);
    }

    /** A delivery answered 503 because {@code dependency} (kafka, integration_service) did not answer in time. */
    public void unavailable(WebhookDelivery delivery, String dependency, Throwable failure) {
        counter("unverified", dependency + "_unavailable").increment();
        AtomicReference<Outage> current = outages.computeIfAbsent(dependency, d -> new AtomicReference<>());
        Outage outage = current.get();
        if (outage == null) {
            Outage started = new Outage();
            if (current.compareAndSet(null, started)) {
                LOG.warnf("%s unavailable: answering 503 so that Shopify retries (first: store %s, topic %s, webhook %s): %s",
                        dependency, delivery.shopDomain(), delivery.topic(), delivery.webhookId(), summary(failure));
            }
            outage = current.get();
        }
        outage.refused.incrementAndGet();
        outage.refusedSinceSummary.incrementAndGet();
        outage.lastFailure = summary(failure);
        long now = System.nanoTime();
        if (now - outage.summarisedAt > SUMMARY_EVERY_NANOS) {
            outage.summarisedAt = now;
            LOG.warnf("%s still unavailable after %d s: %d deliveries answered 503 in the last 10 s (%d in all); last: %s",
                    dependency, Duration.ofNanos(now - outage.since).toSeconds(), outage.refusedSinceSummary.getAndSet(0),
                    outage.refused.get(), outage.lastFailure);
        }
    }

    /** A delivery that needed {@code dependency} went through: the outage, if there was one, is over. */
    public void ended(String dependency) {
        AtomicReference<Outage> current = outages.get(dependency);
        Outage outage = current == null ? null : current.getAndSet(null);
        if (outage != null) {
            LOG.infof("%s is back after %d s: %d deliveries were answered 503 meanwhile", dependency,
                    Duration.ofNanos(System.nanoTime() - outage.since).toSeconds(), outage.refused.get());
        }
    }

    private Counter counter(String topic, String outcome) {
        return counters.computeIfAbsent(topic + '\u0000' + outcome, key -> Counter.builder("shopify.webhooks")
                .description("webhook deliveries by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry));
    }

    /** The failure in one phrase: its type's simple name and message, no stack. */
    private static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A header as logged: whole up to 128 characters (a refused delivery's may be much longer), then cut. */
    private static String clipped(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128) + "…(" + value.length() + " chars)";
    }
}
