package com.proign.shopify.orders.service;

import com.proign.shopify.orders.Order;

/** The order changed since the caller read it (409): read it again and retry the move. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(Order order, long expected) {
        super("order " + order.shopifyOrderNumber + " is at version " + order.version + ", not " + expected
                + ": it changed meanwhile; read it again");
    }

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
