package com.proign.shopify.sync.client;

/** Shopify could not be asked, or refused: {@code transientFailure} says whether trying again later may help. */
public class ShopifyException extends RuntimeException {

    private final boolean transientFailure;

    public ShopifyException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
