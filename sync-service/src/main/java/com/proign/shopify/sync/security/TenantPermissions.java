package com.proign.shopify.sync.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Tenant access: a token's {@code tenant} claim must match the {@code {tenant}} of the path; any role of the
 * tenant may read its sync status.
 */
@ApplicationScoped
public class TenantPermissions {

    public static final String READ = "tenant:read";
    /** Starting and cancelling pulls: roles owner and admin of the tenant. */
    public static final String MANAGE = "tenant:manage";

    /** Setting stock levels: roles owner, admin and warehouse of the tenant. */
    public static final String STOCK = "tenant:stock";

    @PermissionChecker(STOCK)
    boolean canSetStock(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant)
                && (identity.hasRole("owner") || identity.hasRole("admin") || identity.hasRole("warehouse"));
    }

    @PermissionChecker(READ)
    boolean canRead(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant);
    }

    @PermissionChecker(MANAGE)
    boolean canManage(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant) && (identity.hasRole("owner") || identity.hasRole("admin"));
    }

    private static boolean sameTenant(SecurityIdentity identity, String tenant) {
        return !identity.isAnonymous()
                && identity.getPrincipal() instanceof JsonWebToken jwt
                && tenant != null
                && tenant.equals(jwt.getClaim("tenant"));
    }
}
