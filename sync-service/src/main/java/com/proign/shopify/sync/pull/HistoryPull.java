package com.proign.shopify.sync.pull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs history pulls (SyncJob): pages through the store's orders created in the job's range, oldest first, and
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
    private static final double MAX_QUERY_COST = 1000;
    /** Requested cost of one order in OrdersPage.graphql, and of the connection itself (see the file). */
    private static final double ORDER_COST = 46;
    private static final double CONNECTION_COST = 2;

    private final ShopifyGraphql shopify;
    private final MutinyEmitter<byte[]> orders;
    private final MeterRegistry metrics;
    private final Duration lease;
    private final int maxConcurrentJobs;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public HistoryPull(ShopifyGraphql shopify, @Channel("pulled-orders") MutinyEmitter<byte[]> orders, MeterRegistry metrics,
            @ConfigProperty(name = "sync.jobs.lease", defaultValue = "PT30S") Duration lease,
            @ConfigProperty(name = "sync.jobs.max-concurrent", defaultValue = "4") int maxConcurrentJobs) {
        this.shopify = shopify;
        this.orders = orders;
        this.metrics = metrics;
        this.lease = lease;
        this.maxConcurrentJobs = maxConcurrentJobs;
    }

    /** Takes up queued jobs, and running ones whose instance let the lease lapse. */
    @Scheduled(every = "${sync.jobs.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pump() {
        if (running.size() >= maxConcurrentJobs) {
            return Uni.createFrom().voidItem();
        }
        return claim().invoke(job -> {
            if (job != null && running.add(job)) {
                run(job).onTermination().invoke(() -> running.remove(job))
                        .subscribe().with(ignored -> { }, e -> LOG.errorf(e, "sync job %s stopped", job));
            }
        }).replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("taking up sync jobs failed: %s", e.getMessage());
            return null;
        });
    }

    private Uni<UUID> claim() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE sync_job SET lease_until = now() + make_interval(secs => ?1), updated_at = now()
                 WHERE id = (SELECT id FROM sync_job
                              WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""", UUID.class).setParameter(1, (double) lease.toSeconds()).getResultList()))
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** Runs the job from its checkpoint to the end (or a cancellation, or a failure). */
    Uni<Void> run(UUID id) {
        return load(id).chain(job -> {
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            if (job.cancelRequested) {
                return finish(id, "cancelled", null);
            }
            Uni<Void> start = job.status.equals("queued") ? checkScopes(job).chain(() -> update(id, j -> {
                j.status = "running";
                j.startedAt = OffsetDateTime.now();
            })) : Uni.createFrom().voidItem();
            return start.chain(() -> nextPage(id));
        }).onFailure(e -> e instanceof ShopifyException s && !s.transientFailure())
                .recoverWithUni(e -> finish(id, "failed", e.getMessage()))
                .onFailure().recoverWithUni(e -> update(id, j -> j.error = "waiting to resume: " + e.getMessage())
                        .invoke(() -> LOG.warnf("sync job %s paused (resumes after its lease): %s", id, e.getMessage())));
    }

    private Uni<Void> checkScopes(SyncJob job) {
        if (!job.fromDate.isBefore(OffsetDateTime.now().minusDays(60))) {
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
            int pageSize = job.pageSize == null ? pageSize(ORDER_COST) : job.pageSize;
            JsonObject variables = new JsonObject().put("first", pageSize).put("after", job.pageCursor)
                    .put("query", search(job)).put("sortKey", "CREATED_AT");
            return shopify.execute(job.tenant, "OrdersPage", variables, CONNECTION_COST + pageSize * ORDER_COST)
                    .chain(answer -> {
                        JsonObject connection = answer.data().getJsonObject("orders");
                        JsonArray nodes = connection.getJsonArray("nodes");
                        return publish(job.tenant, nodes).chain(() -> update(id, j -> {
                            j.pages++;
                            j.ordersSeen += nodes.size();
                            j.costPoints += answer.actualCost();
                            j.pageCursor = connection.getJsonObject("pageInfo").getString("endCursor", j.pageCursor);
                            j.pageSize = pageSize(Math.max(1, (answer.requestedCost() - CONNECTION_COST) / Math.max(1, pageSize)));
                            j.error = null;
                            if (!nodes.isEmpty()) {
                                j.reached = OffsetDateTime.parse(((JsonObject) nodes.getValue(nodes.size() - 1)).getString("createdAt"));
                            }
                            j.leaseUntil = OffsetDateTime.now().plus(lease);
                        })).invoke(() -> metrics.counter("sync.pulled_orders").increment(nodes.size()))
                                .chain(() -> connection.getJsonObject("pageInfo").getBoolean("hasNextPage", false)
                                        ? nextPage(id)
                                        : finish(id, "completed", null));
                    });
        });
    }

    /** The largest page whose requested cost stays within Shopify's 1000 points per query. */
    static int pageSize(double perOrder) {
        return (int) Math.max(1, Math.min(250, Math.floor((MAX_QUERY_COST - CONNECTION_COST) / perOrder)));
    }

    static String search(SyncJob job) {
        String status = job.orderStatus.equals("any") ? "status:any" : "status:" + job.orderStatus;
        return "created_at:>='" + job.fromDate.toInstant() + "' created_at:<='" + job.toDate.toInstant() + "' " + status;
    }

    private Uni<Void> publish(String tenant, JsonArray nodes) {
        List<Uni<Void>> sends = new ArrayList<>(nodes.size());
        for (Object item : nodes) {
            JsonObject node = (JsonObject) item;
            JsonObject body = OrderPayloads.toRest(node);
            long orderId = body.getLong("id");
            sends.add(orders.sendMessage(Message.of(body.encode().getBytes(StandardCharsets.UTF_8))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(tenant + ":" + orderId).build())
                    .addMetadata(OutgoingCloudEventMetadata.builder()
                            .withId("pull:" + orderId + ":" + body.getString("updated_at"))
                            .withType("com.shopify.orders.updated")
                            .withSource(URI.create("urn:proign:sync-service"))
                            .withDataContentType("application/json")
                            .withExtension("tenant", tenant)
                            .withExtension("shopifytopic", "orders/updated")
                            .withExtension("shopifyapiversion", ShopifyGraphql.API_VERSION)
                            .withTimestamp(ZonedDateTime.now())
                            .build())));
        }
        Context context = Vertx.currentContext();
        Uni<Void> all = sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
        return context == null ? all : all.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private Uni<SyncJob> load(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(SyncJob.class, id)));
    }

    private Uni<Void> update(UUID id, java.util.function.Consumer<SyncJob> change) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(SyncJob.class, id)
                .invoke(job -> {
                    change.accept(job);
                    job.updatedAt = OffsetDateTime.now();
                }))).replaceWithVoid();
    }

    private Uni<Void> finish(UUID id, String status, String error) {
        return update(id, job -> {
            job.status = status;
            job.error = error;
            job.finishedAt = OffsetDateTime.now();
            job.leaseUntil = null;
        }).invoke(() -> LOG.infof("sync job %s %s%s", id, status, error == null ? "" : ": " + error));
    }

}
