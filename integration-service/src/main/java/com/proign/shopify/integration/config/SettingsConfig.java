package com.proign.shopify.integration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a tenant may set. */
@ConfigMapping(prefix = "integration.settings")
public interface SettingsConfig {

    /**
     * The shortest auto-sync (reconciliation) interval a tenant may choose, in minutes: each pass costs the store's
     * rate limit, so 15 by default; a test run that waits for a pass lowers it.
     */
    @WithDefault("15")
    int minAutoSyncIntervalMinutes();

    /**
     * Whether a tenant may choose fulfillment_service mode (the warehouse as the store's fulfillment service); an
     * installation serving merchant-managed locations only turns it off.
     */
    @WithDefault("true")
    boolean fulfillmentServiceMode();
}
