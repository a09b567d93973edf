package com.proign.shopify.integration.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.service.ConnectionService;
import com.proign.shopify.integration.service.PrivacyRequests;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Follows shopify.app, where the gateway publishes app/uninstalled and the privacy topics. An uninstall ends
 * the tenant's connection (Shopify has revoked the token and dropped the subscriptions) and publishes the new
 * state; the privacy topics go to {@link PrivacyRequests} (shop/redact deletes the store's connection). A record
 * without the gateway's headers goes to the dead-letter topic; database errors retry with backoff.
 */
@ApplicationScoped
public class AppEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AppEventsConsumer.class);

    private static final java.util.Set<String> PRIVACY_TOPICS = java.util.Set.of(
            "customers/redact", "customers/data_request", "shop/redact");

    private final ConnectionService connections;
    private final PrivacyRequests privacy;
    private final StateRelay relay;
    private final MeterRegistry metrics;

    public AppEventsConsumer(ConnectionService connections, PrivacyRequests privacy, StateRelay relay, MeterRegistry metrics) {
        this.connections = connections;
        this.privacy = privacy;
        this.relay = relay;
        this.metrics = metrics;
    }

    @Incoming("shopify-app")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String tenant = header(record, "ce_tenant");
        String topic = header(record, "ce_shopifytopic");
        String shop = header(record, "ce_shopdomain");
        if (tenant == null || topic == null || shop == null) {
            metrics.counter("integration.app_events", "topic", "unreadable", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "a shopify.app record without ce_tenant, ce_shopifytopic or ce_shopdomain"));
        }
        ShopDomain domain;
        try {
            domain = ShopDomain.parse(shop);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new IllegalArgumentException(topic + " for an invalid shop domain"));
        }
        OffsetDateTime triggeredAt = time(header(record, "ce_time"));
        if (PRIVACY_TOPICS.contains(topic)) {
            String webhookId = header(record, "ce_id");
            if (webhookId == null) {
                return Uni.createFrom().failure(new IllegalArgumentException("a " + topic + " record without ce_id"));
            }
            var delivery = new PrivacyRequests.Delivery(tenant, topic, webhookId, domain, triggeredAt);
            return Outages.waitOut(topic + " of " + domain, e -> e instanceof IllegalArgumentException
                    || Outages.refusedByDatabase(e), Uni.createFrom().deferred(() -> privacy.apply(delivery)))
                    .invoke(request -> metrics.counter("integration.app_events", "topic", topic, "outcome",
                            request.outcome.name()).increment())
                    .replaceWithVoid();
        }
        if (!"app/uninstalled".equals(topic)) {
            metrics.counter("integration.app_events", "topic", topic, "outcome", "ignored").increment();
            return Uni.createFrom().voidItem();
        }
        return Outages.waitOut("app/uninstalled of " + domain, e -> e instanceof IllegalArgumentException
                || Outages.refusedByDatabase(e), Uni.createFrom().deferred(() -> connections.markUninstalled(tenant, domain, triggeredAt)))
                .call(ended -> {
                    metrics.counter("integration.app_events", "topic", topic, "outcome", ended ? "disconnected" : "no_change")
                            .increment();
                    if (!ended) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("the app was uninstalled from %s: tenant %s is disconnected", domain, tenant);
                    return relay.publishSoon(Duration.ofSeconds(3));
                })
                .replaceWithVoid();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static OffsetDateTime time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
