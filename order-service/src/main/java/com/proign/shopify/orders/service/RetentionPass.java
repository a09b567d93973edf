package com.proign.shopify.orders.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.orders.repository.PrivacyRepository;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Erases the personal data of finished orders once {@code orders.privacy.retention} has passed since they last
 * changed (default 90 days), and deletes data exports past their time. Runs every {@code orders.privacy.sweep-every}
 * on each replica; replicas share the work (rows are claimed with SKIP LOCKED). What it erased is recorded per tenant
 * in privacy_request (topic retention).
 */
@ApplicationScoped
public class RetentionPass {

    private static final Logger LOG = Logger.getLogger(RetentionPass.class);

    public record Result(int orders, int exports) {
    }

    private final PrivacyRepository repository;
    private final PrivacySettings settings;

    public RetentionPass(PrivacyRepository repository, PrivacySettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    @Scheduled(every = "${orders.privacy.sweep-every:1h}", delayed = "${orders.privacy.sweep-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(failure -> LOG.warnf("the retention pass failed, the next one takes over: %s",
                failure.toString())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass now: every order due, batch by batch, then the expired exports. */
    public Uni<Result> run() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime cutoff = now.minus(settings.retention());
        return Multi.createBy().repeating().uni(() -> repository.redactFinishedBefore(cutoff, settings.batch()))
                .whilst(batch -> batch.values().stream().mapToInt(Integer::intValue).sum() == settings.batch())
                .onItem().transformToUniAndConcatenate(batch -> Multi.createFrom().iterable(batch.entrySet())
                        .onItem().transformToUniAndConcatenate(tenant -> repository.recordRetention(tenant.getKey(),
                                tenant.getValue(), "orders' ship-to name, company, address and phone " + tenant.getValue())
                                .replaceWith(tenant.getValue()))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .chain(orders -> repository.deleteExpiredExports(now).map(exports -> new Result(orders, exports)))
                .invoke(result -> {
                    if (result.orders() > 0 || result.exports() > 0) {
                        LOG.infof("retention pass: personal data of %d finished orders older than %s erased, %d expired "
                                + "data exports deleted", result.orders(), settings.retention(), result.exports());
                    }
                });
    }
}
