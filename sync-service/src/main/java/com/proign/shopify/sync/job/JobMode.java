package com.proign.shopify.sync.job;

/** How an orders pull reads Shopify: GraphQL pages, or one bulk operation's JSONL (large ranges). */
public enum JobMode {
    paged, bulk
}
