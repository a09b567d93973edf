package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Fulfilment sync-back rows, one per shipment. A row is read by its shipment id, which the request names with its
 * tenant (the consumer checks they match); {@link #duePending} serves every tenant by design (the retry job); the
 * rest takes the tenant first.
 */
@ApplicationScoped
public class FulfillmentSyncRepository implements PanacheRepositoryBase<FulfillmentSyncRecord, UUID> {

    /** How the tenant's fulfilments stand: waiting for Shopify, refused, synced in the last 24 hours. */
    public record Counts(long pending, long failed, long syncedLast24h) {
    }

    /** The shipment's row, locked until the transaction ends (a redelivery or another replica waits); null if none. */
    Uni<FulfillmentSyncRecord> lockedFor(UUID shipmentId) {
        return findById(shipmentId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The request's row, pending, inserted and flushed now so it is locked too: a concurrent first delivery of the
     * same request fails on the key and is retried.
     */
    Uni<FulfillmentSyncRecord> insertPending(FulfillmentRequest request, String raw) {
        FulfillmentSyncRecord row = new FulfillmentSyncRecord();
        row.shipmentId = request.shipmentId();
        row.tenant = request.tenant();
        row.shopifyOrderId = request.shopifyOrderId();
        row.status = SyncState.pending;
        row.request = raw;
        row.createdAt = OffsetDateTime.now();
        row.updatedAt = row.createdAt;
        return persistAndFlush(row);
    }

    /** Pending rows of any tenant not touched since {@code before}, oldest first. */
    Uni<List<FulfillmentSyncRecord>> duePending(OffsetDateTime before, int limit) {
        return find("status = ?1 and updatedAt < ?2 order by updatedAt", SyncState.pending, before).page(0, limit).list();
    }

    public Uni<Counts> counts(String tenant) {
        return count("tenant = ?1 and status = ?2", tenant, SyncState.pending)
                .chain(pending -> count("tenant = ?1 and status = ?2", tenant, SyncState.failed)
                        .chain(failed -> count("tenant = ?1 and status = ?2 and updatedAt > ?3", tenant, SyncState.synced,
                                OffsetDateTime.now().minusHours(24))
                                .map(synced -> new Counts(pending, failed, synced))));
    }
}
