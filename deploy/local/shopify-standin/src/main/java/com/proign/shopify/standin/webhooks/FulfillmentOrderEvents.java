package com.proign.shopify.standin.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.FulfillmentOrder;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.RestPayloads;
import com.proign.shopify.standin.store.Store;

/**
 * Changes of an order's fulfillment orders that the merchant makes in the admin (the simulator) or an app makes with
 * the Admin API (GraphQL) alike, each delivered as the webhook Shopify sends for it: fulfillment_orders/moved,
 * split, merged, rescheduled and scheduled_fulfillment_order_ready
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/order-management-apps/manage-fulfillments).
 * The caller holds the store's lock.
 */
@ApplicationScoped
public class FulfillmentOrderEvents {

    private final WebhookDispatcher webhooks;

    public FulfillmentOrderEvents(WebhookDispatcher webhooks) {
        this.webhooks = webhooks;
    }

    /** Moves the items (all that remain when {@code quantities} is null) to the location. */
    public Store.Moved move(Store store, FulfillmentOrder fo, Location to, Map<Long, Integer> quantities) {
        Store.Moved moved = store.move(fo, to, quantities);
        webhooks.emit(store, "fulfillment_orders/moved",
                RestPayloads.fulfillmentOrderMoved(moved.original(), moved.moved(), fo.locationId(), quantities));
        return moved;
    }

    /** Splits the quantities off into a new fulfillment order at the same location; the new one. */
    public FulfillmentOrder split(Store store, FulfillmentOrder fo, Map<Long, Integer> quantities) {
        FulfillmentOrder remaining = store.split(fo, quantities);
        webhooks.emit(store, "fulfillment_orders/split",
                RestPayloads.fulfillmentOrderSplit(store.find(fo.id()), remaining, quantities));
        return remaining;
    }

    /** Merges fulfillment orders of one order at one location into the first; the merged one. */
    public FulfillmentOrder merge(Store store, List<FulfillmentOrder> merging) {
        FulfillmentOrder merged = store.merge(merging);
        webhooks.emit(store, "fulfillment_orders/merged", RestPayloads.fulfillmentOrdersMerged(merging, merged));
        return merged;
    }

    /** A scheduled fulfillment order gets a new fulfil-at time. */
    public FulfillmentOrder reschedule(Store store, FulfillmentOrder fo, OffsetDateTime fulfillAt) {
        FulfillmentOrder rescheduled = fo.scheduled(fulfillAt);
        store.replaceFulfillmentOrder(rescheduled);
        webhooks.emit(store, "fulfillment_orders/rescheduled", RestPayloads.fulfillmentOrderScheduled(rescheduled));
        return rescheduled;
    }

    /** A scheduled fulfillment order's time came (or it was opened early): it is open. */
    public FulfillmentOrder open(Store store, FulfillmentOrder fo) {
        FulfillmentOrder opened = fo.scheduled(null);
        store.replaceFulfillmentOrder(opened);
        webhooks.emit(store, "fulfillment_orders/scheduled_fulfillment_order_ready",
                RestPayloads.fulfillmentOrderScheduled(opened));
        return opened;
    }

    /** The merchant asks the fulfillment service to fulfil it (or to cancel it): the request is sent, and delivered. */
    public FulfillmentOrder request(Store store, FulfillmentOrder fo, String kind, String message, boolean notifyCustomer) {
        boolean cancellation = "CANCELLATION_REQUEST".equals(kind);
        FulfillmentOrder requested = fo.requested(cancellation ? "CANCELLATION_REQUESTED" : "SUBMITTED",
                new FulfillmentOrder.MerchantRequest(store.nextId(), kind, message,
                        OffsetDateTime.now(java.time.ZoneOffset.UTC), notifyCustomer, null, null));
        store.replaceFulfillmentOrder(requested);
        webhooks.emit(store, cancellation ? "fulfillment_orders/cancellation_request_submitted"
                : "fulfillment_orders/fulfillment_request_submitted", RestPayloads.fulfillmentOrderRequested(fo, requested,
                        requested.requests().get(requested.requests().size() - 1)));
        return requested;
    }

    /** The fulfillment service answers the merchant's request; Shopify delivers {@code topic}. */
    public FulfillmentOrder answer(Store store, FulfillmentOrder fo, String kind, String status, String requestStatus,
            String message, String reason, String topic) {
        FulfillmentOrder answered = fo.answered(kind, status, requestStatus, message, reason);
        store.replaceFulfillmentOrder(answered);
        webhooks.emit(store, topic, RestPayloads.fulfillmentOrderAnswered(answered, message, reason));
        return answered;
    }
}
