package com.proign.shopify.orders.service;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.Order;
import com.proign.shopify.orders.OrderLine;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.ShippingAddress;
import com.proign.shopify.orders.TenantSettings;
import com.proign.shopify.orders.mapping.OrderSnapshot;
import com.proign.shopify.orders.messaging.DeliveryMetadata;
import com.proign.shopify.orders.repository.OrderRepository;
import com.proign.shopify.orders.repository.ProcessedDeliveryRepository;
import com.proign.shopify.orders.repository.TenantSettingsRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Applies an order event to the tenant's queue exactly once: a delivery seen before is skipped, an older state
 * never overwrites a newer one, and there is one order per (tenant, Shopify order id). An order enters the queue
 * (pending) once it passes the tenant's order status filter, and is kept as {@code filtered} until then. A
 * cancellation cancels what has not shipped; after a shipment it is flagged, and the shipment stands.
 */
@ApplicationScoped
public class OrderIngestion {

    public enum Outcome {
        created, updated, stale, duplicate
    }

    private final OrderRepository orders;
    private final ProcessedDeliveryRepository deliveries;
    private final TenantSettingsRepository settings;

    public OrderIngestion(OrderRepository orders, ProcessedDeliveryRepository deliveries, TenantSettingsRepository settings) {
        this.orders = orders;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    @WithTransaction
    public Uni<Outcome> apply(DeliveryMetadata delivery, OrderSnapshot snapshot) {
        return deliveries.recordFirstSight(delivery.tenant(), delivery.deliveryId(), delivery.shopifyTopic())
                .chain(first -> first
                        ? upsert(delivery.tenant(), snapshot)
                        : Uni.createFrom().item(Outcome.duplicate));
    }

    private Uni<Outcome> upsert(String tenant, OrderSnapshot snapshot) {
        return orders.findByShopifyOrderId(tenant, snapshot.shopifyOrderId()).chain(existing -> {
            OffsetDateTime now = OffsetDateTime.now();
            if (existing == null) {
                Order order = new Order();
                order.id = UUID.randomUUID();
                order.tenant = tenant;
                order.shopifyOrderId = snapshot.shopifyOrderId();
                order.importedAt = now;
                copy(snapshot, order, now);
                if (snapshot.cancelledAt() != null) {
                    order.status = OrderStatus.cancelled;
                    return orders.persist(order).replaceWith(Outcome.created);
                }
                return settings.filterOf(tenant).chain(filter -> {
                    if (TenantSettings.passes(filter, snapshot.financialStatus())) {
                        order.status = OrderStatus.pending;
                        order.queuedAt = now;
                    } else {
                        order.status = OrderStatus.filtered;
                    }
                    return orders.persist(order).replaceWith(Outcome.created);
                });
            }
            if (!snapshot.updatedAt().isAfter(existing.shopifyUpdatedAt)) {
                return Uni.createFrom().item(Outcome.stale);
            }
            copy(snapshot, existing, now);
            if (snapshot.cancelledAt() != null) {
                cancel(existing);
                return Uni.createFrom().item(Outcome.updated);
            }
            if (existing.status != OrderStatus.filtered) {
                return Uni.createFrom().item(Outcome.updated);
            }
            return settings.filterOf(tenant).map(filter -> {
                if (TenantSettings.passes(filter, snapshot.financialStatus())) {
                    existing.status = OrderStatus.pending;
                    existing.queuedAt = now;
                }
                return Outcome.updated;
            });
        });
    }

    /** Cancels what has not left the warehouse; after a shipment, flags it and keeps the shipment. */
    private static void cancel(Order order) {
        boolean shipped = order.status.shippedAny()
                || (order.status == OrderStatus.on_hold && order.heldFrom != null && order.heldFrom.shippedAny());
        if (shipped) {
            order.cancelledAfterShipping = true;
        } else if (order.status != OrderStatus.cancelled) {
            order.status = OrderStatus.cancelled;
            order.heldFrom = null;
        }
    }

    private static void copy(OrderSnapshot snapshot, Order order, OffsetDateTime now) {
        order.shopifyOrderNumber = snapshot.orderNumber();
        order.financialStatus = snapshot.financialStatus();
        order.fulfillmentStatus = snapshot.fulfillmentStatus();
        order.currency = snapshot.currency();
        order.totalPrice = snapshot.totalPrice();
        order.shopifyCreatedAt = snapshot.createdAt();
        order.shopifyUpdatedAt = snapshot.updatedAt();
        order.cancelledAt = snapshot.cancelledAt();
        order.shippingAddress = address(snapshot.shippingAddress());
        order.updatedAt = now;

        Map<Long, OrderLine> current = new HashMap<>();
        order.lines.forEach(line -> current.put(line.shopifyLineItemId, line));
        order.lines.clear();
        for (OrderSnapshot.Line source : snapshot.lines()) {
            OrderLine line = current.get(source.shopifyLineItemId());
            if (line == null) {
                line = new OrderLine();
                line.id = UUID.randomUUID();
                line.order = order;
                line.tenant = order.tenant;
                line.shopifyLineItemId = source.shopifyLineItemId();
            }
            line.shopifyVariantId = source.variantId();
            line.shopifyProductId = source.productId();
            line.sku = source.sku();
            line.title = source.title();
            line.variantTitle = source.variantTitle();
            line.quantity = source.quantity();
            line.fulfillableQuantity = source.fulfillableQuantity();
            line.price = source.price();
            line.requiresShipping = source.requiresShipping();
            line.giftCard = source.giftCard();
            order.lines.add(line);
        }
    }

    private static ShippingAddress address(OrderSnapshot.Address source) {
        if (source == null) {
            return null;
        }
        ShippingAddress address = new ShippingAddress();
        address.name = source.name();
        address.company = source.company();
        address.address1 = source.address1();
        address.address2 = source.address2();
        address.city = source.city();
        address.province = source.province();
        address.provinceCode = source.provinceCode();
        address.zip = source.zip();
        address.country = source.country();
        address.countryCode = source.countryCode();
        address.phone = source.phone();
        return address;
    }
}
