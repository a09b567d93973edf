package com.proign.shopify.orders.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The deliveries already applied; checking and recording one is a single insert. */
@ApplicationScoped
public class ProcessedDeliveryRepository {

    /** A delivery to record: its tenant, webhook id and topic. */
    public record Seen(String tenant, String deliveryId, String topic) {
    }

    /**
     * Records many deliveries in the current transaction with one statement; answers those recorded now, i.e.
     * not seen before. {@code deliveries} must not repeat a (tenant, id).
     */
    public Uni<java.util.Set<Seen>> recordFirstSights(java.util.List<Seen> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        StringBuilder sql = new StringBuilder("INSERT INTO processed_delivery (tenant, webhook_id, topic, processed_at) VALUES ");
        for (int i = 0; i < deliveries.size(); i++) {
            int p = i * 3;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                    .append(p + 3).append(", now())");
        }
        sql.append(" ON CONFLICT (tenant, webhook_id) DO NOTHING RETURNING tenant, webhook_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class);
            for (int i = 0; i < deliveries.size(); i++) {
                Seen seen = deliveries.get(i);
                query.setParameter(i * 3 + 1, seen.tenant());
                query.setParameter(i * 3 + 2, seen.deliveryId());
                query.setParameter(i * 3 + 3, seen.topic());
            }
            return query.getResultList();
        }).map(rows -> {
            java.util.Set<String> inserted = new java.util.HashSet<>();
            for (Object[] row : rows) {
                inserted.add(row[0] + "\u0000" + row[1]);
            }
            java.util.Set<Seen> first = new java.util.HashSet<>();
            for (Seen seen : deliveries) {
                if (inserted.contains(seen.tenant() + "\u0000" + seen.deliveryId())) {
                    first.add(seen);
                }
            }
            return first;
        });
    }

    /** Records the delivery in the current transaction; false if it was recorded before (a redelivery). */
    public Uni<Boolean> recordFirstSight(String tenant, String deliveryId, String topic) {
        Seen seen = new Seen(tenant, deliveryId, topic);
        return recordFirstSights(java.util.List.of(seen)).map(first -> first.contains(seen));
    }
}
