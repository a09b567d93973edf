package com.proign.shopify.orders.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.FulfillmentHold;
import com.proign.shopify.orders.service.PoisonRecordException;
import com.proign.shopify.orders.service.ShopifyHolds;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Follows sync-service.fulfillment-holds: each fulfillment order's holds as Shopify has them, applied by
 * {@link ShopifyHolds}. An outage is waited out; a record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class FulfillmentHoldConsumer {

    private final ObjectMapper json;
    private final ShopifyHolds holds;
    private final MeterRegistry metrics;

    public FulfillmentHoldConsumer(ObjectMapper json, ShopifyHolds holds, MeterRegistry metrics) {
        this.json = json;
        this.holds = holds;
        this.metrics = metrics;
    }

    @Incoming("fulfillment-holds")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        FulfillmentHold state;
        try {
            state = read(json, record.value());
        } catch (PoisonRecordException e) {
            metrics.counter("orders.fulfillment_holds", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(e);
        }
        return Outages.waitOut("holds of fulfillment order " + state.fulfillmentOrderId(), Outages::cannotBeApplied,
                Uni.createFrom().deferred(() -> holds.apply(state)))
                .invoke(changed -> metrics.counter("orders.fulfillment_holds", "outcome",
                        state.held() ? "held" : "released").increment())
                .replaceWithVoid();
    }

    static FulfillmentHold read(ObjectMapper json, String value) {
        FulfillmentHold state;
        try {
            state = value == null ? null : json.readValue(value, FulfillmentHold.class);
        } catch (IOException e) {
            throw new PoisonRecordException("unreadable fulfillment hold state: not JSON of its shape");
        }
        if (state == null || state.tenant() == null || state.shopifyOrderId() == null || state.fulfillmentOrderId() == null
                || state.status() == null || state.readAt() == null) {
            throw new PoisonRecordException("unreadable fulfillment hold state: it needs tenant, shopify_order_id, "
                    + "fulfillment_order_id, status and read_at");
        }
        return state;
    }
}
