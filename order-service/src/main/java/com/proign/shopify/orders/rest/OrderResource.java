package com.proign.shopify.orders.rest;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.repository.OrderCursor;
import com.proign.shopify.orders.repository.OrderFilter;
import com.proign.shopify.orders.repository.OrderRepository;
import com.proign.shopify.orders.security.TenantPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/** The tenant's fulfillment queue. */
@Path("/api/{tenant}/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderRepository orders;

    public OrderResource(OrderRepository orders) {
        this.orders = orders;
    }

    @GET
    @WithSession
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<OrderPage> list(
            @RestPath String tenant,
            @RestQuery("shopify_order_id") Long shopifyOrderId,
            @RestQuery String status,
            @RestQuery String cursor,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int limit) {
        OrderFilter filter = new OrderFilter(shopifyOrderId, status == null ? null : parseStatus(status));
        OrderCursor after = cursor == null ? null : parseCursor(cursor);
        return orders.page(tenant, filter, after, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            var page = more ? found.subList(0, limit) : found;
            return new OrderPage(page.stream().map(OrderView::of).toList(),
                    more ? OrderCursor.after(page.get(page.size() - 1)).encode() : null);
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<OrderView> get(@RestPath String tenant, @RestPath UUID id) {
        return orders.findById(tenant, id).map(order -> {
            if (order == null) {
                throw HttpProblem.builder().withStatus(404).withTitle("Order not found")
                        .withDetail("tenant " + tenant + " has no order " + id).build();
            }
            return OrderView.of(order);
        });
    }

    private static OrderStatus parseStatus(String status) {
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Unknown status")
                    .withDetail("status must be one of pending, picking, packed, shipped, cancelled, on_hold").build();
        }
    }

    private static OrderCursor parseCursor(String cursor) {
        try {
            return OrderCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid cursor").withDetail(e.getMessage()).build();
        }
    }
}
