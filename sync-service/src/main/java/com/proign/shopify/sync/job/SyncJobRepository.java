package com.proign.shopify.sync.job;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Sync jobs. Every query the API serves is scoped by tenant (the tenant comes first); two read across tenants by
 * design, because the runner serves all of them: {@link #claim} takes up any tenant's due jobs, and the runner then
 * works on a job by its id ({@link #byId}, {@link #change}).
 */
@ApplicationScoped
public class SyncJobRepository implements PanacheRepositoryBase<SyncJob, UUID> {

    /** The tenant's job, or null (also when the id is another tenant's). */
    public Uni<SyncJob> find(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** The tenant's newest jobs first. */
    public Uni<List<SyncJob>> newest(String tenant, int limit) {
        return find("tenant = ?1 order by createdAt desc", tenant).page(0, limit).list();
    }

    /** An orders pull, queued, in the caller's transaction. */
    public Uni<SyncJob> queueOrders(String tenant, OffsetDateTime from, OffsetDateTime to, String orderStatus,
            String orderFilter, JobMode mode) {
        SyncJob job = queued(tenant, JobKind.manual, JobSubject.orders, mode);
        job.fromDate = from;
        job.toDate = to;
        job.orderStatus = orderStatus;
        job.orderFilter = orderFilter;
        return persist(job);
    }

    /**
     * A product pull, queued in the caller's transaction, unless one is queued or running: then that one (one at a
     * time per tenant).
     */
    public Uni<SyncJob> queueProducts(String tenant, JobKind kind) {
        return find("tenant = ?1 and subject = ?2 and status in (?3) order by createdAt", tenant, JobSubject.products,
                List.of(JobStatus.queued, JobStatus.running)).firstResult()
                .chain(open -> open != null ? Uni.createFrom().item(open)
                        : persist(queued(tenant, kind, JobSubject.products, JobMode.paged)));
    }

    private static SyncJob queued(String tenant, JobKind kind, JobSubject subject, JobMode mode) {
        SyncJob job = new SyncJob();
        job.id = UUID.randomUUID();
        job.tenant = tenant;
        job.kind = kind;
        job.subject = subject;
        job.mode = mode;
        job.status = JobStatus.queued;
        job.createdAt = OffsetDateTime.now();
        job.updatedAt = job.createdAt;
        return job;
    }

    /**
     * Leases up to {@code limit} jobs, of any tenant, that are queued or whose runner let the lease lapse, oldest
     * first; rows another instance is claiming are skipped. Their ids.
     */
    public Uni<List<UUID>> claim(int limit, Duration lease) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE sync_job SET lease_until = now() + make_interval(secs => ?1), updated_at = now()
                 WHERE id IN (SELECT id FROM sync_job
                               WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                               ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
                RETURNING id""", UUID.class).setParameter(1, (double) lease.toSeconds()).setParameter(2, limit)
                .getResultList()));
    }

    /** The job the runner leased, in a session of its own; null if it was deleted. */
    public Uni<SyncJob> byId(UUID id) {
        return Panache.withSession(() -> findById(id));
    }

    /** Applies {@code change} to the job and commits it; the job as committed. */
    public Uni<SyncJob> change(UUID id, Consumer<SyncJob> change) {
        return Panache.withTransaction(() -> findById(id).invoke(job -> {
            change.accept(job);
            job.updatedAt = OffsetDateTime.now();
        }));
    }
}
