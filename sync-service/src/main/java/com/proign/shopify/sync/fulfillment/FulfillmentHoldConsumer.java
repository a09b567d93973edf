package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.messaging.Outages;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/**
 * Follows shopify.fulfillment-orders (fulfillment_orders/placed_on_hold and hold_released): the webhook names the
 * fulfillment order only, so its order, location and holds are read from Shopify
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentHold) and, when it is at the tenant's
 * fulfillment location, published to sync-service.fulfillment-holds for the queue, keyed by the order. A
 * fulfillment order elsewhere, a tenant whose fulfillment feature is off, or one Shopify no longer has, changes
 * nothing. Shopify being unreachable is waited out with backoff; a record that cannot be read is dead-lettered.
 */
@ApplicationScoped
public class FulfillmentHoldConsumer {

    private static final Logger LOG = Logger.getLogger(FulfillmentHoldConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A record that can never be applied. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private final ShopifyGraphql shopify;
    private final TenantSettingsRepository settings;
    private final MutinyEmitter<String> holds;
    private final MeterRegistry metrics;

    public FulfillmentHoldConsumer(ShopifyGraphql shopify, TenantSettingsRepository settings,
            @Channel("fulfillment-holds") MutinyEmitter<String> holds, MeterRegistry metrics) {
        this.shopify = shopify;
        this.settings = settings;
        this.holds = holds;
        this.metrics = metrics;
    }

    @Incoming("shopify-fulfillment-orders")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String tenant = header(record, "ce_tenant");
        String gid;
        try {
            gid = fulfillmentOrderOf(tenant, record.value());
        } catch (Unreadable e) {
            metrics.counter("sync.fulfillment_holds", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(e);
        }
        org.jboss.logging.MDC.put("tenant", tenant);
        return Outages.waitOut("fulfillment order " + gid + " of tenant " + tenant, Outages::refusedByDatabase,
                Panache.withSession(() -> settings.find(tenant)))
                .chain(found -> {
                    if (found == null || !found.connected() || found.off("fulfillment").isPresent()) {
                        count("ignored");
                        return Uni.createFrom().voidItem();
                    }
                    return read(tenant, gid).chain(fo -> publish(tenant, fo, found));
                });
    }

    /** Shopify's answer, an outage of Shopify waited out with backoff (the partition waits: holds stay in order). */
    private Uni<JsonObject> read(String tenant, String gid) {
        return WarehouseHolds.patiently(Uni.createFrom()
                .deferred(() -> shopify.execute(tenant, "FulfillmentOrderHolds", new JsonObject().put("id", gid), 4))
                .onFailure(e -> e instanceof ShopifyException s && s.transientFailure()).invoke(e -> LOG.warnf(
                        "reading the holds of %s waits for Shopify: %s", gid, e.getMessage())))
                .map(answer -> answer.data().getJsonObject("fulfillmentOrder"));
    }

    private Uni<Void> publish(String tenant, JsonObject fo, TenantSettings found) {
        FulfillmentHoldState state = FulfillmentHoldState.of(tenant, fo, OffsetDateTime.now(ZoneOffset.UTC));
        if (state == null) {
            count("unknown_fulfillment_order");
            return Uni.createFrom().voidItem();
        }
        Long location = FulfillmentHoldState.locationOf(fo);
        if (found.fulfillmentLocationId != null && !found.fulfillmentLocationId.equals(location)) {
            count("other_location");
            return Uni.createFrom().voidItem();
        }
        String value;
        try {
            value = JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return holds.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(tenant + ":" + state.shopifyOrderId()).build()))
                .invoke(() -> {
                    count(state.holds().isEmpty() ? "released" : "held");
                    LOG.infof("fulfillment order %d of order %d of tenant %s: %s, %d hold(s)", state.fulfillmentOrderId(),
                            state.shopifyOrderId(), tenant, state.status(), state.holds().size());
                });
    }

    private void count(String outcome) {
        metrics.counter("sync.fulfillment_holds", "outcome", outcome).increment();
    }

    /** The fulfillment order's gid in the webhook's body; Unreadable without a tenant or one. */
    static String fulfillmentOrderOf(String tenant, byte[] body) {
        if (tenant == null) {
            throw new Unreadable("a shopify.fulfillment-orders record without ce_tenant");
        }
        try {
            JsonNode id = body == null ? null : JSON.readTree(body).path("fulfillment_order").path("id");
            if (id == null || !id.isTextual() || !id.asText().startsWith("gid://shopify/FulfillmentOrder/")) {
                throw new Unreadable("a fulfillment order webhook without fulfillment_order.id");
            }
            return id.asText();
        } catch (IOException e) {
            throw new Unreadable("a fulfillment order webhook that is not JSON");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0 ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
