package com.proign.shopify.integration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "integration.rotation")
public interface RotationConfig {

    /** How long the webhook secret a rotation replaced is still accepted. */
    Duration previousSecretGrace();
}
