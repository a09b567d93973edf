package com.proign.shopify.standin.webhooks;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "standin.webhooks")
public interface WebhookConfig {

    /** Shopify's schedule since 2024-09: 8 retries with exponential backoff over about 4 hours. */
    @WithDefault("PT1M,PT2M,PT4M,PT8M,PT16M,PT32M,PT64M,PT93M")
    List<Duration> retryDelays();

    /** Multiplies every retry delay: 0.001 turns four hours into about fifteen seconds, for tests. */
    @WithDefault("1.0")
    double timeScale();

    /** Shopify gives up on an attempt after 5 s (1 s to connect). */
    @WithDefault("PT5S")
    Duration timeout();

    /** Failed deliveries in a row (each after all its retries) after which an Admin API subscription is deleted. */
    @WithDefault("8")
    int removalAfterFailedDeliveries();
}
