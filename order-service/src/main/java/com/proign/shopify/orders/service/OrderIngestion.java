package com.proign.shopify.orders.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** An order event to apply: who and what it is, and the order as Shopify described it. */
    public record Event(DeliveryMetadata delivery, OrderSnapshot snapshot) {
    }

    /**
     * Applies a batch of events in the current transaction with a handful of statements: one insert records
     * every delivery (a redelivery is skipped), each tenant's orders are read in one query, and per order only the
     * newest state in the batch is applied (an older one would be stale anyway). The outcome of each event, in
     * order.
     */
    @WithTransaction
    public Uni<List<Outcome>> applyAll(List<Event> events) {
        Map<String, ProcessedDeliveryRepository.Seen> unique = new LinkedHashMap<>();
        for (Event event : events) {
            DeliveryMetadata d = event.delivery();
            unique.putIfAbsent(d.tenant() + "\u0000" + d.deliveryId(),
                    new ProcessedDeliveryRepository.Seen(d.tenant(), d.deliveryId(), d.shopifyTopic()));
        }
        return deliveries.recordFirstSights(List.copyOf(unique.values())).chain(firstSeen -> {
            Outcome[] outcomes = new Outcome[events.size()];
            // per (tenant, order): the index of the newest first-seen event
            Map<String, Map<Long, Integer>> newest = new LinkedHashMap<>();
            java.util.Set<String> claimed = new java.util.HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                DeliveryMetadata d = events.get(i).delivery();
                boolean first = firstSeen.contains(new ProcessedDeliveryRepository.Seen(d.tenant(), d.deliveryId(), d.shopifyTopic()))
                        && claimed.add(d.tenant() + "\u0000" + d.deliveryId());
                if (!first) {
                    outcomes[i] = Outcome.duplicate;
                    continue;
                }
                OrderSnapshot snapshot = events.get(i).snapshot();
                Map<Long, Integer> ofTenant = newest.computeIfAbsent(d.tenant(), t -> new HashMap<>());
                Integer previous = ofTenant.get(snapshot.shopifyOrderId());
                if (previous == null) {
                    ofTenant.put(snapshot.shopifyOrderId(), i);
                } else if (snapshot.updatedAt().isAfter(events.get(previous).snapshot().updatedAt())) {
                    outcomes[previous] = Outcome.stale;
                    ofTenant.put(snapshot.shopifyOrderId(), i);
                } else {
                    outcomes[i] = Outcome.stale;
                }
            }
            if (newest.isEmpty()) {
                return Uni.createFrom().item(List.of(outcomes));
            }
            return settings.list("tenant in ?1", newest.keySet()).chain(found -> {
                Map<String, String> filters = new HashMap<>();
                found.forEach(s -> filters.put(s.tenant, s.orderStatusFilter));
                OffsetDateTime now = OffsetDateTime.now();
                List<Order> created = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Map.Entry<String, Map<Long, Integer>> tenant : newest.entrySet()) {
                    String filter = filters.getOrDefault(tenant.getKey(), TenantSettings.DEFAULT_FILTER);
                    chain = chain.chain(() -> orders.findByShopifyOrderIds(tenant.getKey(), tenant.getValue().keySet())
                            .invoke(existing -> {
                                Map<Long, Order> byId = new HashMap<>();
                                existing.forEach(o -> byId.put(o.shopifyOrderId, o));
                                tenant.getValue().forEach((orderId, index) -> outcomes[index] = applyTo(tenant.getKey(),
                                        byId.get(orderId), events.get(index), filter, now, created))
                                ;
                            })
                            .replaceWithVoid());
                }
                return chain.chain(() -> created.isEmpty() ? Uni.createFrom().voidItem() : orders.persist(created))
                        .map(ignored -> List.of(outcomes));
            });
        });
    }

    /** One order's newest state against what is stored; a new order is added to {@code created}. */
    private static Outcome applyTo(String tenant, Order existing, Event event, String filter,
            OffsetDateTime now, List<Order> created) {
        OrderSnapshot snapshot = event.snapshot();
        if (existing == null) {
            Order order = new Order();
            order.id = UUID.randomUUID();
            order.tenant = tenant;
            order.shopifyOrderId = snapshot.shopifyOrderId();
            order.importedAt = now;
            order.originTraceparent = event.delivery().traceparent();
            copy(snapshot, order, now);
            if (snapshot.cancelledAt() != null) {
                order.status = OrderStatus.cancelled;
            } else if (TenantSettings.passes(filter, snapshot.financialStatus())) {
                order.status = OrderStatus.pending;
                order.queuedAt = now;
            } else {
                order.status = OrderStatus.filtered;
            }
            created.add(order);
            return Outcome.created;
        }
        if (!snapshot.updatedAt().isAfter(existing.shopifyUpdatedAt)) {
            return Outcome.stale;
        }
        copy(snapshot, existing, now);
        if (snapshot.cancelledAt() != null) {
            cancel(existing);
        } else if (existing.status == OrderStatus.filtered && TenantSettings.passes(filter, snapshot.financialStatus())) {
            existing.status = OrderStatus.pending;
            existing.queuedAt = now;
        }
        return Outcome.updated;
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
