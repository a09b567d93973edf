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

    /** A service calling another service's internal endpoints. */
    public static String service(String name) {
        return Jwt.subject(name)
                .groups(Set.of("service"))
                .expiresIn(600)
                .sign();
    }
}
