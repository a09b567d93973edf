package com.proign.shopify.orders.service;

/** An answer to the merchant's request that does not fit the order (a line item it does not have). */
public class InvalidDecisionException extends RuntimeException {

    public InvalidDecisionException(String message) {
        super(message, null, false, false);
    }
}
