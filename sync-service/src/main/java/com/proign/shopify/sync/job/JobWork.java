package com.proign.shopify.sync.job;

import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * One kind of sync job (paged orders, bulk orders, products): what it does from its checkpoint. The
 * {@link JobRunner} owns the rest (claim, lease, start, cancellation between parts, finish and the log lines).
 */
public interface JobWork {

    /** Saves progress: the change is applied to the job and committed with a renewed lease. */
    @FunctionalInterface
    interface Checkpoint {
        Uni<Void> save(Consumer<SyncJob> progress);
    }

    /** Whether this kind runs the job. */
    boolean runs(SyncJob job);

    /** Checks made once, before a queued job starts (a failure with a permanent ShopifyException fails it). */
    default Uni<Void> beforeStart(SyncJob job) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Does the next part of the job from its checkpoint (a page, or a whole export), saving its progress through
     * {@code checkpoint}; whether parts remain. The runner checks for a cancellation between parts.
     */
    Uni<Boolean> next(SyncJob job, Checkpoint checkpoint);
}
