package com.proign.shopify.sync.pull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.catalog.ProductPull;
import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.log.SyncLog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Runs history pulls (SyncJob; product pulls too, see ProductPull, alike but without a range): pages through the store's orders created in the job's range, oldest first, and
 * publishes each as an orders/updated event on shopify.orders, the webhooks' own path into the queue (event id
 * {@code pull:<order>:<updated_at>}, so an order already seen in that state costs order-service nothing). After
 * every page the cursor and counters are saved with the job: a job whose instance stopped is taken up again, by
 * any instance, once its lease runs out, from the last page done. The page size is chosen from the query's cost
 * so a page never asks for more than 1000 points, and the client paces pages by the store's bucket. A range older
 * than 60 days without read_all_orders fails the job with that reason instead of pulling less than asked.
 */
@ApplicationScoped
public class HistoryPull {

    private static final Logger LOG = Logger.getLogger(HistoryPull.class);

    private final ShopifyGraphql shopify;
    private final PulledOrders pulled;
    private final BulkImport bulkImport;
    private final ProductPull products;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;
    private final Duration lease;
    private final int maxConcurrentJobs;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final io.vertx.core.Vertx vertx;

    public HistoryPull(ShopifyGraphql shopify, PulledOrders pulled, BulkImport bulkImport, ProductPull products,
            SyncLog syncLog, MeterRegistry metrics,
            @ConfigProperty(name = "sync.jobs.lease", defaultValue = "PT30S") Duration lease,
            @ConfigProperty(name = "sync.jobs.max-concurrent", defaultValue = "4") int maxConcurrentJobs, io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        this.shopify = shopify;
        this.pulled = pulled;
        this.bulkImport = bulkImport;
        this.products = products;
        this.syncLog = syncLog;
        this.metrics = metrics;
        this.lease = lease;
        this.maxConcurrentJobs = maxConcurrentJobs;
    }

    /**
     * Takes up queued jobs, and running ones whose instance let the lease lapse, as many as this instance has room
     * for (a burst, such as many stores connected at once, is not taken one per tick). Each job runs on a Vert.x
     * context of its own: the reactive session lives in the context, and jobs must not share one.
     */
    @Scheduled(every = "${sync.jobs.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> pump() {
        int room = maxConcurrentJobs - running.size();
        if (room <= 0) {
            return Uni.createFrom().voidItem();
        }
        return claim(room).invoke(jobs -> jobs.forEach(this::start)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("taking up sync jobs failed: %s", e.getMessage());
                    return null;
                });
    }

    private void start(UUID job) {
        if (!running.add(job)) {
            return;
        }
        io.vertx.core.Context context = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> run(job).onTermination().invoke(() -> running.remove(job))
                .subscribe().with(done -> { }, e -> LOG.errorf(e, "sync job %s stopped", job)));
    }

    private Uni<List<UUID>> claim(int limit) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE sync_job SET lease_until = now() + make_interval(secs => ?1), updated_at = now()
                 WHERE id IN (SELECT id FROM sync_job
                               WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                               ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
                RETURNING id""", UUID.class).setParameter(1, (double) lease.toSeconds()).setParameter(2, limit).getResultList()));
    }

    /** Runs the job from its checkpoint to the end (or a cancellation, or a failure). */
    Uni<Void> run(UUID id) {
        return load(id).chain(job -> {
            if (job != null) { // the job's log lines name its tenant (its own Vert.x context holds the MDC)
                org.jboss.logging.MDC.put("tenant", job.tenant);
                org.jboss.logging.MDC.put("job_id", id.toString());
            }
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            if (job.cancelRequested) {
                return finish(id, "cancelled", null);
            }
            Uni<Void> start = job.status.equals("queued") ? checkScopes(job).chain(() -> update(id, j -> {
                j.status = "running";
                j.startedAt = OffsetDateTime.now();
            })).call(() -> syncLog.record(job.tenant, SyncLog.Level.info, SyncLog.Kind.job, job.products()
                    ? "started: all products" + (job.kind.equals("on_connect") ? " (store connected)" : "")
                    : "started: orders created " + job.fromDate.toLocalDate() + " to " + job.toDate.toLocalDate()
                            + ", status " + job.orderStatus, id))
                    : Uni.createFrom().voidItem();
            return start.chain(() -> job.products() ? nextProductPage(id) : job.mode.equals("bulk") ? bulk(id) : nextPage(id));
        }).onFailure(e -> e instanceof ShopifyException s && !s.transientFailure())
                .recoverWithUni(e -> finish(id, "failed", e.getMessage()))
                .onFailure().recoverWithUni(e -> update(id, j -> j.error = "waiting to resume: " + e.getMessage())
                        .invoke(() -> LOG.warnf("sync job %s paused (resumes after its lease): %s", id, e.getMessage())));
    }

    private Uni<Void> checkScopes(SyncJob job) {
        if (job.products() || !job.fromDate.isBefore(OffsetDateTime.now().minusDays(60))) {
            return Uni.createFrom().voidItem();
        }
        return shopify.execute(job.tenant, "AccessScopes", new JsonObject(), 2).invoke(answer -> {
            boolean granted = answer.data().getJsonObject("currentAppInstallation").getJsonArray("accessScopes").stream()
                    .anyMatch(s -> "read_all_orders".equals(((JsonObject) s).getString("handle")));
            if (!granted) {
                throw new ShopifyException("orders older than 60 days need the read_all_orders scope, which the app "
                        + "lacks: add it to the app's Admin API scopes in Shopify, approve the update, and start the sync again", false);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> nextPage(UUID id) {
        return load(id).chain(job -> {
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            if (job.cancelRequested) {
                return finish(id, "cancelled", null);
            }
            int pageSize = job.pageSize == null ? PulledOrders.pageSize(PulledOrders.ORDER_COST) : job.pageSize;
            PullTally.Counts counts = new PullTally.Counts(job);
            return pulled.page(job.tenant, pageSize, job.pageCursor, search(job), "CREATED_AT")
                    .chain(page -> {
                        List<PulledEvents.Event> events = PulledOrders.events(job.tenant, page.nodes());
                        counts.add(job.orderFilter, events);
                        return pulled.publish(job.tenant, events).replaceWith(page);
                    })
                    .chain(page -> update(id, j -> {
                        j.pages++;
                        j.ordersSeen += page.nodes().size();
                        counts.into(j);
                        j.costPoints += page.actualCost();
                        j.pageCursor = page.endCursor() == null ? j.pageCursor : page.endCursor();
                        j.pageSize = PulledOrders.nextSize(page, pageSize);
                        j.error = null;
                        if (!page.nodes().isEmpty()) {
                            j.reached = OffsetDateTime.parse(((JsonObject) page.nodes().getValue(page.nodes().size() - 1))
                                    .getString("createdAt"));
                        }
                        j.leaseUntil = OffsetDateTime.now().plus(lease);
                    }).invoke(() -> metrics.counter("sync.pulled_orders").increment(page.nodes().size()))
                            .chain(() -> page.hasNext() ? nextPage(id) : finish(id, "completed", null)));
        });
    }

    /** The catalogue, a page at a time; the cursor is the checkpoint, as for orders. */
    private Uni<Void> nextProductPage(UUID id) {
        return load(id).chain(job -> {
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            if (job.cancelRequested) {
                return finish(id, "cancelled", null);
            }
            int pageSize = job.pageSize == null ? ProductPull.firstPageSize() : job.pageSize;
            return products.pull(job.tenant, pageSize, job.pageCursor).chain(page -> update(id, j -> {
                j.pages++;
                j.productsSeen += page.products();
                j.costPoints += page.actualCost();
                j.pageCursor = page.endCursor() == null ? j.pageCursor : page.endCursor();
                j.pageSize = ProductPull.nextSize(page, pageSize);
                j.error = null;
                j.leaseUntil = OffsetDateTime.now().plus(lease);
            }).invoke(() -> metrics.counter("sync.pulled_products").increment(page.products()))
                    .chain(() -> page.hasNext() ? nextProductPage(id) : finish(id, "completed", null)));
        });
    }

    /** A large range: one bulk export, its JSONL streamed into the queue; resumes at its operation or its count. */
    private Uni<Void> bulk(UUID id) {
        return load(id).chain(job -> {
            if (job.cancelRequested) {
                return finish(id, "cancelled", null);
            }
            PullTally.Counts counts = new PullTally.Counts(job);
            Uni<String> operation = job.bulkOperationId != null ? Uni.createFrom().item(job.bulkOperationId)
                    : bulkImport.start(job.tenant, search(job)).call(op -> update(id, j -> {
                        j.bulkOperationId = op;
                        j.leaseUntil = OffsetDateTime.now().plus(lease);
                    }));
            return operation
                    .chain(op -> bulkImport.awaitUrl(job.tenant, op, () -> update(id, j -> j.leaseUntil = OffsetDateTime.now().plus(lease))))
                    .chain(url -> url == null ? Uni.createFrom().item(0L)
                            : bulkImport.stream(job.tenant, url, job.ordersSeen, events -> counts.add(job.orderFilter, events),
                                    (count, last) -> update(id, j -> {
                                j.pages++;
                                j.ordersSeen = count.intValue();
                                counts.into(j);
                                j.reached = OffsetDateTime.parse(last.getString("createdAt"));
                                j.leaseUntil = OffsetDateTime.now().plus(lease);
                                j.error = null;
                            })))
                    .chain(count -> update(id, j -> {
                        j.ordersSeen = Math.max(j.ordersSeen, count.intValue());
                        counts.into(j);
                    }))
                    .chain(() -> finish(id, "completed", null));
        });
    }

    static String search(SyncJob job) {
        return "created_at:>='" + job.fromDate.toInstant() + "' created_at:<='" + job.toDate.toInstant() + "' "
                + OrderStatusFilter.valueOf(job.orderStatus).search();
    }

    private Uni<SyncJob> load(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(SyncJob.class, id)));
    }

    private Uni<Void> update(UUID id, java.util.function.Consumer<SyncJob> change) {
        return changed(id, change).replaceWithVoid();
    }

    /** The job after the change, committed. */
    private Uni<SyncJob> changed(UUID id, java.util.function.Consumer<SyncJob> change) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(SyncJob.class, id)
                .invoke(job -> {
                    change.accept(job);
                    job.updatedAt = OffsetDateTime.now();
                })));
    }

    private Uni<Void> finish(UUID id, String status, String error) {
        return changed(id, job -> {
            job.status = status;
            job.error = error;
            job.finishedAt = OffsetDateTime.now();
            job.leaseUntil = null;
        }).call(job -> {
            LOG.infof("sync job %s %s%s", id, status, error == null ? "" : ": " + error);
            return switch (status) {
                case "completed" -> syncLog.record(job.tenant, SyncLog.Level.info, SyncLog.Kind.job, job.products()
                        ? "pulled " + job.productsSeen + " product(s) in " + job.pages + " page(s)"
                        : "pulled " + job.ordersSeen + " order(s) created " + job.fromDate.toLocalDate() + " to "
                                + job.toDate.toLocalDate() + " in " + job.pages + " page(s): " + PullTally.describe(job), id);
                case "cancelled" -> syncLog.record(job.tenant, SyncLog.Level.warn, SyncLog.Kind.job, "cancelled after "
                        + (job.products() ? job.productsSeen + " product(s)" : job.ordersSeen + " order(s)"), id);
                default -> syncLog.record(job.tenant, SyncLog.Level.error, SyncLog.Kind.job, "failed: " + error, id);
            };
        }).replaceWithVoid();
    }

}
