package com.proign.shopify.sync.pull;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;

/**
 * What else a tenant's reconciliation pass catches up on after its orders, in the same window (the fulfillment
 * orders Shopify changed, say): implemented by the package that owns it, so this one depends on none of them.
 */
public interface AfterReconciliation {

    /** Catches up on what changed since {@code since}; how many orders it touched, in words for the sync log, or null. */
    Uni<String> since(String tenant, OffsetDateTime since);
}
