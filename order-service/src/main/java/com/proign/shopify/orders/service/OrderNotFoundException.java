package com.proign.shopify.orders.service;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String tenant, UUID id) {
        super("tenant " + tenant + " has no order " + id);
    }
}
