package com.proign.shopify.sync.job;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.pull.PulledEvents;
import com.proign.shopify.sync.pull.PulledOrders;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * An orders pull, a GraphQL page at a time, oldest first: each page's orders go into the queue through the
 * webhooks' path (PulledOrders), then the cursor and counters are saved. The page size is chosen from the query's
 * cost so a page never asks for more than 1000 points; the client paces pages by the store's bucket.
 */
@ApplicationScoped
public class PagedOrdersWork implements JobWork {

    private final ShopifyGraphql shopify;
    private final PulledOrders pulled;
    private final MeterRegistry metrics;

    public PagedOrdersWork(ShopifyGraphql shopify, PulledOrders pulled, MeterRegistry metrics) {
        this.shopify = shopify;
        this.pulled = pulled;
        this.metrics = metrics;
    }

    @Override
    public boolean runs(SyncJob job) {
        return job.subject == JobSubject.orders && job.mode == JobMode.paged;
    }

    @Override
    public Uni<Void> beforeStart(SyncJob job) {
        return OrderRanges.checkScopes(shopify, job);
    }

    @Override
    public Uni<Boolean> next(SyncJob job, Checkpoint checkpoint) {
        int pageSize = job.pageSize == null ? PulledOrders.firstPageSize() : job.pageSize;
        PullTally.Counts counts = new PullTally.Counts(job);
        return pulled.page(job.tenant, pageSize, job.pageCursor, OrderRanges.search(job), "CREATED_AT")
                .call(page -> {
                    List<PulledEvents.Event> events = PulledOrders.events(job.tenant, page.nodes());
                    counts.add(job.orderFilter, events);
                    return pulled.publish(job.tenant, events);
                })
                .call(page -> checkpoint.save(j -> {
                    j.pages++;
                    j.ordersSeen += page.nodes().size();
                    counts.into(j);
                    j.costPoints += page.actualCost();
                    j.pageCursor = page.endCursor() == null ? j.pageCursor : page.endCursor();
                    j.pageSize = PulledOrders.nextSize(page, pageSize);
                    if (!page.nodes().isEmpty()) {
                        j.reached = OffsetDateTime.parse(((JsonObject) page.nodes().getValue(page.nodes().size() - 1))
                                .getString("createdAt"));
                    }
                }))
                .invoke(page -> metrics.counter("sync.pulled_orders").increment(page.nodes().size()))
                .map(PulledOrders.Page::hasNext);
    }
}
