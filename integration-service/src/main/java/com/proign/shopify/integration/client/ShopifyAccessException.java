package com.proign.shopify.integration.client;

/** Shopify refused the access token (401/403): wrong, revoked, or the app was uninstalled. */
public class ShopifyAccessException extends RuntimeException {

    public ShopifyAccessException(String message) {
        super(message);
    }
}
