package com.proign.shopify.orders.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Tenant access: a token's {@code tenant} claim must match the {@code {tenant}} of the path; any role of the
 * tenant may read the queue.
 */
@ApplicationScoped
public class TenantPermissions {

    public static final String READ = "tenant:read";
    /** Moving orders through the queue: roles owner, admin and warehouse of the tenant. */
    public static final String WORK = "tenant:work";
    private static final java.util.Set<String> WORKERS = java.util.Set.of("owner", "admin", "warehouse");

    /** The customers' privacy requests and data exports: the tenant's owner only. */
    public static final String OWN = "tenant:own";

    @PermissionChecker(OWN)
    boolean canOwn(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant) && identity.getRoles().contains("owner");
    }

    @PermissionChecker(READ)
    boolean canRead(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant);
    }

    @PermissionChecker(WORK)
    boolean canWork(SecurityIdentity identity, String tenant) {
        return sameTenant(identity, tenant) && identity.getRoles().stream().anyMatch(WORKERS::contains);
    }

    private static boolean sameTenant(SecurityIdentity identity, String tenant) {
        return !identity.isAnonymous()
                && identity.getPrincipal() instanceof JsonWebToken jwt
                && tenant != null
                && tenant.equals(jwt.getClaim("tenant"));
    }
}
