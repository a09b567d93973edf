package com.proign.shopify.orders.service;

/** A record no retry can make usable; it goes to the dead-letter topic with this message as the reason. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }
}
