package com.proign.shopify.standin.store;

import java.util.List;
import java.util.Locale;

/** GraphQL's WebhookSubscriptionTopic enum and the REST topic names of deliveries, both ways. */
public final class RestTopics {

    /** The resources whose names hold an underscore, longest first: the rest of the enum name is the event. */
    private static final List<String> RESOURCES = List.of("fulfillment_orders", "fulfillment_holds", "inventory_levels",
            "inventory_items", "order_transactions", "fulfillment_events");

    private RestTopics() {
    }

    /**
     * ORDERS_CREATE → orders/create, INVENTORY_LEVELS_UPDATE → inventory_levels/update, APP_UNINSTALLED →
     * app/uninstalled, FULFILLMENT_ORDERS_PLACED_ON_HOLD → fulfillment_orders/placed_on_hold.
     */
    public static String of(String graphqlTopic) {
        String lower = graphqlTopic.toLowerCase(Locale.ROOT);
        for (String resource : RESOURCES) {
            if (lower.startsWith(resource + "_")) {
                return resource + "/" + lower.substring(resource.length() + 1);
            }
        }
        int cut = lower.indexOf('_');
        return lower.substring(0, cut) + "/" + lower.substring(cut + 1);
    }

    public static String toGraphql(String restTopic) {
        return restTopic.replace('/', '_').toUpperCase(Locale.ROOT);
    }
}
