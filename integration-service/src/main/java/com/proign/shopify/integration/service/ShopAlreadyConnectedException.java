package com.proign.shopify.integration.service;

/** The store is connected to another tenant; one store feeds one tenant's queue. */
public class ShopAlreadyConnectedException extends RuntimeException {

    public ShopAlreadyConnectedException(String shopDomain) {
        super("the store " + shopDomain + " is already connected to another tenant; disconnect it there first");
    }
}
