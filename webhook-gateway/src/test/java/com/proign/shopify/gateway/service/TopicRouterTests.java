package com.proign.shopify.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.proign.shopify.gateway.config.GatewayConfig;
import com.proign.shopify.testinfra.ShopifySamples;

class TopicRouterTests {

    private final TopicRouter router = new TopicRouter(new GatewayConfig() {
        public Duration publishTimeout() {
            return Duration.ofSeconds(3);
        }

        public Duration secretLookupTimeout() {
            return Duration.ofSeconds(1);
        }

        public Identity identity() {
            throw new UnsupportedOperationException();
        }

        public Secrets secrets() {
            throw new UnsupportedOperationException();
        }

        public long maxBodyBytes() {
            return 1;
        }

        public Topics topics() {
            return new Topics() {
                public String orders() {
                    return "o";
                }

                public String products() {
                    return "p";
                }

                public String inventoryLevels() {
                    return "i";
                }

                public String app() {
                    return "a";
                }

                public String fulfillmentOrders() {
                    return "f";
                }
            };
        }
    });

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysOrdersByTenantAndOrderIdWhereverTheIdStands() {
        assertEquals(new Route("o", "acme:1073459981"),
                router.route("orders/create", "acme", ShopifySamples.bytes(ShopifySamples.ORDER)).orElseThrow());
        // the nested ids of line items and customers are not the order's
        assertEquals(new Route("o", "acme:820982911946154508"), router.route("orders/updated", "acme",
                json("{\"customer\":{\"id\":5},\"line_items\":[{\"id\":7}],\"id\":820982911946154508}")).orElseThrow());
    }

    @Test
    void keysAnOrderEditByItsOrder() {
        // Shopify's orders/edited body: the edit, naming its order
        String edit = "{\"order_edit\":{\"id\":78912328,\"app_id\":null,\"created_at\":\"2026-12-01T19:00:00-05:00\","
                + "\"notify_customer\":false,\"order_id\":450789469,\"staff_note\":\"\",\"user_id\":null,"
                + "\"line_items\":{\"additions\":[{\"id\":466157049,\"delta\":1}],\"removals\":[{\"id\":518995019,\"delta\":1}]},"
                + "\"discounts\":{\"additions\":[],\"removals\":[]},\"shipping_lines\":{\"additions\":[],\"removals\":[]}}}";
        assertEquals(new Route("o", "acme:450789469"), router.route("orders/edited", "acme", json(edit)).orElseThrow());
        assertEquals(new Route("o", "acme"), router.route("orders/edited", "acme", json("{\"order_edit\":{\"id\":1}}")).orElseThrow());
        assertEquals(new Route("o", "acme"), router.route("orders/edited", "acme", json("not json")).orElseThrow());
        // a refund, keyed by its order too
        assertEquals(new Route("o", "acme:450789469"), router.route("refunds/create", "acme",
                json("{\"id\":509562969,\"order_id\":450789469,\"refund_line_items\":[{\"line_item_id\":1,\"quantity\":1}]}"))
                .orElseThrow());
    }

    @Test
    void keysProductsInventoryAndAppTopics() {
        assertEquals(new Route("p", "acme:632910392"),
                router.route("products/update", "acme", ShopifySamples.bytes(ShopifySamples.PRODUCT)).orElseThrow());
        assertEquals(new Route("i", "acme:271878346596884015:24826418"), router.route("inventory_levels/update", "acme",
                json("{\"inventory_item_id\":271878346596884015,\"location_id\":24826418,\"available\":6}")).orElseThrow());
        assertEquals(new Route("a", "acme"), router.route("app/uninstalled", "acme", json("{\"id\":1}")).orElseThrow());
        assertEquals(new Route("a", "acme"), router.route("shop/redact", "acme", json("{\"shop_id\":1}")).orElseThrow());
    }

    @Test
    void keysAFulfillmentOrdersHoldsByTheFulfillmentOrder() {
        String held = "{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/1046000818\",\"status\":\"on_hold\","
                + "\"fulfillment_holds\":[{\"reason\":\"other\"}]},\"created_fulfillment_hold\":{\"reason\":\"other\"}}";
        assertEquals(new Route("f", "acme:1046000818"), router.route("fulfillment_orders/placed_on_hold", "acme", json(held)).orElseThrow());
        assertEquals(new Route("f", "acme:1046000818"), router.route("fulfillment_orders/hold_released", "acme",
                json("{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/1046000818\",\"status\":\"open\"}}")).orElseThrow());
        assertEquals(new Route("f", "acme"), router.route("fulfillment_orders/hold_released", "acme", json("{}")).orElseThrow());
        // a move names the original fulfillment order; a merge names its fulfillment orders in a list only
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/moved", "acme", json(
                "{\"original_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\",\"status\":\"closed\"},"
                        + "\"moved_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/78\"}}")).orElseThrow());
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/split", "acme", json(
                "{\"split_line_items\":[],\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\"}}")).orElseThrow());
        assertEquals(new Route("f", "acme"), router.route("fulfillment_orders/merged", "acme", json(
                "{\"fulfillment_order_merges\":[{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\"}}]}")).orElseThrow());
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/rescheduled", "acme", json(
                "{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\",\"status\":\"scheduled\"}}")).orElseThrow());
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/order_routing_complete", "acme", json(
                "{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\",\"status\":\"open\"}}")).orElseThrow());
        // the merchant's requests to the warehouse's fulfillment service
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/fulfillment_request_submitted", "acme", json(
                "{\"original_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\",\"status\":\"open\"},"
                        + "\"submitted_fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\"},"
                        + "\"fulfillment_order_merchant_request\":{\"id\":\"gid://shopify/FulfillmentOrderMerchantRequest/5\"}}")).orElseThrow());
        assertEquals(new Route("f", "acme:77"), router.route("fulfillment_orders/cancellation_request_submitted", "acme", json(
                "{\"fulfillment_order\":{\"id\":\"gid://shopify/FulfillmentOrder/77\",\"status\":\"in_progress\"},"
                        + "\"fulfillment_order_merchant_request\":{\"id\":\"gid://shopify/FulfillmentOrderMerchantRequest/6\"}}")).orElseThrow());
        assertTrue(router.route("fulfillment_orders/cancelled", "acme", json(held)).isEmpty(), "not followed: acknowledged only");
    }

    @Test
    void fallsBackToTheTenantWhenNoIdCanBeRead() {
        assertEquals(new Route("o", "acme"), router.route("orders/create", "acme", json("not json")).orElseThrow());
        assertEquals(new Route("o", "acme"), router.route("orders/create", "acme", json("{\"id\":null}")).orElseThrow());
    }

    @Test
    void hasNoRouteForTopicsTheSuiteDoesNotHandle() {
        assertTrue(router.route("carts/create", "acme", json("{\"id\":1}")).isEmpty());
    }
}
