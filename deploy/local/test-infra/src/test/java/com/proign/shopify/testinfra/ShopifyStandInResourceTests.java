package com.proign.shopify.testinfra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ShopifyStandInResourceTests {

    @Test
    void startsTheStandInForATestAndStopsIt() {
        ShopifyStandInResource resource = new ShopifyStandInResource();
        resource.init(Map.of("url-property", "shopify.url"));
        Map<String, String> config = resource.start();
        try {
            assertTrue(config.get("shopify.url").startsWith("http://127.0.0.1:"));
            String store = ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"infra-check.myshopify.com\",\"access_token\":\"shpat_infra\"}");
            assertTrue(store.contains("infra-check.myshopify.com"), store);
            String answer = ShopifyStandIn.graphql("shpat_infra", "{\"query\":\"{ shop { myshopifyDomain } }\"}");
            assertTrue(answer.contains("\"myshopifyDomain\":\"infra-check.myshopify.com\""), answer);
        } finally {
            resource.stop();
        }
    }
}
