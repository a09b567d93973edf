package com.proign.shopify.sync.job;

/** What a sync job pulls: orders over a date range, or the whole catalogue. */
public enum JobSubject {
    orders, products
}
