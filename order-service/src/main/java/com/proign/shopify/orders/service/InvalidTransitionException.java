package com.proign.shopify.orders.service;

import com.proign.shopify.orders.Order;

/** The order's status does not allow the move (409). */
public class InvalidTransitionException extends RuntimeException {
    public InvalidTransitionException(Order order, String target) {
        super("order " + order.shopifyOrderNumber + " is " + order.status + " and cannot be " + target
                + (order.status.name().equals("on_hold") ? " (release it first)" : ""));
    }

    public InvalidTransitionException(String message) {
        super(message);
    }
}
