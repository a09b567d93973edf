package com.proign.shopify.integration.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "integration.rotation")
public interface RotationConfig {

    /** How long the webhook secret a rotation replaced is still accepted. */
    Duration previousSecretGrace();

    /** How often secrets sealed with another key than the active one are re-encrypted (SecretReencryption). */
    @io.smallrye.config.WithDefault("PT10M")
    java.time.Duration reencryptInterval();
}
