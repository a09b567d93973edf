package com.proign.shopify.orders.service;

/** A shipment that does not fit the order: an unknown line, or more than is left to ship (422). */
public class InvalidShipmentException extends RuntimeException {
    public InvalidShipmentException(String message) {
        super(message);
    }
}
