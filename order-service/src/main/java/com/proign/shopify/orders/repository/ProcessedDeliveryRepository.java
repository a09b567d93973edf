package com.proign.shopify.orders.repository;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The deliveries already applied; checking and recording one is a single insert. */
@ApplicationScoped
public class ProcessedDeliveryRepository {

    /** Records the delivery in the current transaction; false if it was recorded before (a redelivery). */
    public Uni<Boolean> recordFirstSight(String tenant, String deliveryId, String topic) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO processed_delivery (tenant, webhook_id, topic, processed_at)
                VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (tenant, webhook_id) DO NOTHING""")
                .setParameter(1, tenant)
                .setParameter(2, deliveryId)
                .setParameter(3, topic)
                .setParameter(4, OffsetDateTime.now())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
