package com.proign.shopify.integration.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.ShopSettings;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ShopSettingsRepository implements PanacheRepositoryBase<ShopSettings, String> {

    /**
     * The tenant's settings row, created with the defaults if it has none, marked changed so that the relay
     * publishes the tenant's state again. Call inside the transaction that changes the state.
     */
    public Uni<ShopSettings> touch(String tenant, OffsetDateTime now) {
        return findById(tenant).chain(settings -> {
            if (settings == null) {
                ShopSettings created = ShopSettings.defaults(tenant);
                created.updatedAt = now;
                return persist(created);
            }
            settings.updatedAt = now;
            return Uni.createFrom().item(settings);
        });
    }

    /** Tenants whose latest state has not been published yet. */
    public Uni<List<ShopSettings>> unpublished(int limit) {
        return find("publishedVersion < version order by updatedAt").page(0, limit).list();
    }

    /** Records that version {@code version} was published, unless the row moved on meanwhile. */
    public Uni<Integer> markPublished(String tenant, long version) {
        // native: published_version is not an updatable attribute of the entity, so that saving settings never
        // writes back a stale value of it
        return getSession().chain(session -> session.createNativeQuery(
                "UPDATE shop_settings SET published_version = ?1 WHERE tenant = ?2 AND published_version < ?1")
                .setParameter(1, version).setParameter(2, tenant).executeUpdate());
    }
}
