package com.proign.shopify.sync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.config.IdentityConfig;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * This service's own identity towards integration-service: a short-lived token it signs itself with its private
 * key (kid, issuer and subject its name, audience integration-service), renewed a minute before it expires. No user
 * token can stand in for it, and it opens only the endpoint this service needs (tenants' Shopify access).
 */
@ApplicationScoped
public class ServiceIdentity {

    private record Signed(String bearer, Instant renewAt) {
    }

    private final IdentityConfig config;
    private final PrivateKey key;
    private volatile Signed current;

    public ServiceIdentity(IdentityConfig config) {
        this.config = config;
        this.key = readKey(this.config.privateKey());
    }

    /** The {@code Authorization} header value for a call to integration-service. */
    public String bearer() {
        Signed signed = current;
        Instant now = Instant.now();
        if (signed == null || now.isAfter(signed.renewAt())) {
            Instant expires = now.plus(config.tokenLifetime());
            String token = Jwt.issuer(config.name()).subject(config.name()).audience(config.audience())
                    .issuedAt(now).expiresAt(expires)
                    .jws().keyId(config.name()).sign(key);
            signed = new Signed("Bearer " + token, expires.minus(Duration.ofMinutes(1)));
            current = signed;
        }
        return signed.bearer();
    }

    private static PrivateKey readKey(String location) {
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            String pem = Files.readString(path);
            return KeyUtils.decodePrivateKey(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this service's identity key from " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key (PKCS#8 PEM) in " + path, e);
        }
    }
}
