package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.context.Contexts;
import com.proign.shopify.sync.messaging.Outages;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows shopify.fulfillment-orders (fulfillment_orders/order_routing_complete, placed_on_hold, hold_released, moved,
 * split, merged, rescheduled, scheduled_fulfillment_order_ready; fulfillment_request_submitted and
 * cancellation_request_submitted to the warehouse's fulfillment service): the webhook names fulfillment orders only, so every
 * fulfillment order of their order is read from Shopify and published for the queue in one message
 * (FulfillmentOrderStates). A tenant whose fulfillment feature is off, or a fulfillment order Shopify no longer has,
 * changes nothing. Shopify being unreachable is waited out with backoff; a record that cannot be read is
 * dead-lettered.
 */
@ApplicationScoped
public class FulfillmentOrderConsumer {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A record that can never be applied. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private final FulfillmentOrderStates refreshed;
    private final MerchantRequests requests;
    private final TenantSettingsRepository settings;
    private final MeterRegistry metrics;

    public FulfillmentOrderConsumer(FulfillmentOrderStates refreshed, MerchantRequests requests,
            TenantSettingsRepository settings, MeterRegistry metrics) {
        this.refreshed = refreshed;
        this.requests = requests;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Incoming("shopify-fulfillment-orders")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String tenant = header(record, "ce_tenant");
        String gid;
        try {
            gid = fulfillmentOrderOf(tenant, record.value());
        } catch (Unreadable e) {
            metrics.counter("sync.fulfillment_orders", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(e);
        }
        org.jboss.logging.MDC.put("tenant", tenant);
        return Outages.waitOut("fulfillment order " + gid + " of tenant " + tenant, Outages::refusedByDatabase,
                Panache.withSession(() -> settings.find(tenant)))
                .chain(found -> {
                    if (found == null || !found.connected() || found.fulfillmentOff().isPresent()) {
                        count("ignored");
                        return Uni.createFrom().voidItem();
                    }
                    // a request to the warehouse's fulfillment service is answered by the tenant's rule (MerchantRequests)
                    return Contexts.onCallersContext(refreshed.refresh(tenant, gid, found))
                            .chain(state -> requests.answerByRule(tenant, found, state));
                });
    }

    private void count(String outcome) {
        refreshed.count(outcome);
    }

    /**
     * A fulfillment order's gid in the webhook's body: the first the body names (fulfillment_order, the
     * original_fulfillment_order of a move, the fulfillment_order of a merge's result); Unreadable without a tenant
     * or one.
     */
    static String fulfillmentOrderOf(String tenant, byte[] body) {
        if (tenant == null) {
            throw new Unreadable("a shopify.fulfillment-orders record without ce_tenant");
        }
        try {
            String gid = body == null ? null : firstFulfillmentOrder(JSON.readTree(body));
            if (gid == null) {
                throw new Unreadable("a fulfillment order webhook that names no fulfillment order");
            }
            return gid;
        } catch (IOException e) {
            throw new Unreadable("a fulfillment order webhook that is not JSON");
        }
    }

    private static String firstFulfillmentOrder(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().matches("gid://shopify/FulfillmentOrder/[0-9]+") ? node.asText() : null;
        }
        for (JsonNode child : node) {
            String found = firstFulfillmentOrder(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0 ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
