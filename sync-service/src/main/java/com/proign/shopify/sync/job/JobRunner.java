package com.proign.shopify.sync.job;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.context.JobContexts;
import com.proign.shopify.sync.log.SyncLog;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.SafeVertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs sync jobs, whatever their kind (a {@link JobWork}: paged orders, bulk orders, products): claims queued jobs
 * and those whose instance let the lease lapse, starts them (checks, the started line), runs their parts with a
 * checkpoint after each that renews the lease, stops at a cancellation between parts, and finishes them (completed,
 * cancelled or failed, with the log line). A job whose instance stopped is taken up again, by any instance, once its
 * lease runs out, from its last checkpoint. A permanent Shopify refusal fails the job; anything else (an outage)
 * leaves it running with the reason, to be taken up again after its lease.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final SyncJobRepository jobs;
    private final List<JobWork> kinds;
    private final SyncLog syncLog;
    private final SyncConfig.Jobs config;
    private final Vertx vertx;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public JobRunner(SyncJobRepository jobs, Instance<JobWork> kinds, SyncLog syncLog, SyncConfig config, Vertx vertx) {
        this.jobs = jobs;
        this.kinds = kinds.stream().toList();
        this.syncLog = syncLog;
        this.config = config.jobs();
        this.vertx = vertx;
    }

    /** Takes up as many jobs as this instance has room for (a burst, such as many stores connected at once, is not taken one per tick). */
    @Scheduled(every = "${sync.jobs.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> pump() {
        int room = config.maxConcurrent() - running.size();
        if (room <= 0) {
            return Uni.createFrom().voidItem();
        }
        return jobs.claim(room, config.lease()).invoke(claimed -> claimed.forEach(this::start)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("taking up sync jobs failed: %s", e.getMessage());
                    return null;
                });
    }

    /** Each job on a context of its own: the reactive session lives in the context, and jobs must not share one. */
    private void start(UUID id) {
        if (running.add(id)) {
            JobContexts.onNewContext(vertx, () -> run(id).onTermination().invoke(() -> running.remove(id))
                    .onFailure().invoke(e -> LOG.errorf(e, "sync job %s stopped", id)));
        }
    }

    /** Runs the job from its checkpoint to the end (or a cancellation, or a failure). */
    @SafeVertxContext
    Uni<Void> run(UUID id) {
        return jobs.byId(id).chain(job -> {
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            MDC.put("tenant", job.tenant); // the job's log lines name its tenant (its own context holds the MDC)
            MDC.put("job_id", id.toString());
            JobWork work = kindOf(job);
            if (job.cancelRequested) {
                return finish(id, JobStatus.cancelled, null);
            }
            Uni<Void> started = job.status != JobStatus.queued ? Uni.createFrom().voidItem()
                    : work.beforeStart(job).chain(() -> jobs.change(id, j -> {
                        j.status = JobStatus.running;
                        j.startedAt = OffsetDateTime.now();
                    })).call(() -> syncLog.record(job.tenant, SyncLog.Level.info, SyncLog.Kind.job, JobLines.started(job), id))
                            .replaceWithVoid();
            return started.chain(() -> parts(id, work));
        }).onFailure(e -> e instanceof ShopifyException s && !s.transientFailure())
                .recoverWithUni(e -> finish(id, JobStatus.failed, e.getMessage()))
                .onFailure().recoverWithUni(e -> jobs.change(id, j -> j.error = "waiting to resume: " + e.getMessage())
                        .invoke(() -> LOG.warnf("sync job %s paused (resumes after its lease): %s", id, e.getMessage()))
                        .replaceWithVoid());
    }

    /** Part after part, each from the job as last committed (a cancellation asked meanwhile is seen). */
    private Uni<Void> parts(UUID id, JobWork work) {
        return jobs.byId(id).chain(job -> {
            if (job == null || job.finished()) {
                return Uni.createFrom().voidItem();
            }
            if (job.cancelRequested) {
                return finish(id, JobStatus.cancelled, null);
            }
            return work.next(job, progress -> jobs.change(id, j -> {
                progress.accept(j);
                j.error = null;
                j.leaseUntil = OffsetDateTime.now().plus(config.lease());
            }).replaceWithVoid()).chain(more -> more ? parts(id, work) : finish(id, JobStatus.completed, null));
        });
    }

    private JobWork kindOf(SyncJob job) {
        return kinds.stream().filter(kind -> kind.runs(job)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job kind runs " + job.subject + "/" + job.mode));
    }

    private Uni<Void> finish(UUID id, JobStatus status, String error) {
        return jobs.change(id, job -> {
            job.status = status;
            job.error = error;
            job.finishedAt = OffsetDateTime.now();
            job.leaseUntil = null;
        }).call(job -> {
            LOG.infof("sync job %s %s%s", id, status, error == null ? "" : ": " + error);
            return switch (status) {
                case completed -> syncLog.record(job.tenant, SyncLog.Level.info, SyncLog.Kind.job, JobLines.completed(job), id);
                case cancelled -> syncLog.record(job.tenant, SyncLog.Level.warn, SyncLog.Kind.job, JobLines.cancelled(job), id);
                default -> syncLog.record(job.tenant, SyncLog.Level.error, SyncLog.Kind.job, JobLines.failed(error), id);
            };
        }).replaceWithVoid();
    }
}
