package com.proign.shopify.standin.store;

/**
 * A fulfillment service the app registered (fulfillmentServiceCreate,
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentServiceCreate), with the location Shopify made
 * for it.
 */
public record FulfillmentService(long id, String name, String handle, String callbackUrl, boolean inventoryManagement,
        boolean trackingSupport, boolean requiresShippingMethod, long locationId) {

    /** Shopify's handle of a name: lower case, words joined by dashes. */
    public static String handleOf(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
