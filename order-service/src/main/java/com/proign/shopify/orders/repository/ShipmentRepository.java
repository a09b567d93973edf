package com.proign.shopify.orders.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.Shipment;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ShipmentRepository implements PanacheRepositoryBase<Shipment, UUID> {

    public Uni<List<Shipment>> ofOrder(String tenant, UUID orderId) {
        return list("tenant = ?1 and order.id = ?2 order by shippedAt", tenant, orderId);
    }
}
