package com.proign.shopify.gateway.service;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.proign.shopify.gateway.client.IntegrationServiceClient;
import com.proign.shopify.gateway.client.ShopSecrets;
import com.proign.shopify.gateway.config.GatewayConfig;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * Resolves X-Shopify-Shop-Domain to its tenant and signing secrets through integration-service, cached briefly
 * (quarkus.cache.caffeine."shop-secrets"), so a changed secret takes effect within the cache's expiry.
 */
@ApplicationScoped
public class ShopResolver {

    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}\\.myshopify\\.com");

    private final IntegrationServiceClient integrationService;
    private final GatewayConfig config;

    public ShopResolver(@RestClient IntegrationServiceClient integrationService, GatewayConfig config) {
        this.integrationService = integrationService;
        this.config = config;
    }

    /** The store's tenant and secrets; empty when no tenant has it connected. Fails when the lookup cannot answer. */
    @CacheResult(cacheName = "shop-secrets")
    public Uni<Optional<ShopSecrets>> resolve(String shopDomain) {
        if (!SHOP_DOMAIN.matcher(shopDomain).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return integrationService.webhookSecrets(shopDomain)
                .ifNoItem().after(config.secretLookupTimeout()).fail()
                .map(Optional::of)
                .onFailure(ShopResolver::isNotFound).recoverWithItem(Optional.empty());
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }
}
