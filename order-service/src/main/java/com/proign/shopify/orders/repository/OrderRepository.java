package com.proign.shopify.orders.repository;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.Order;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Every query is scoped by tenant: no method reads an order without one. */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    public Uni<Order> findByShopifyOrderId(String tenant, long shopifyOrderId) {
        return find("from Order o left join fetch o.lines where o.tenant = ?1 and o.shopifyOrderId = ?2",
                tenant, shopifyOrderId).list().map(OrderRepository::single);
    }

    public Uni<Order> findById(String tenant, UUID id) {
        return find("from Order o left join fetch o.lines where o.tenant = ?1 and o.id = ?2", tenant, id)
                .list().map(OrderRepository::single);
    }

    /** A fetch-joined lookup by a unique key: one order or none (no in-memory paging as firstResult would). */
    private static Order single(List<Order> found) {
        return found.isEmpty() ? null : found.get(0);
    }

    /** One page of the tenant's queue, newest first, strictly after the cursor; lines fetched in one more query. */
    public Uni<List<Order>> page(String tenant, OrderFilter filter, OrderCursor after, int limit) {
        StringBuilder query = new StringBuilder("from Order o where o.tenant = :tenant");
        Parameters params = Parameters.with("tenant", tenant);
        if (filter.shopifyOrderId() != null) {
            query.append(" and o.shopifyOrderId = :shopifyOrderId");
            params.and("shopifyOrderId", filter.shopifyOrderId());
        }
        if (filter.status() != null) {
            query.append(" and o.status = :status");
            params.and("status", filter.status());
        } else if (filter.shopifyOrderId() == null) {
            query.append(" and o.status <> :filtered");
            params.and("filtered", com.proign.shopify.orders.OrderStatus.filtered);
        }
        if (filter.orderNumber() != null) {
            query.append(" and o.shopifyOrderNumber = :number");
            params.and("number", filter.orderNumber());
        }
        if (filter.sku() != null) {
            query.append(" and exists (select 1 from OrderLine l where l.order = o and l.tenant = :tenant and l.sku = :sku)");
            params.and("sku", filter.sku());
        }
        if (filter.orderedFrom() != null) {
            query.append(" and o.shopifyCreatedAt >= :from");
            params.and("from", filter.orderedFrom());
        }
        if (filter.orderedTo() != null) {
            query.append(" and o.shopifyCreatedAt < :to");
            params.and("to", filter.orderedTo());
        }
        if (after != null) {
            query.append(" and (o.importedAt < :afterAt or (o.importedAt = :afterAt and o.id < :afterId))");
            params.and("afterAt", after.importedAt()).and("afterId", after.id());
        }
        query.append(" order by o.importedAt desc, o.id desc");
        return find(query.toString(), params).page(0, limit).list().chain(orders -> withLines(tenant, orders));
    }

    private Uni<List<Order>> withLines(String tenant, List<Order> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(orders);
        }
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            position.put(orders.get(i).id, i);
        }
        return find("select distinct o from Order o left join fetch o.lines where o.tenant = ?1 and o.id in ?2",
                tenant, position.keySet()).list()
                .map(fetched -> fetched.stream().sorted(Comparator.comparing(o -> position.get(o.id))).toList());
    }
}
