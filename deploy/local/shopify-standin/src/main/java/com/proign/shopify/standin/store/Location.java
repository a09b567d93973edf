package com.proign.shopify.standin.store;

/**
 * A location of the store; one a fulfillment service made (a 3PL's, https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps)
 * carries the service's handle and name, and whether the app calling the stand-in made it (fulfillmentServiceCreate)
 * or another app did.
 */
public record Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address,
        String serviceHandle, String serviceName, boolean ownedByApp) {

    public Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address) {
        this(id, name, active, fulfillsOnlineOrders, address, null, null, false);
    }

    /** A location of another app's fulfillment service (made in the simulator). */
    public Location(long id, String name, boolean active, boolean fulfillsOnlineOrders, Address address,
            String serviceHandle, String serviceName) {
        this(id, name, active, fulfillsOnlineOrders, address, serviceHandle, serviceName, false);
    }

    public boolean fulfillmentService() {
        return serviceHandle != null;
    }
}
