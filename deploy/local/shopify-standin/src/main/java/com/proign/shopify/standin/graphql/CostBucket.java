package com.proign.shopify.standin.graphql;

/**
 * Shopify's GraphQL rate limit for one app on one store: a bucket of points that refills at the plan's restore
 * rate. A query takes its requested cost before it runs and gets back what it did not use.
 */
final class CostBucket {

    record Status(double maximumAvailable, double currentlyAvailable, double restoreRate) {
    }

    private final double maximum;
    private final double restoreRate;
    private double available;
    private long lastRefill;

    CostBucket(double restoreRate, double maximum) {
        this.restoreRate = restoreRate;
        this.maximum = maximum;
        this.available = maximum;
        this.lastRefill = System.nanoTime();
    }

    /** Takes COST points if the bucket has them; false (and nothing taken) when it is short. */
    synchronized boolean take(int cost) {
        refill();
        if (cost > available) {
            return false;
        }
        available -= cost;
        return true;
    }

    synchronized void refund(int points) {
        refill();
        available = Math.min(maximum, available + points);
    }

    synchronized Status status() {
        refill();
        return new Status(maximum, Math.floor(available), restoreRate);
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(maximum, available + (now - lastRefill) / 1e9 * restoreRate);
        lastRefill = now;
    }
}
