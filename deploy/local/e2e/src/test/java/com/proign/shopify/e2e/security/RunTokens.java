package com.proign.shopify.e2e.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens as an attacker or a careless client would present them to the running suite, and the genuine ones,
 * signed with the keys deploy/local/run.sh made for the run: the platform issuer's (users) and each calling
 * service's own.
 */
public final class RunTokens {

    static final String ISSUER = "https://proign.local/issuer";

    private final Path runDir;
    private final PrivateKey stranger;

    public RunTokens(Path runDir) {
        this.runDir = runDir;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.stranger = generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user of the tenant with these roles, as the platform issues it. */
    public String user(String tenant, String... roles) {
        return Jwt.issuer(ISSUER).subject("user@" + tenant).claim("tenant", tenant).groups(Set.of(roles))
                .expiresIn(600).sign(key("secrets/jwt-private-key.pem"));
    }

    /** The platform's operator: role operator, no tenant. */
    public String operator() {
        return Jwt.issuer(ISSUER).subject("operator@proign").groups(Set.of("operator")).expiresIn(600)
                .sign(key("secrets/jwt-private-key.pem"));
    }

    /** The same, expired a minute ago. */
    String expiredUser(String tenant, String... roles) {
        return Jwt.issuer(ISSUER).subject("user@" + tenant).claim("tenant", tenant).groups(Set.of(roles))
                .issuedAt(Instant.now().minusSeconds(900)).expiresAt(Instant.now().minusSeconds(60))
                .sign(key("secrets/jwt-private-key.pem"));
    }

    /** Well formed, issued by the platform's name, signed by a key nobody trusts. */
    String foreignKey(String tenant, String... roles) {
        return Jwt.issuer(ISSUER).subject("user@" + tenant).claim("tenant", tenant).groups(Set.of(roles))
                .expiresIn(600).sign(stranger);
    }

    /** An unsigned token ({@code alg: none}) claiming to be the tenant's owner. */
    static String algNone(String tenant) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"x\",\"tenant\":\"" + tenant
                + "\",\"groups\":[\"owner\",\"service\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** A calling service's own token, as it signs it for integration-service. */
    public String service(String name) {
        return Jwt.issuer(name).subject(name).audience("integration-service").expiresIn(300)
                .jws().keyId(name).sign(key("secrets/identity/" + name + ".pem"));
    }

    /** A user token of the platform's issuer claiming a service's name and role (what a user could ask for). */
    String userAsService(String tenant, String name) {
        return Jwt.issuer(ISSUER).subject(name).claim("tenant", tenant).groups(Set.of("service", name))
                .expiresIn(600).jws().keyId(name).sign(key("secrets/jwt-private-key.pem"));
    }

    private PrivateKey key(String relative) {
        try {
            String pem = Files.readString(runDir.resolve(relative));
            return KeyUtils.decodePrivateKey(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA key: " + relative, e);
        }
    }
}
