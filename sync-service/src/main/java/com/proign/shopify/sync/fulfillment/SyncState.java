package com.proign.shopify.sync.fulfillment;

/** Where a shipment's way to Shopify stands: waiting (or to be retried), in Shopify, or refused. */
public enum SyncState {
    pending, synced, failed
}
