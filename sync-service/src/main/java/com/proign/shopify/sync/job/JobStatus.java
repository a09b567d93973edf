package com.proign.shopify.sync.job;

/** Where a sync job stands; the last three are final. */
public enum JobStatus {
    queued, running, completed, failed, cancelled;

    public boolean finished() {
        return this == completed || this == failed || this == cancelled;
    }
}
