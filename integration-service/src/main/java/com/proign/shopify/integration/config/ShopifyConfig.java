package com.proign.shopify.integration.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "integration.shopify")
public interface ShopifyConfig {

    /** Where the Admin API is: unset means https://{shop}; set (the local stand-in) it serves every store. */
    Optional<String> adminBaseUrl();

    @WithDefault("10s")
    Duration timeout();

    /** The gateway's public address that Shopify delivers webhooks to. */
    String webhookCallbackUrl();

    /**
     * How long before a minted token (client credentials, ~24 h) expires it is renewed; never more than a quarter
     * of the token's lifetime.
     */
    @WithDefault("PT1H")
    Duration tokenRefreshMargin();

    /** How often every connected store's webhook subscriptions are checked and restored. */
    @WithDefault("PT15M")
    Duration webhookCheckInterval();
}
