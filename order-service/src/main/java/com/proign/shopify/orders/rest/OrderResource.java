package com.proign.shopify.orders.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.repository.OrderCursor;
import com.proign.shopify.orders.repository.OrderEditRepository;
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
    private final com.proign.shopify.orders.repository.ShipmentRepository shipments;
    private final OrderEditRepository edits;

    public OrderResource(OrderRepository orders, com.proign.shopify.orders.repository.ShipmentRepository shipments,
            OrderEditRepository edits) {
        this.orders = orders;
        this.shipments = shipments;
        this.edits = edits;
    }

    @GET
    @WithSession
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "A page of the queue, newest first")
    @APIResponse(responseCode = "400", description = "A filter or the cursor is invalid")
    public Uni<OrderPage> list(
            @RestPath String tenant,
            @RestQuery("shopify_order_id") Long shopifyOrderId,
            @RestQuery String status,
            @RestQuery("order_number") String orderNumber,
            @RestQuery String sku,
            @RestQuery("ordered_from") String orderedFrom,
            @RestQuery("ordered_to") String orderedTo,
            @RestQuery String cursor,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int limit) {
        OrderFilter filter = new OrderFilter(shopifyOrderId, status == null ? null : parseStatus(status),
                orderNumber == null ? null : (orderNumber.startsWith("#") ? orderNumber : "#" + orderNumber), sku,
                time("ordered_from", orderedFrom), time("ordered_to", orderedTo));
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
    @APIResponse(responseCode = "200", description = "The order with its lines and shipments")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    public Uni<OrderView> get(@RestPath String tenant, @RestPath UUID id) {
        return orders.findById(tenant, id).chain(order -> {
            if (order == null) {
                throw HttpProblem.builder().withStatus(404).withTitle("Order not found")
                        .withDetail("tenant " + tenant + " has no order " + id).build();
            }
            return shipments.ofOrder(tenant, id).map(found -> OrderView.of(order, found));
        });
    }

    /** What Shopify changed of the order's lines after it was imported, newest first. */
    @GET
    @Path("/{id}/edits")
    @WithSession
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The order's changes from Shopify, newest first")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    public Uni<List<EditView>> edits(@RestPath String tenant, @RestPath UUID id) {
        return orders.findById(tenant, id).chain(order -> {
            if (order == null) {
                throw HttpProblem.builder().withStatus(404).withTitle("Order not found")
                        .withDetail("tenant " + tenant + " has no order " + id).build();
            }
            return edits.ofOrder(tenant, id).map(found -> found.stream().map(EditView::of).toList());
        });
    }

    private static OrderStatus parseStatus(String status) {
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Unknown status")
                    .withDetail("status must be one of " + java.util.Arrays.toString(OrderStatus.values()))
                    .with("field", "status").build();
        }
    }

    /** An ISO-8601 time with offset (2026-11-01T00:00:00Z) or a date (then midnight UTC). */
    private static java.time.OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? java.time.LocalDate.parse(value).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)
                    : java.time.OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid time")
                    .withDetail(field + " must be a date (2026-11-01) or a time with offset (2026-11-01T08:00:00Z)")
                    .with("field", field).build();
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
