package com.proign.shopify.gateway.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.gateway.WebhookDelivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts every delivery by outcome and logs each rejection once as a security event: store, topic, webhook id,
 * remote address and reason, never the body or a secret.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger SECURITY = Logger.getLogger("security.webhooks");
    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    private final MeterRegistry registry;
    private final Timer publishLatency;

    public DeliveryOutcomes(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder("shopify.webhooks.publish.latency")
                .description("time from a verified delivery to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void published(WebhookDelivery delivery, String kafkaTopic, Duration took) {
        publishLatency.record(took);
        count(delivery.topic(), "published");
        LOG.debugf("published %s %s to %s", delivery.topic(), delivery.webhookId(), kafkaTopic);
    }

    public void ignored(WebhookDelivery delivery) {
        count("unhandled", "ignored");
        LOG.infof("acknowledged without publishing: no route for topic %s (store %s, webhook %s)",
                delivery.topic(), delivery.shopDomain(), delivery.webhookId());
    }

    public void rejected(WebhookDelivery delivery, String remoteAddress, String reason) {
        count("unverified", "rejected_" + reason);
        SECURITY.warnf("webhook rejected: reason=%s store=%s topic=%s webhook_id=%s remote=%s",
                reason, clipped(delivery.shopDomain()), clipped(delivery.topic()), clipped(delivery.webhookId()), remoteAddress);
    }

    /** A header as logged: whole up to 128 characters (a refused delivery's may be much longer), then cut. */
    private static String clipped(String value) {
        return value == null || value.length() <= 128 ? value : value.substring(0, 128) + "…(" + value.length() + " chars)";
    }

    public void unavailable(WebhookDelivery delivery, String dependency, Throwable failure) {
        count("unverified", dependency + "_unavailable");
        LOG.warnf("answered 503, %s unavailable (store %s, topic %s, webhook %s): %s",
                dependency, delivery.shopDomain(), delivery.topic(), delivery.webhookId(), failure.toString());
    }

    private void count(String topic, String outcome) {
        Counter.builder("shopify.webhooks")
                .description("webhook deliveries by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
