package com.proign.shopify.sync.inventory;

/** Where a level's way to Shopify stands: nothing to send, waiting to be sent (or sent again), refused by Shopify. */
public enum PushState {
    idle, pending, failed
}
