package com.proign.shopify.sync.job;

/** What the sync log says of a job, in the merchant's words: one place for the wording of every kind. */
final class JobLines {

    private JobLines() {
    }

    static String started(SyncJob job) {
        return job.products() ? "started: all products" + (job.kind == JobKind.on_connect ? " (store connected)" : "")
                : "started: orders created " + job.fromDate.toLocalDate() + " to " + job.toDate.toLocalDate()
                        + ", status " + job.orderStatus;
    }

    static String completed(SyncJob job) {
        return job.products() ? "pulled " + job.productsSeen + " product(s) in " + job.pages + " page(s)"
                : "pulled " + job.ordersSeen + " order(s) created " + job.fromDate.toLocalDate() + " to "
                        + job.toDate.toLocalDate() + " in " + job.pages + " page(s): " + PullTally.describe(job);
    }

    static String cancelled(SyncJob job) {
        return "cancelled after " + (job.products() ? job.productsSeen + " product(s)" : job.ordersSeen + " order(s)");
    }

    static String failed(String error) {
        return "failed: " + error;
    }
}
