package com.proign.shopify.orders.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.OrderEdit;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Changes Shopify made to imported orders; every query takes the tenant first. */
@ApplicationScoped
public class OrderEditRepository implements PanacheRepositoryBase<OrderEdit, UUID> {

    /** The order's changes, newest first. */
    public Uni<List<OrderEdit>> ofOrder(String tenant, UUID orderId) {
        return find("tenant = ?1 and orderId = ?2 order by detectedAt desc", tenant, orderId).page(0, 50).list();
    }

    /** The order's newest change still waiting for a person, or null. */
    public Uni<OrderEdit> awaiting(String tenant, UUID orderId) {
        return find("tenant = ?1 and orderId = ?2 and state = ?3 order by detectedAt desc", tenant, orderId,
                OrderEdit.State.awaiting_acknowledgement).firstResult();
    }

    /** The order's newest change recorded after it shipped, or null. */
    public Uni<OrderEdit> recordedAfterShipping(String tenant, UUID orderId) {
        return find("tenant = ?1 and orderId = ?2 and state = ?3 order by detectedAt desc", tenant, orderId,
                OrderEdit.State.recorded_after_shipping).firstResult();
    }
}
