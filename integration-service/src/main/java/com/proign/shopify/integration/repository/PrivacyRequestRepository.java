package com.proign.shopify.integration.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.PrivacyRequest;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PrivacyRequestRepository implements PanacheRepositoryBase<PrivacyRequest, UUID> {

    /** The request of that delivery, when it was applied already (a redelivery). */
    public Uni<PrivacyRequest> findDelivery(String tenant, String webhookId) {
        return find("tenant = ?1 and webhookId = ?2", tenant, webhookId).firstResult();
    }

    /** The tenant's requests, newest first. */
    public Uni<List<PrivacyRequest>> ofTenant(String tenant) {
        return find("tenant = ?1 order by completedAt desc", tenant).list();
    }
}
