package com.proign.shopify.sync.job;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.catalog.ProductPull;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** A product pull: the store's catalogue, a page at a time (ProductPull); the cursor is the checkpoint. */
@ApplicationScoped
public class ProductsWork implements JobWork {

    private final ProductPull products;
    private final MeterRegistry metrics;

    public ProductsWork(ProductPull products, MeterRegistry metrics) {
        this.products = products;
        this.metrics = metrics;
    }

    @Override
    public boolean runs(SyncJob job) {
        return job.products();
    }

    @Override
    public Uni<Boolean> next(SyncJob job, Checkpoint checkpoint) {
        int pageSize = job.pageSize == null ? ProductPull.firstPageSize() : job.pageSize;
        return products.pull(job.tenant, pageSize, job.pageCursor).call(page -> checkpoint.save(j -> {
            j.pages++;
            j.productsSeen += page.products();
            j.costPoints += page.actualCost();
            j.pageCursor = page.endCursor() == null ? j.pageCursor : page.endCursor();
            j.pageSize = ProductPull.nextSize(page, pageSize);
        })).invoke(page -> metrics.counter("sync.pulled_products").increment(page.products()))
                .map(ProductPull.Page::hasNext);
    }
}
