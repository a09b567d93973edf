package com.proign.shopify.sync.settings;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads of the followed settings, in the caller's session. */
public final class TenantSettingsRepository {

    private TenantSettingsRepository() {
    }

    public static Uni<TenantSettings> find(String tenant) {
        return Panache.getSession().chain(session -> session.find(TenantSettings.class, tenant));
    }
}
