package com.proign.shopify.sync.job;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.pull.BulkImport;

import io.smallrye.mutiny.Uni;

/**
 * An orders pull over a large range: one bulk export, its JSONL streamed into the queue (BulkImport), in one part.
 * It resumes at its operation (saved once started) and its count (saved every so many orders), so a restart
 * neither starts a second export nor publishes again what was published.
 */
@ApplicationScoped
public class BulkOrdersWork implements JobWork {

    private final ShopifyGraphql shopify;
    private final BulkImport bulkImport;

    public BulkOrdersWork(ShopifyGraphql shopify, BulkImport bulkImport) {
        this.shopify = shopify;
        this.bulkImport = bulkImport;
    }

    @Override
    public boolean runs(SyncJob job) {
        return job.subject == JobSubject.orders && job.mode == JobMode.bulk;
    }

    @Override
    public Uni<Void> beforeStart(SyncJob job) {
        return OrderRanges.checkScopes(shopify, job);
    }

    @Override
    public Uni<Boolean> next(SyncJob job, Checkpoint checkpoint) {
        PullTally.Counts counts = new PullTally.Counts(job);
        Uni<String> operation = job.bulkOperationId != null ? Uni.createFrom().item(job.bulkOperationId)
                : bulkImport.start(job.tenant, OrderRanges.search(job)).call(op -> checkpoint.save(j -> j.bulkOperationId = op));
        return operation
                .chain(op -> bulkImport.awaitUrl(job.tenant, op, () -> checkpoint.save(j -> { })))
                .chain(url -> url == null ? Uni.createFrom().item(0L)
                        : bulkImport.stream(job.tenant, url, job.ordersSeen, events -> counts.add(job.orderFilter, events),
                                (count, last) -> checkpoint.save(j -> {
                                    j.pages++;
                                    j.ordersSeen = count.intValue();
                                    counts.into(j);
                                    j.reached = OffsetDateTime.parse(last.getString("createdAt"));
                                })))
                .chain(count -> checkpoint.save(j -> {
                    j.ordersSeen = Math.max(j.ordersSeen, count.intValue());
                    counts.into(j);
                }))
                .replaceWith(false);
    }
}
