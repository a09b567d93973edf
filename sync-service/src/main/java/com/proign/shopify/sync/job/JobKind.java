package com.proign.shopify.sync.job;

/** Why a sync job exists: asked through the API, or a product pull when a store was connected. */
public enum JobKind {
    manual, on_connect
}
