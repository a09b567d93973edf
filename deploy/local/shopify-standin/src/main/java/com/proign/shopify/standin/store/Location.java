package com.proign.shopify.standin.store;

/**
 * A location of the store; one a fulfillment service made (a 3PL's, https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps)
 * carries the service's handle and name.
 */
public record Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address,
        String serviceHandle, String serviceName) {

    public Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address) {
        this(id, name, active, fulfillsOnlineOrders, address, null, null);
    }

    public boolean fulfillmentService() {
        return serviceHandle != null;
    }
}
