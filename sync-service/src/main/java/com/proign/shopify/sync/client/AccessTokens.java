package com.proign.shopify.sync.client;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import io.smallrye.mutiny.Uni;

/**
 * Tenants' Shopify access from integration-service, kept in memory until shortly before the token expires (five
 * minutes at most, so a rotated or revoked token is picked up). {@link #invalidate} drops one after Shopify refused
 * it, so the next call asks again (integration-service renews expiring tokens).
 */
@ApplicationScoped
public class AccessTokens {

    private record Cached(ShopifyAccess access, OffsetDateTime until) {
    }

    private final IntegrationService integration;
    private final ServiceIdentity identity;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AccessTokens(@RestClient IntegrationService integration, ServiceIdentity identity) {
        this.integration = integration;
        this.identity = identity;
    }

    public Uni<ShopifyAccess> current(String tenant) {
        Cached cached = cache.get(tenant);
        if (cached != null && OffsetDateTime.now().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.access());
        }
        return integration.access(tenant, identity.bearer())
                .onFailure(ClientWebApplicationException.class).transform(e -> {
                    int status = ((ClientWebApplicationException) e).getResponse().getStatus();
                    return status == 404
                            ? new ShopifyException("tenant " + tenant + " has no Shopify store connected", false)
                            : new ShopifyException("integration-service answered " + status + " for tenant " + tenant
                                    + "'s Shopify access", status >= 500);
                })
                .onFailure(e -> !(e instanceof ShopifyException))
                .transform(e -> new ShopifyException("integration-service could not be asked for tenant " + tenant
                        + "'s Shopify access: " + e.getMessage(), true))
                .invoke(access -> {
                    OffsetDateTime limit = OffsetDateTime.now().plus(Duration.ofMinutes(5));
                    OffsetDateTime until = access.expiresAt() == null ? limit
                            : access.expiresAt().minusMinutes(1).isBefore(limit) ? access.expiresAt().minusMinutes(1) : limit;
                    cache.put(tenant, new Cached(access, until));
                });
    }

    public void invalidate(String tenant) {
        cache.remove(tenant);
    }
}
