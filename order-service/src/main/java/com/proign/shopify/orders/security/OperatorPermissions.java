package com.proign.shopify.orders.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The platform's operators: a token of its issuer with role {@code operator} and no tenant. They see across
 * tenants (dead letters); no tenant's user is one, whatever roles the token lists.
 */
@ApplicationScoped
public class OperatorPermissions {

    public static final String OPERATE = "operator:operate";

    @PermissionChecker(OPERATE)
    boolean canOperate(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole("operator")
                && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("tenant") == null;
    }
}
