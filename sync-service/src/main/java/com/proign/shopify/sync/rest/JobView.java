package com.proign.shopify.sync.rest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.proign.shopify.sync.job.JobStatus;
import com.proign.shopify.sync.job.SyncJob;

/**
 * A pull as the API shows it, with its progress: orders (or products) and pages so far, how far through the date
 * range (by the creation time of the last order pulled, orders coming oldest first), the rate, and the time left
 * at that rate. A product pull has no range: its percent is known at the end only.
 */
public record JobView(
        UUID jobId,
        String tenant,
        String subject,
        String status,
        String mode,
        OffsetDateTime fromDate,
        OffsetDateTime toDate,
        String orderStatus,
        int ordersSeen,
        /** Of the orders seen: entering the queue, held back by the tenant's order status filter, cancelled in Shopify. */
        int ordersQueued,
        int ordersFiltered,
        int ordersCancelled,
        /** The order status filter those counts were made with. */
        String orderFilter,
        int productsSeen,
        int pages,
        Integer pageSize,
        double costPoints,
        Double percent,
        /** Orders (or, pulling products, products) per second since the job started. */
        Double perSecond,
        Long secondsLeft,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {

    public static JobView of(SyncJob job) {
        Double percent = null;
        if (job.status == JobStatus.completed) {
            percent = 100.0;
        } else if (job.reached != null && job.fromDate != null && job.toDate.isAfter(job.fromDate)) {
            double span = Duration.between(job.fromDate, job.toDate).toMillis();
            percent = Math.max(0, Math.min(99.9, Duration.between(job.fromDate, job.reached).toMillis() / span * 100));
        }
        Double rate = null;
        Long left = null;
        if (job.startedAt != null) {
            OffsetDateTime end = job.finishedAt != null ? job.finishedAt : OffsetDateTime.now();
            double seconds = Math.max(0.001, Duration.between(job.startedAt, end).toMillis() / 1000.0);
            rate = (job.products() ? job.productsSeen : job.ordersSeen) / seconds;
            if (percent != null && percent > 0 && job.finishedAt == null) {
                left = Math.round(seconds * (100 - percent) / percent);
            }
        }
        return new JobView(job.id, job.tenant, job.subject.name(), job.status.name(), job.mode.name(), job.fromDate, job.toDate, job.orderStatus,
                job.ordersSeen, job.ordersQueued, job.ordersFiltered, job.ordersCancelled, job.orderFilter,
                job.productsSeen, job.pages,
                job.pageSize, job.costPoints, percent == null ? null : Math.round(percent * 10) / 10.0,
                rate == null ? null : Math.round(rate * 10) / 10.0, left, job.error, job.createdAt, job.startedAt, job.finishedAt);
    }
}
