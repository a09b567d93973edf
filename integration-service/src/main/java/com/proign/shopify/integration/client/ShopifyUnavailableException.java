package com.proign.shopify.integration.client;

/** Shopify did not answer usefully: unreachable, timed out, or a 5xx. Worth retrying later. */
public class ShopifyUnavailableException extends RuntimeException {

    public ShopifyUnavailableException(String message) {
        super(message);
    }
}
