package com.proign.shopify.sync.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** This service's own identity towards integration-service (ServiceIdentity). */
@ConfigMapping(prefix = "sync.identity")
public interface IdentityConfig {

    /** Where its private key is (PKCS#8 PEM, a path or file: URI); integration-service holds the public one. */
    String privateKey();

    /** The name it signs as: the caller integration-service knows it by. */
    @WithDefault("sync-service")
    String name();

    @WithDefault("integration-service")
    String audience();

    /** How long each token it signs is valid (integration-service refuses more than 10 minutes). */
    @WithDefault("PT5M")
    Duration tokenLifetime();
}
