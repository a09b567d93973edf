package com.proign.shopify.orders.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.orders.FulfillmentHold;
import com.proign.shopify.orders.repository.FulfillmentHoldRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Shopify's holds in the queue (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentHold): an order
 * whose fulfillment order at the warehouse's location is held in Shopify (awaiting payment, high risk of fraud,
 * incorrect address, out of stock, other; by the merchant or by Shopify) is on_hold with Shopify's reason and cannot
 * be picked; when Shopify releases every hold it returns to where it was. A later state of a fulfillment order wins
 * over an earlier one, whatever order they arrive in; an order imported after its hold was read is held by a pass
 * every {@code orders.holds.sweep-every}. The warehouse's own hold (POST .../hold) is separate: an order the
 * warehouse holds stays held by it.
 */
@ApplicationScoped
public class ShopifyHolds {

    private static final Logger LOG = Logger.getLogger(ShopifyHolds.class);

    private final FulfillmentHoldRepository holds;

    public ShopifyHolds(FulfillmentHoldRepository holds) {
        this.holds = holds;
    }

    /** Records the state and applies it to the order; how many orders changed (0 for an older state). */
    public Uni<Integer> apply(FulfillmentHold state) {
        return holds.inTransaction(c -> holds.record(c, state).chain(recorded -> recorded
                ? holds.apply(c, state.tenant(), state.shopifyOrderId())
                : Uni.createFrom().item(0)))
                .invoke(changed -> LOG.infof("fulfillment order %d of order %d of tenant %s is %s%s; %d order(s) changed",
                        state.fulfillmentOrderId(), state.shopifyOrderId(), state.tenant(), state.status(),
                        state.held() ? " (" + state.reasons() + ")" : "", changed));
    }

    @Scheduled(every = "${orders.holds.sweep-every:10s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> holdLateImports() {
        return holds.holdLateImports()
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("%d order(s) imported after Shopify held them are on hold", changed);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("holding late imports failed, the next pass takes over: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
