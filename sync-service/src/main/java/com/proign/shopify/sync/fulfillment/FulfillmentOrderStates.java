package com.proign.shopify.sync.fulfillment;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.settings.TenantSettings;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/**
 * Reads every fulfillment order of the order a fulfillment order belongs to from Shopify
 * (OrderFulfillmentOrders.graphql, https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder) and
 * publishes them to sync-service.fulfillment-orders for the queue, in one message keyed by the order. Used when
 * Shopify says a fulfillment order changed (FulfillmentOrderConsumer) and by the interval reconciliation for those a
 * webhook did not tell of. Shopify being unreachable is waited out with backoff.
 */
@ApplicationScoped
public class FulfillmentOrderStates {

    private static final Logger LOG = Logger.getLogger(FulfillmentOrderStates.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ShopifyGraphql shopify;
    private final FulfillmentOrderLines lines;
    private final MutinyEmitter<String> states;
    private final MeterRegistry metrics;

    public FulfillmentOrderStates(ShopifyGraphql shopify, FulfillmentOrderLines lines,
            @Channel("fulfillment-order-states") MutinyEmitter<String> states, MeterRegistry metrics) {
        this.shopify = shopify;
        this.lines = lines;
        this.states = states;
        this.metrics = metrics;
    }

    /**
     * Reads the order of fulfillment order {@code gid} and publishes its fulfillment orders, each as the warehouse's
     * to fulfil or not (TenantSettings#fulfilsAt), an outage
     * of Shopify waited out with backoff (a consumer's partition waits: changes stay in order). The state published,
     * or null when Shopify has no such fulfillment order.
     */
    public Uni<FulfillmentOrdersState> refresh(String tenant, String gid, TenantSettings settings) {
        return WarehouseHolds.patiently(read(tenant, gid)
                .onFailure(e -> e instanceof ShopifyException s && s.transientFailure()).invoke(e -> LOG.warnf(
                        "reading the fulfillment orders of %s waits for Shopify: %s", gid, e.getMessage())))
                .chain(order -> publish(tenant, order, settings));
    }

    /** The same once: a failure is the caller's (the reconciliation's pass fails and the next one tries again). */
    public Uni<FulfillmentOrdersState> refreshOnce(String tenant, String gid, TenantSettings settings) {
        return read(tenant, gid).chain(order -> publish(tenant, order, settings));
    }

    /**
     * The open fulfillment orders updated since {@code since}, oldest first: one of each order's, by order id, in the
     * order Shopify lists them (each order is read once a pass however many of its fulfillment orders changed).
     */
    public Uni<java.util.Map<String, String>> updatedSince(String tenant, OffsetDateTime since) {
        return updatedPages(tenant, "updated_at:>='" + since.toInstant() + "'", null, new java.util.LinkedHashMap<>());
    }

    private Uni<java.util.Map<String, String>> updatedPages(String tenant, String query, String after,
            java.util.Map<String, String> byOrder) {
        JsonObject variables = new JsonObject().put("query", query).put("after", after);
        return shopify.execute(tenant, "FulfillmentOrdersUpdated", variables, 52).chain(answer -> {
            JsonObject connection = answer.data().getJsonObject("fulfillmentOrders");
            for (Object node : connection.getJsonArray("nodes")) {
                JsonObject fo = (JsonObject) node;
                byOrder.putIfAbsent(fo.getString("orderId"), fo.getString("id"));
            }
            JsonObject page = connection.getJsonObject("pageInfo");
            return page.getBoolean("hasNextPage", false) ? updatedPages(tenant, query, page.getString("endCursor"), byOrder)
                    : Uni.createFrom().item(byOrder);
        });
    }

    /**
     * The order of the fulfillment order with its fulfillment orders and every line of each, or null when Shopify
     * has no such one.
     */
    private Uni<JsonObject> read(String tenant, String gid) {
        return Uni.createFrom()
                .deferred(() -> shopify.execute(tenant, "OrderFulfillmentOrders", new JsonObject().put("id", gid), 352))
                .map(answer -> {
                    JsonObject fo = answer.data().getJsonObject("fulfillmentOrder");
                    return fo == null ? null : fo.getJsonObject("order");
                })
                .call(order -> lines.completeOrder(tenant, order));
    }

    private Uni<FulfillmentOrdersState> publish(String tenant, JsonObject order, TenantSettings settings) {
        FulfillmentOrdersState state = FulfillmentOrdersState.of(tenant, order, settings::fulfilsAt, OffsetDateTime.now(ZoneOffset.UTC));
        if (state == null) {
            count("unknown_fulfillment_order");
            return Uni.createFrom().nullItem();
        }
        String value;
        try {
            value = JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return states.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(tenant + ":" + state.shopifyOrderId()).build()))
                .invoke(() -> {
                    count("published");
                    LOG.infof("order %d of tenant %s: %d fulfillment order(s), %d at the fulfillment location, %d held there",
                            state.shopifyOrderId(), tenant, state.fulfillmentOrders().size(),
                            state.fulfillmentOrders().stream().filter(FulfillmentOrdersState.FulfillmentOrder::atFulfillmentLocation).count(),
                            state.fulfillmentOrders().stream().filter(fo -> fo.atFulfillmentLocation() && !fo.holds().isEmpty()).count());
                })
                .replaceWith(state);
    }

    void count(String outcome) {
        metrics.counter("sync.fulfillment_orders", "outcome", outcome).increment();
    }
}
