package com.proign.shopify.integration.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.repository.ShopSettingsRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps what the last check of a store's webhook subscriptions found in the tenant's published state
 * (TenantState.webhooks), for the sync status page: checked and whole, restored, or not checkable and why.
 */
@ApplicationScoped
public class WebhookHealth {

    private final ShopSettingsRepository settings;

    public WebhookHealth(ShopSettingsRepository settings) {
        this.settings = settings;
    }

    /** The subscriptions are all there now; {@code restored} of them had been removed and were created again. */
    public Uni<Void> checked(String tenant, int restored) {
        return Panache.withTransaction(() -> settings.recordWebhookCheck(tenant, restored, null)).replaceWithVoid();
    }

    /** The subscriptions could not be checked. */
    public Uni<Void> failed(String tenant, String error) {
        return Panache.withTransaction(() -> settings.recordWebhookCheck(tenant, 0,
                error == null || error.isBlank() ? "the check failed" : error)).replaceWithVoid();
    }
}
