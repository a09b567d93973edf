package com.proign.shopify.standin.store;

public record Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address) {
}
