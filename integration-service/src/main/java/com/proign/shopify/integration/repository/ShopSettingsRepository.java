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

    /**
     * Records what a check of the tenant's webhook subscriptions found, and raises the version so that the relay
     * publishes it: {@code restored} subscriptions were missing and created again; {@code error} is set when the
     * check failed. A tenant without a settings row (never connected) is left alone.
     */
    public Uni<Integer> recordWebhookCheck(String tenant, int restored, String error) {
        String status = error != null ? "failing" : restored > 0 ? "restored" : "ok";
        return getSession().chain(session -> session.createNativeQuery("""
                UPDATE shop_settings SET webhooks_status = ?1, webhooks_checked_at = now(), webhooks_error = ?2,
                       webhooks_restored_at = CASE WHEN ?3 > 0 THEN now() ELSE webhooks_restored_at END,
                       webhooks_restored_count = CASE WHEN ?3 > 0 THEN ?3 ELSE webhooks_restored_count END,
                       version = version + 1
                 WHERE tenant = ?4""")
                .setParameter(1, status).setParameter(2, error == null ? null : truncate(error, 500))
                .setParameter(3, restored).setParameter(4, tenant).executeUpdate());
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
