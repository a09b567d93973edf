package com.proign.shopify.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** How long to wait for Kafka's acknowledgement before answering 503, well under Shopify's 5 s. */
    @WithDefault("3s")
    Duration publishTimeout();

    /** How long to wait for integration-service to resolve a store before answering 503. */
    @WithDefault("1s")
    Duration secretLookupTimeout();

    /** This service's bearer token for integration-service's internal endpoint (a JWT with role service). */
    String integrationServiceToken();

    Topics topics();

    /** The Kafka topic each family of Shopify webhook topics goes to. */
    interface Topics {
        @WithDefault("shopify.orders")
        String orders();

        @WithDefault("shopify.products")
        String products();

        @WithDefault("shopify.inventory-levels")
        String inventoryLevels();

        @WithDefault("shopify.app")
        String app();
    }
}
