package com.proign.shopify.integration.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The scope table: features on and off by scope, and the README's table the same as the code's. */
class FeatureTests {

    @Test
    void aFeatureIsOnWithEachOfItsScopesAndAWriteScopeGrantsItsRead() {
        Set<String> helpPage = Set.of("read_orders", "write_orders", "read_products", "read_inventory", "write_inventory");
        assertTrue(Feature.orders.status(helpPage).enabled());
        assertTrue(Feature.products.status(helpPage).enabled());
        assertTrue(Feature.inventory.status(helpPage).enabled());
        Feature.Status fulfillment = Feature.fulfillment.status(helpPage);
        assertFalse(fulfillment.enabled());
        assertEquals(List.of("read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders"),
                fulfillment.missingScopes());
        assertTrue(fulfillment.fix().contains("grant read_merchant_managed_fulfillment_orders"));
        assertTrue(Feature.fulfillment.status(Set.of("write_merchant_managed_fulfillment_orders")).enabled(),
                "write_... implies read_... on Shopify");
        assertEquals(List.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED", "REFUNDS_CREATE", "APP_UNINSTALLED"),
                WebhookTopics.required(true, true, Set.of("read_orders")), "no topic whose scope the app lacks");
        assertEquals(List.of("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_EDITED", "REFUNDS_CREATE",
                "FULFILLMENT_ORDERS_ORDER_ROUTING_COMPLETE", "FULFILLMENT_ORDERS_PLACED_ON_HOLD", "FULFILLMENT_ORDERS_HOLD_RELEASED",
                "FULFILLMENT_ORDERS_MOVED",
                "FULFILLMENT_ORDERS_SPLIT", "FULFILLMENT_ORDERS_MERGED", "FULFILLMENT_ORDERS_RESCHEDULED",
                "FULFILLMENT_ORDERS_SCHEDULED_FULFILLMENT_ORDER_READY", "APP_UNINSTALLED"),
                WebhookTopics.required(false, true, Set.of("read_orders", "write_merchant_managed_fulfillment_orders")),
                "fulfillment holds with the fulfillment feature");
        List<String> asService = WebhookTopics.required(false, true, Set.of("read_orders", "write_assigned_fulfillment_orders"));
        assertTrue(asService.containsAll(List.of("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED",
                "FULFILLMENT_ORDERS_CANCELLATION_REQUEST_SUBMITTED")), "the requests to a registered fulfillment service");
        assertFalse(WebhookTopics.required(false, false, Set.of("read_orders", "write_assigned_fulfillment_orders"))
                .contains("FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED"), "none before the service is registered");
    }

    @Test
    void theReadmesScopeTableIsTheCodes() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (Feature feature : Feature.values()) {
            Matcher row = Pattern.compile("(?m)^\\| `" + feature.name() + "`: [^|]*\\| ([^|]*) \\|").matcher(readme);
            assertTrue(row.find(), "README.md has a row for " + feature);
            List<String> scopes = Pattern.compile("`([a-z_]+)`").matcher(row.group(1)).results().map(m -> m.group(1)).toList();
            assertEquals(feature.scopes(), scopes, "README.md's scopes of " + feature);
        }
    }
}
