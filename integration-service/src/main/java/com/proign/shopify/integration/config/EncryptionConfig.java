package com.proign.shopify.integration.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "integration.encryption")
public interface EncryptionConfig {

    /** Comma-separated {@code id:base64-key} entries (AES-256: 32 bytes each). */
    String keyring();

    /** The id of the key new ciphertexts are made with. */
    String activeKey();
}
