package com.proign.shopify.integration.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Which service may call which internal endpoint: the gateway reads stores' webhook secrets, the sync-service
 * tenants' Shopify access; neither reaches the other's, and no user identity reaches either.
 */
@ApplicationScoped
public class InternalPermissions {

    public static final String WEBHOOK_SECRETS = "internal:webhook-secrets";
    public static final String SHOPIFY_ACCESS = "internal:shopify-access";

    @PermissionChecker(WEBHOOK_SECRETS)
    boolean canReadWebhookSecrets(SecurityIdentity identity) {
        return ServiceCaller.WEBHOOK_GATEWAY.equals(identity.getAttribute(ServiceCaller.ATTRIBUTE));
    }

    @PermissionChecker(SHOPIFY_ACCESS)
    boolean canReadShopifyAccess(SecurityIdentity identity) {
        return ServiceCaller.SYNC_SERVICE.equals(identity.getAttribute(ServiceCaller.ATTRIBUTE));
    }
}
