package com.proign.shopify.orders.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the queue keeps a customer's personal data, and the retention pass's pace. */
@ConfigMapping(prefix = "orders.privacy")
public interface PrivacySettings {

    /** A finished order (shipped, cancelled, refunded, assigned elsewhere) keeps its ship-to data this long after it last changed. */
    @WithDefault("P90D")
    Duration retention();

    /** A customer's data export is kept this long for the owner to fetch, then deleted. */
    @WithDefault("P30D")
    Duration exportKeptFor();

    /** How often the retention pass runs (a Quarkus scheduler interval, "1h"; "off" turns it off). */
    @WithDefault("1h")
    String sweepEvery();

    /** Orders erased per statement: the pass repeats until none is due. */
    @WithDefault("500")
    int batch();
}
