package com.proign.shopify.sync.job;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/**
 * A history pull: what was asked, where it stands (checkpoint), and how it ended. Updates write only the columns
 * they change: the runner's checkpoint after each page and a cancellation asked meanwhile through the API touch
 * different columns, and neither may undo the other.
 */
@Entity
@DynamicUpdate
@Table(name = "sync_job")
public class SyncJob {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobSubject subject = JobSubject.orders;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    /** The range of an orders pull (null for products). */
    @Column(name = "from_date")
    public OffsetDateTime fromDate;

    @Column(name = "to_date")
    public OffsetDateTime toDate;

    /** Which orders of the range (OrderStatusFilter's name); null for products. */
    @Column(name = "order_status")
    public String orderStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobMode mode;

    @Column(name = "bulk_operation_id")
    public String bulkOperationId;

    /** Where the next page starts (Shopify's endCursor of the last page done). */
    @Column(name = "page_cursor")
    public String pageCursor;

    @Column(name = "page_size")
    public Integer pageSize;

    @Column(nullable = false)
    public int pages;

    @Column(name = "orders_seen", nullable = false)
    public int ordersSeen;

    /** The tenant's order status filter when the pull started: what its counts below were made with. */
    @Column(name = "order_filter")
    public String orderFilter;

    /** Of the orders seen: entering the queue, held back by the order status filter, cancelled in Shopify. */
    @Column(name = "orders_queued", nullable = false)
    public int ordersQueued;

    @Column(name = "orders_filtered", nullable = false)
    public int ordersFiltered;

    @Column(name = "orders_cancelled", nullable = false)
    public int ordersCancelled;

    @Column(name = "products_seen", nullable = false)
    public int productsSeen;

    /** Shopify cost points the pull used (actual cost). */
    @Column(name = "cost_points", nullable = false)
    public double costPoints;

    /** The creation time of the last order pulled: how far through the range the job is. */
    public OffsetDateTime reached;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    public String error;

    /** Until when the instance running it holds it; past it, another instance may take it up. */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean products() {
        return subject == JobSubject.products;
    }

    public boolean finished() {
        return status.finished();
    }

    /** Asks the job to stop: a queued one is cancelled at once, a running one by its runner before its next part. */
    public void requestCancel() {
        cancelRequested = true;
        if (status == JobStatus.queued) {
            status = JobStatus.cancelled;
            finishedAt = OffsetDateTime.now();
        }
        updatedAt = OffsetDateTime.now();
    }
}
