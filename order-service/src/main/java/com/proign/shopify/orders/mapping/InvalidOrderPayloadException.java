package com.proign.shopify.orders.mapping;

/** A body that is not a usable Shopify order: retrying cannot help, so the record is dead-lettered. */
public class InvalidOrderPayloadException extends RuntimeException {

    public InvalidOrderPayloadException(String message) {
        super(message);
    }

    public InvalidOrderPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
