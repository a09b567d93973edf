package com.proign.shopify.orders.messaging;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.orders.FulfillmentOrdersState;
import com.proign.shopify.orders.service.PoisonRecordException;
import com.proign.shopify.orders.service.ShopifyFulfillmentOrders;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Follows sync-service.fulfillment-orders: an order's fulfillment orders as Shopify has them, applied by
 * {@link ShopifyFulfillmentOrders}. An outage is waited out; a record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class FulfillmentOrderConsumer {

    private final ObjectMapper json;
    private final ShopifyFulfillmentOrders holds;
    private final MeterRegistry metrics;

    public FulfillmentOrderConsumer(ObjectMapper json, ShopifyFulfillmentOrders holds, MeterRegistry metrics) {
        this.json = json;
        this.holds = holds;
        this.metrics = metrics;
    }

    @Incoming("fulfillment-order-states")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        FulfillmentOrdersState state;
        try {
            state = read(json, record.value());
        } catch (PoisonRecordException e) {
            metrics.counter("orders.fulfillment_orders", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(e);
        }
        return Outages.waitOut("fulfillment orders of order " + state.shopifyOrderId(), Outages::cannotBeApplied,
                Uni.createFrom().deferred(() -> holds.apply(state)))
                .invoke(changed -> metrics.counter("orders.fulfillment_orders", "outcome",
                        changed > 0 ? "changed" : "unchanged").increment())
                .replaceWithVoid();
    }

    /**
     * The state in the record; a message of the shape before the location and lines were carried (one fulfillment
     * order at the top level, always the fulfillment location's) is read as an order with that one.
     */
    static FulfillmentOrdersState read(ObjectMapper json, String value) {
        FulfillmentOrdersState state;
        try {
            JsonNode tree = value == null ? null : json.readTree(value);
            if (tree != null && tree.isObject() && !tree.has("fulfillment_orders") && tree.has("fulfillment_order_id")) {
                ObjectNode single = ((ObjectNode) tree).deepCopy();
                single.remove(List.of("tenant", "shopify_order_id", "read_at"));
                single.put("at_fulfillment_location", true);
                ObjectNode wrapped = json.createObjectNode();
                wrapped.set("tenant", tree.get("tenant"));
                wrapped.set("shopify_order_id", tree.get("shopify_order_id"));
                wrapped.set("read_at", tree.get("read_at"));
                wrapped.putArray("fulfillment_orders").add(single);
                tree = wrapped;
            }
            state = tree == null ? null : json.treeToValue(tree, FulfillmentOrdersState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonRecordException("unreadable fulfillment orders state: not JSON of its shape");
        }
        if (state == null || state.tenant() == null || state.shopifyOrderId() == null || state.readAt() == null
                || state.fulfillmentOrders() == null || state.fulfillmentOrders().stream()
                        .anyMatch(fo -> fo == null || fo.fulfillmentOrderId() == null || fo.status() == null)) {
            throw new PoisonRecordException("unreadable fulfillment orders state: it needs tenant, shopify_order_id, "
                    + "read_at and fulfillment_orders, each with fulfillment_order_id and status");
        }
        return state;
    }
}
