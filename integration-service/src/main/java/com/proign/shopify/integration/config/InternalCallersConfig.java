package com.proign.shopify.integration.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call the internal endpoints: each calling service by its name, with the public key(s) its own tokens are
 * signed with. The platform's user issuer holds none of these keys, so no user token can pass for a service.
 */
@ConfigMapping(prefix = "integration.internal")
public interface InternalCallersConfig {

    /** By service name (webhook-gateway, sync-service): where its public key is (PEM; several keys while rotating). */
    Map<String, Caller> callers();

    /** The audience a service token must name: this service. */
    @WithDefault("integration-service")
    String audience();

    /** The longest lifetime a service token may have (exp − iat); callers sign short-lived ones themselves. */
    @WithDefault("PT10M")
    Duration maxTokenLifetime();

    interface Caller {
        /** A file path or file: URI of a PEM file with one or more public keys. */
        String publicKey();
    }
}
