package com.proign.shopify.gateway.service;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.proign.shopify.gateway.client.IntegrationServiceClient;
import com.proign.shopify.gateway.client.ServiceIdentity;
import com.proign.shopify.gateway.client.ShopSecrets;
import com.proign.shopify.gateway.config.GatewayConfig;

import io.smallrye.mutiny.Uni;

/**
 * Resolves X-Shopify-Shop-Domain to its tenant and signing secrets through integration-service. Answers are
 * cached and refreshed after {@code gateway.secrets.refresh-after} (so a changed secret takes effect within it);
 * a failed refresh keeps the cached answer, so stores already seen keep working while integration-service is
 * down. Concurrent lookups of one store share one call.
 */
@ApplicationScoped
public class ShopResolver {

    private static final Logger LOG = Logger.getLogger(ShopResolver.class);
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}\\.myshopify\\.com");

    private final IntegrationServiceClient integrationService;
    private final ServiceIdentity identity;
    private final GatewayConfig config;
    private final AsyncLoadingCache<String, Optional<ShopSecrets>> cache;

    public ShopResolver(@RestClient IntegrationServiceClient integrationService, ServiceIdentity identity,
            GatewayConfig config) {
        this.integrationService = integrationService;
        this.identity = identity;
        this.config = config;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.secrets().maximumStores())
                .refreshAfterWrite(config.secrets().refreshAfter())
                .buildAsync((shop, executor) -> lookup(shop));
    }

    /** The store's tenant and secrets; empty when no tenant has it connected. Fails when nobody can answer. */
    public Uni<Optional<ShopSecrets>> resolve(String shopDomain) {
        if (!SHOP_DOMAIN.matcher(shopDomain).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().completionStage(() -> cache.get(shopDomain));
    }

    private CompletableFuture<Optional<ShopSecrets>> lookup(String shopDomain) {
        return integrationService.webhookSecrets(shopDomain, identity.bearer())
                .ifNoItem().after(config.secretLookupTimeout()).fail()
                .map(Optional::of)
                .onFailure(ShopResolver::isNotFound).recoverWithItem(Optional.empty())
                .onFailure().invoke(failure -> LOG.warnf("store lookup of %s failed (a cached answer, if any, stays): %s",
                        shopDomain, failure.toString()))
                .subscribeAsCompletionStage();
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }
}
