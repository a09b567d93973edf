package com.proign.shopify.orders.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.TenantSettings;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, String> {

    /** The tenant's order status filter, or the default until its settings arrive. */
    public Uni<String> filterOf(String tenant) {
        return findById(tenant).map(s -> s == null ? TenantSettings.DEFAULT_FILTER : s.orderStatusFilter);
    }
}
