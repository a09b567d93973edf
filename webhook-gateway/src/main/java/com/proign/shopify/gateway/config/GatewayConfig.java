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

    Secrets secrets();

    /** How store lookups are cached. */
    interface Secrets {
        /** After this, the next delivery of the store refreshes its secrets (the cached ones serve meanwhile). */
        @WithDefault("60s")
        Duration refreshAfter();

        @WithDefault("10000")
        long maximumStores();
    }

    /** Deliveries larger than this are refused with 413 (an order of 250 line items and long notes fits). */
    @WithDefault("8388608")
    long maxBodyBytes();

    Identity identity();

    /** This service's own identity towards integration-service (ServiceIdentity). */
    interface Identity {
        /** Where its private key is (PKCS#8 PEM, a path or file: URI); integration-service holds the public one. */
        String privateKey();

        /** The name it signs as: the caller integration-service knows it by. */
        @WithDefault("webhook-gateway")
        String name();

        @WithDefault("integration-service")
        String audience();

        /** How long each token it signs is valid (integration-service refuses more than 10 minutes). */
        @WithDefault("PT5M")
        Duration tokenLifetime();
    }

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

        @WithDefault("shopify.fulfillment-orders")
        String fulfillmentOrders();
    }
}
