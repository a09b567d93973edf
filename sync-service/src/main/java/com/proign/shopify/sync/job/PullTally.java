package com.proign.shopify.sync.job;

import java.util.List;
import java.util.Set;

import com.proign.shopify.sync.pull.PulledEvents;

/**
 * What a pull's orders do in the queue, to say so in the sync log: they enter it when they pass the tenant's order
 * status filter, wait as filtered until a later state passes, and are kept as cancelled when Shopify cancelled them.
 * The filter's rule is order-service's (TenantSettings.passes there; the services share no code, so a change to one
 * is a change to both).
 */
public final class PullTally {

    private PullTally() {
    }

    /** The financial statuses each filter lets into the queue; null for any. */
    static Set<String> admitted(String filter) {
        return switch (filter == null ? "paid" : filter) {
            case "any" -> null;
            case "authorized" -> Set.of("authorized", "partially_paid", "paid", "partially_refunded");
            default -> Set.of("paid", "partially_refunded");
        };
    }

    /** Running counts of a pull's orders: entering the queue, held back by the filter, cancelled. */
    static final class Counts {
        int queued;
        int filtered;
        int cancelled;

        Counts(SyncJob job) {
            queued = job.ordersQueued;
            filtered = job.ordersFiltered;
            cancelled = job.ordersCancelled;
        }

        /** Counts the events' orders under {@code filter}. */
        synchronized void add(String filter, List<PulledEvents.Event> events) {
            Set<String> admitted = admitted(filter);
            for (PulledEvents.Event event : events) {
                PulledEvents.OrderFacts order = event.order();
                if (order == null) {
                    continue;
                }
                if (order.cancelled()) {
                    cancelled++;
                } else if (admitted == null || admitted.contains(order.financialStatus())) {
                    queued++;
                } else {
                    filtered++;
                }
            }
        }

        synchronized void into(SyncJob job) {
            job.ordersQueued = queued;
            job.ordersFiltered = filtered;
            job.ordersCancelled = cancelled;
        }
    }

    /** The sync log's account of a finished pull. */
    static String describe(SyncJob job) {
        StringBuilder text = new StringBuilder(job.ordersQueued + " entered the queue");
        if (job.ordersFiltered > 0) {
            text.append(", ").append(job.ordersFiltered).append(" held back by the order status filter '")
                    .append(job.orderFilter).append("' (their financial status is not ")
                    .append("any".equals(job.orderFilter) ? "any" : String.join(" or ", admitted(job.orderFilter).stream().sorted().toList()))
                    .append(" yet: they enter the queue when it is, or when the filter is loosened in the settings)");
        }
        if (job.ordersCancelled > 0) {
            text.append(", ").append(job.ordersCancelled).append(" cancelled in Shopify (kept, never picked)");
        }
        return text.toString();
    }
}
