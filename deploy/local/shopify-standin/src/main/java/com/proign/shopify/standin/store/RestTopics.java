package com.proign.shopify.standin.store;

import java.util.Locale;

/** GraphQL's WebhookSubscriptionTopic enum and the REST topic names of deliveries, both ways. */
public final class RestTopics {

    private RestTopics() {
    }

    /** ORDERS_CREATE → orders/create, INVENTORY_LEVELS_UPDATE → inventory_levels/update, APP_UNINSTALLED → app/uninstalled. */
    public static String of(String graphqlTopic) {
        String lower = graphqlTopic.toLowerCase(Locale.ROOT);
        int cut = lower.lastIndexOf('_');
        return lower.substring(0, cut) + "/" + lower.substring(cut + 1);
    }

    public static String toGraphql(String restTopic) {
        return restTopic.replace('/', '_').toUpperCase(Locale.ROOT);
    }
}
