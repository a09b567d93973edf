package com.proign.shopify.orders;

/** Where an order stands in the warehouse. */
public enum OrderStatus {
    pending, picking, packed, shipped, cancelled, on_hold
}
