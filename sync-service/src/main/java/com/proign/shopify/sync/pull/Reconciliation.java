package com.proign.shopify.sync.pull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.log.SyncLog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Interval reconciliation (webhooks get lost, delayed or removed after failed deliveries:
 * https://shopify.dev/docs/apps/build/webhooks/best-practices#implement-reconciliation-jobs): for each connected tenant, once its
 * auto-sync interval (default hourly) has passed since the last pass, the orders updated since the watermark minus
 * an overlap, any status, oldest update first, go into the queue through the webhooks' path. The watermark moves to
 * the newest update seen. What else changed in the same window is caught up by the packages that own it
 * ({@link AfterReconciliation}: the fulfillment orders Shopify updated). A tenant's pass is claimed with a lease on its tenant_sync_state row,
 * so exactly one replica runs it; a crashed replica's lease runs out and the next tick takes it up.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final PulledOrders pulled;
    private final Instance<AfterReconciliation> after;
    private final TenantSyncStateRepository states;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;
    private final Duration overlap;
    private final Duration initialLookback;
    private final Duration lease;

    public Reconciliation(PulledOrders pulled, @Any Instance<AfterReconciliation> after, TenantSyncStateRepository states,
            SyncLog syncLog, MeterRegistry metrics, SyncConfig config) {
        this.pulled = pulled;
        this.after = after;
        this.states = states;
        this.syncLog = syncLog;
        this.metrics = metrics;
        this.overlap = config.reconcile().overlap();
        this.initialLookback = config.reconcile().initialLookback();
        this.lease = config.reconcile().lease();
    }

    @Scheduled(every = "${sync.reconcile.tick:60s}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return due().chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> pass(tenant).onFailure().recoverWithItem(e -> {
                    LOG.warnf("reconciliation of tenant %s failed: %s", tenant, e.getMessage());
                    return -1;
                }))
                .collect().asList().replaceWithVoid());
    }

    Uni<List<String>> due() {
        return states.due();
    }

    /** One pass for the tenant, if this instance gets its lease; the orders published, or -1 when another holds it. */
    public Uni<Integer> pass(String tenant) {
        return claim(tenant).chain(state -> {
            if (state == null) {
                return Uni.createFrom().item(-1);
            }
            OffsetDateTime started = OffsetDateTime.now();
            OffsetDateTime since = (state.ordersWatermark == null ? started.minus(initialLookback) : state.ordersWatermark)
                    .minus(overlap);
            String query = "updated_at:>='" + since.toInstant() + "' status:any";
            return pages(tenant, query, null, PulledOrders.pageSize(PulledOrders.ORDER_COST), new Progress(0, state.ordersWatermark))
                    .chain(progress -> catchUp(tenant, since).chain(more -> release(tenant, started, progress, null)
                            .call(() -> syncLog.record(tenant, SyncLog.Level.info, SyncLog.Kind.reconcile, "reconciled "
                                    + progress.orders() + " order(s) updated since " + since
                                    + (more.isEmpty() ? "" : ", and " + String.join(", ", more)), null))
                            .replaceWith(progress.orders())))
                    .onFailure().call(e -> release(tenant, started, null, e.getMessage())
                            .call(() -> syncLog.record(tenant, SyncLog.Level.error, SyncLog.Kind.reconcile,
                                    "reconciliation failed: " + e.getMessage(), null)));
        });
    }

    private record Progress(int orders, OffsetDateTime watermark) {
    }

    /** What the other packages catch up on in the same window (AfterReconciliation), in words. */
    private Uni<List<String>> catchUp(String tenant, OffsetDateTime since) {
        return Multi.createFrom().iterable(after)
                .onItem().transformToUniAndConcatenate(part -> part.since(tenant, since).onItem().ifNull().continueWith(""))
                .select().where(words -> !words.isEmpty()).collect().asList();
    }

    private Uni<Progress> pages(String tenant, String query, String after, int size, Progress progress) {
        return pulled.page(tenant, size, after, query, "UPDATED_AT").chain(page -> pulled.publish(tenant, page.nodes())
                .chain(() -> {
                    OffsetDateTime newest = progress.watermark();
                    for (Object node : page.nodes()) {
                        OffsetDateTime updated = OffsetDateTime.parse(((JsonObject) node).getString("updatedAt"));
                        newest = newest == null || updated.isAfter(newest) ? updated : newest;
                    }
                    metrics.counter("sync.reconciled_orders").increment(page.nodes().size());
                    Progress next = new Progress(progress.orders() + page.nodes().size(), newest);
                    return page.hasNext() ? pages(tenant, query, page.endCursor(), PulledOrders.nextSize(page, size), next)
                            : Uni.createFrom().item(next);
                }));
    }

    /** Takes the tenant's lease if no live one is held; the state, or null when another instance has it. */
    private Uni<TenantSyncState> claim(String tenant) {
        return Panache.withTransaction(() -> states.claim(tenant, lease));
    }

    private Uni<Void> release(String tenant, OffsetDateTime started, Progress progress, String error) {
        return Panache.withTransaction(() -> states.find(tenant).invoke(state -> {
                    state.leaseUntil = null;
                    state.lastPassFinished = OffsetDateTime.now();
                    state.lastError = error;
                    if (progress != null) {
                        state.ordersWatermark = progress.watermark() != null ? progress.watermark() : started.minus(overlap);
                        state.lastPassOrders = progress.orders();
                        LOG.infof("reconciled tenant %s: %d order(s) updated since the last pass", tenant, progress.orders());
                    }
                })).replaceWithVoid();
    }

}
