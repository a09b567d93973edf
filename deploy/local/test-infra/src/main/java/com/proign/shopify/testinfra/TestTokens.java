package com.proign.shopify.testinfra;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens as the platform issues them, signed with the key {@link JwtKeysResource} made for this run. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A user of TENANT with the given roles (owner, admin, member). */
    public static String user(String tenant, String... roles) {
        return Jwt.subject("user@" + tenant)
                .claim("tenant", tenant)
                .groups(Set.of(roles))
                .expiresIn(600)
                .sign();
    }

    /**
     * A service's own token for integration-service's internal endpoints, signed with that service's key
     * ({@link ServiceIdentityResource}), as the service signs it: kid, issuer and subject its name.
     */
    public static String service(String name) {
        return Jwt.issuer(name).subject(name).audience("integration-service").expiresIn(300)
                .jws().keyId(name).sign(serviceKey(name));
    }

    /**
     * Whether an {@code Authorization} header carries a valid token of the calling service, as integration-service
     * checks it (for stubs that stand in for integration-service): RS256 with that service's key, kid, issuer and
     * subject its name, audience integration-service, at most ten minutes long.
     */
    public static boolean isServiceToken(String authorization, String name) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            String pem = java.nio.file.Files.readString(ServiceIdentityResource.keys(name).resolve("public-key.pem"));
            java.security.PublicKey key = io.smallrye.jwt.util.KeyUtils.decodePublicKey(
                    pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
            var claims = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
                    .setVerificationKey(key).setExpectedIssuer(name).setExpectedSubject(name)
                    .setExpectedAudience("integration-service").setRequireExpirationTime().setRequireIssuedAt()
                    .build().process(authorization.substring("Bearer ".length()));
            var header = claims.getJoseObjects().get(0);
            return name.equals(header.getKeyIdHeaderValue())
                    && claims.getJwtClaims().getExpirationTime().getValue() - claims.getJwtClaims().getIssuedAt().getValue() <= 600;
        } catch (Exception e) {
            return false;
        }
    }

    /** The calling service's private key of this test run. */
    public static java.security.PrivateKey serviceKey(String name) {
        try {
            String pem = java.nio.file.Files.readString(ServiceIdentityResource.keys(name).resolve("private-key.pem"));
            return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + name + "'s key", e);
        }
    }

    /** A user token of the platform's issuer that claims to be a service: what no internal endpoint may take. */
    public static String userClaimingService(String tenant, String name) {
        return Jwt.subject(name).claim("tenant", tenant).groups(Set.of("service", name)).expiresIn(600)
                .jws().keyId(name).sign();
    }
}
