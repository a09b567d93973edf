package com.proign.shopify.integration.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.ShopConnection;
import com.proign.shopify.integration.ShopDomain;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ShopConnectionRepository implements PanacheRepositoryBase<ShopConnection, UUID> {

    public Uni<ShopConnection> findByTenant(String tenant) {
        return find("tenant", tenant).firstResult();
    }

    public Uni<ShopConnection> findByShopDomain(ShopDomain shop) {
        return find("shopDomain", shop.value()).firstResult();
    }
}
