package com.proign.shopify.sync.catalog;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import com.proign.shopify.sync.pull.SyncJob;

import io.smallrye.mutiny.Uni;

/** Product pulls as sync jobs: one at a time per tenant. */
public final class ProductJobs {

    private ProductJobs() {
    }

    /**
     * Queues a product pull for the tenant, in the caller's transaction, unless one is queued or running: then
     * that one. {@code kind}: manual or on_connect.
     */
    public static Uni<SyncJob> start(Mutiny.Session session, String tenant, String kind) {
        return session.createQuery("from SyncJob where tenant = :tenant and subject = 'products' "
                + "and status in ('queued', 'running') order by createdAt", SyncJob.class)
                .setParameter("tenant", tenant).setMaxResults(1).getResultList().chain(open -> {
                    if (!open.isEmpty()) {
                        return Uni.createFrom().item(open.get(0));
                    }
                    SyncJob job = new SyncJob();
                    job.id = UUID.randomUUID();
                    job.tenant = tenant;
                    job.kind = kind;
                    job.subject = "products";
                    job.mode = "paged";
                    job.status = "queued";
                    job.createdAt = OffsetDateTime.now();
                    job.updatedAt = job.createdAt;
                    return session.persist(job).replaceWith(job);
                });
    }
}
