package com.proign.shopify.orders.service;

import java.util.UUID;

/** No such shipment of the order in the tenant's queue (404). */
public class ShipmentNotFoundException extends RuntimeException {
    public ShipmentNotFoundException(String tenant, UUID orderId, UUID shipmentId) {
        super("order " + orderId + " of tenant " + tenant + " has no shipment " + shipmentId);
    }
}
