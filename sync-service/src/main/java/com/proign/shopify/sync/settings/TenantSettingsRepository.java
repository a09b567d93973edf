package com.proign.shopify.sync.settings;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The followed settings, one row per tenant (keyed by it), read in the caller's session. */
@ApplicationScoped
public class TenantSettingsRepository implements PanacheRepositoryBase<TenantSettings, String> {

    /** The tenant's settings, or null before the first arrive. */
    public Uni<TenantSettings> find(String tenant) {
        return findById(tenant);
    }

    /** The tenant's settings when its store is connected; null otherwise. */
    public Uni<TenantSettings> connected(String tenant) {
        return findById(tenant).map(settings -> settings != null && settings.connected() ? settings : null);
    }
}
