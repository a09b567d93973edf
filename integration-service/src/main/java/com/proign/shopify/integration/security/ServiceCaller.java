package com.proign.shopify.integration.security;

/**
 * A service calling the internal endpoints, as its own token proved it: only {@link ServiceAuthentication} makes
 * identities with this attribute, and only from a token signed with that service's key.
 */
public final class ServiceCaller {

    /** The security identity's attribute holding the calling service's name. */
    public static final String ATTRIBUTE = "proign.service-caller";

    public static final String WEBHOOK_GATEWAY = "webhook-gateway";
    public static final String SYNC_SERVICE = "sync-service";

    private ServiceCaller() {
    }
}
