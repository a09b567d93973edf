package com.proign.shopify.sync.client;

/**
 * What this service knows of one store's GraphQL cost bucket (https://shopify.dev/docs/api/usage/limits): points available when last seen, the
 * restore rate and the capacity, as Shopify's {@code extensions.cost.throttleStatus} reported them. Callers
 * reserve a query's requested cost before sending it and wait for the time the bucket needs to refill, so the
 * bucket does not run dry and Shopify does not have to answer THROTTLED.
 */
final class CostBucket {

    private double available;
    private double restoreRate;
    private double maximum;
    private long seenAtNanos;
    private boolean known;
    /** Points reserved by requests sent and not answered yet: Shopify's next account may not include them. */
    private double inFlight;

    /** Reserves {@code cost} points; the milliseconds to wait before sending so that they are there. */
    synchronized long reserve(double cost, long nowNanos) {
        inFlight += cost;
        if (!known) {
            return 0; // a bucket never seen is full: Shopify starts every app at its maximum
        }
        double now = availableAt(nowNanos);
        available = now - cost;
        seenAtNanos = nowNanos;
        return now >= cost ? 0 : (long) Math.ceil((cost - now) / restoreRate * 1000);
    }

    /**
     * Shopify's own account after the response to a request that had reserved {@code reserved}: it includes refunds
     * of unused points, but perhaps not the requests still on their way (several jobs on one store), whose points
     * stay reserved.
     */
    synchronized void observe(double currentlyAvailable, double restoreRatePerSecond, double maximumAvailable, long nowNanos,
            double reserved) {
        inFlight = Math.max(0, inFlight - reserved);
        available = currentlyAvailable - inFlight;
        restoreRate = restoreRatePerSecond;
        maximum = maximumAvailable;
        seenAtNanos = nowNanos;
        known = restoreRatePerSecond > 0;
    }

    /** A request that reserved {@code reserved} got no account from Shopify (an error, a timeout). */
    synchronized void release(double reserved) {
        inFlight = Math.max(0, inFlight - reserved);
    }

    synchronized double restoreRate() {
        return restoreRate;
    }

    private double availableAt(long nowNanos) {
        return Math.min(maximum, available + restoreRate * (nowNanos - seenAtNanos) / 1e9);
    }
}
