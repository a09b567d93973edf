package com.proign.shopify.orders.rest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.messaging.OutboxRelay;
import com.proign.shopify.orders.repository.OrderRepository;
import com.proign.shopify.orders.repository.ShipmentRepository;
import com.proign.shopify.orders.security.TenantPermissions;
import com.proign.shopify.orders.service.ConcurrentChangeException;
import com.proign.shopify.orders.service.QueueActions.ShipCommand;
import com.proign.shopify.orders.service.QueueActions.ShipLine;
import com.proign.shopify.orders.service.QueueActions;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * The warehouse's moves: {@code pick}, {@code pack}, {@code ship} (all that is left, or some lines), {@code hold}
 * and {@code release}, the answers to the merchant's fulfillment and cancellation requests
 * ({@code fulfillment-request/accept|reject}, {@code cancellation-request/accept|reject}), and {@code shipments/{shipment}/retry} for a shipment Shopify did not take. Each answers the order as it is now. An optional {@code If-Match} with the order's
 * {@code version} makes the move conditional; two moves racing on one order never both apply (409).
 */
@Path("/api/{tenant}/orders/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class QueueActionResource {

    /**
     * A shipment: the carrier, its tracking (tracking_number and tracking_url for one parcel, tracking_numbers and
     * tracking_urls for several, by position; both may be given, the single one first), and the lines.
     */
    public record ShipRequest(
            @Size(max = 255) String carrier,
            @Size(max = 255) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with a space") String trackingNumber,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String trackingUrl,
            @Size(max = 20) List<@NotNull @Size(min = 1, max = 255) @Pattern(regexp = "\\S(.*\\S)?",
                    message = "must not start or end with a space") String> trackingNumbers,
            @Size(max = 20) List<@NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+",
                    message = "must be an http(s) URL") String> trackingUrls,
            List<@NotNull @Valid LineRequest> lines) {
    }

    /** A shipment's carrier and tracking as they are now (replacing what it had). */
    public record TrackingRequest(
            @Size(max = 255) String carrier,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(min = 1, max = 255) @Pattern(regexp = "\\S(.*\\S)?",
                    message = "must not start or end with a space") String> trackingNumbers,
            @Size(max = 20) List<@NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+",
                    message = "must be an http(s) URL") String> trackingUrls) {
    }

    /** URLs by position with the numbers: the single one first, then the list, as given. */
    static List<String> positional(String single, List<String> several) {
        List<String> all = new java.util.ArrayList<>();
        if (single != null && !single.isBlank()) {
            all.add(single);
        }
        if (several != null) {
            all.addAll(several);
        }
        return List.copyOf(all);
    }

    /** The single tracking field first, then the list, without repeats. */
    static List<String> joined(String single, List<String> several) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (single != null && !single.isBlank()) {
            all.add(single);
        }
        if (several != null) {
            all.addAll(several);
        }
        return List.copyOf(all);
    }

    public record LineRequest(@NotNull Long shopifyLineItemId, @NotNull @Min(1) Integer quantity) {
    }

    public record HoldRequest(@Size(max = 500) String reason) {
    }

    /** Shopify's reasons a fulfillment service may reject a fulfillment request with (FulfillmentOrderRejectionReason). */
    public enum RejectionReason {
        INCORRECT_ADDRESS, INCORRECT_PRODUCT_INFO, INELIGIBLE_PRODUCT, INTERNATIONAL_SHIPPING_UNAVAILABLE,
        INVALID_CONTACT_INFORMATION, INVALID_SKU, INVENTORY_OUT_OF_STOCK, MERCHANT_BLOCKED_OR_SUSPENDED, MISSING_CUSTOMS_INFO,
        ORDER_TOO_LARGE, OTHER, PACKAGE_PREFERENCE_NOT_SET, PAYMENT_DECLINED, UNDELIVERABLE_DESTINATION
    }

    /** Accepting the merchant's fulfillment request: a message for the merchant, and when it is expected to ship. */
    public record AcceptFulfillmentRequest(@Size(max = 500) String message, java.time.LocalDate estimatedShipDate) {
    }

    /** Rejecting it: Shopify's reason, a message for the merchant, and the order's line items it is about (none: all). */
    public record RejectFulfillmentRequest(@NotNull RejectionReason reason, @Size(max = 500) String message,
            @Size(max = 100) List<@NotNull Long> lineItemIds) {
    }

    /** Answering the merchant's cancellation request: a message for the merchant. */
    public record CancellationAnswer(@Size(max = 500) String message) {
    }

    private final QueueActions actions;
    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final OutboxRelay relay;

    public QueueActionResource(QueueActions actions, OrderRepository orders, ShipmentRepository shipments, OutboxRelay relay) {
        this.actions = actions;
        this.orders = orders;
        this.shipments = shipments;
        this.relay = relay;
    }

    @POST
    @Path("/pick")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order as it is now, with its version")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "The move is not allowed from the order's status, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> pick(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(tenant, id, actions.move(tenant, id, OrderStatus.picking, version(ifMatch)));
    }

    @POST
    @Path("/pack")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order as it is now, with its version")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "The move is not allowed from the order's status, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> pack(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(tenant, id, actions.move(tenant, id, OrderStatus.packed, version(ifMatch)));
    }

    @POST
    @Path("/ship")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order with its new shipment, pending until Shopify has it")
    @APIResponse(responseCode = "400", description = "A field of the shipment is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "The move is not allowed from the order's status, or the order changed meanwhile (If-Match)")
    @APIResponse(responseCode = "422", description = "The lines do not match the order (unknown line item, more than is left to ship)")
    public Uni<OrderView> ship(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid ShipRequest request) {
        ShipRequest body = request == null ? new ShipRequest(null, null, null, null, null, null) : request;
        ShipCommand command = new ShipCommand(body.carrier(), joined(body.trackingNumber(), body.trackingNumbers()),
                positional(body.trackingUrl(), body.trackingUrls()),
                body.lines() == null ? null
                        : body.lines().stream().map(l -> new ShipLine(l.shopifyLineItemId(), l.quantity())).toList());
        return answer(tenant, id, actions.ship(tenant, id, command, version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    @POST
    @Path("/hold")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, held")
    @APIResponse(responseCode = "400", description = "The reason is too long")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "The move is not allowed from the order's status, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> hold(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid HoldRequest request) {
        return answer(tenant, id, actions.hold(tenant, id, request == null ? null : request.reason(), version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    @POST
    @Path("/release")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order as it is now, with its version")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "The move is not allowed from the order's status, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> release(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(tenant, id, actions.release(tenant, id, version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /**
     * Accepts the merchant's fulfillment request to the warehouse's fulfillment service (the order is
     * {@code requested}); the order becomes pending once Shopify has the answer.
     */
    @POST
    @Path("/fulfillment-request/accept")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the answer on its way to Shopify (request_note says so)")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "No fulfillment request waits for an answer, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> acceptFulfillmentRequest(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid AcceptFulfillmentRequest request) {
        AcceptFulfillmentRequest body = request == null ? new AcceptFulfillmentRequest(null, null) : request;
        return answer(tenant, id, actions.answerRequest(tenant, id, new QueueActions.RequestAnswer("fulfillment", true, null,
                body.message(), body.estimatedShipDate(), null), version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /** Rejects it with Shopify's reason; the order leaves the queue (rejected) once Shopify has the answer. */
    @POST
    @Path("/fulfillment-request/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the answer on its way to Shopify (request_note says so)")
    @APIResponse(responseCode = "400", description = "No reason, or a field is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "No fulfillment request waits for an answer, or the order changed meanwhile (If-Match)")
    @APIResponse(responseCode = "422", description = "A line item is not the order's")
    public Uni<OrderView> rejectFulfillmentRequest(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull RejectFulfillmentRequest request) {
        return answer(tenant, id, actions.answerRequest(tenant, id, new QueueActions.RequestAnswer("fulfillment", false,
                request.reason().name(), request.message(), null, request.lineItemIds()), version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /** Accepts the merchant's cancellation request; the order is cancelled once Shopify has the answer. */
    @POST
    @Path("/cancellation-request/accept")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the answer on its way to Shopify (request_note says so)")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "No cancellation request waits for an answer, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> acceptCancellationRequest(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid CancellationAnswer request) {
        return answer(tenant, id, actions.answerRequest(tenant, id, new QueueActions.RequestAnswer("cancellation", true, null,
                request == null ? null : request.message(), null, null), version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /** Rejects it, saying why (packed, shipped); the order goes on as it is. */
    @POST
    @Path("/cancellation-request/reject")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the answer on its way to Shopify (request_note says so)")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "No cancellation request waits for an answer, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> rejectCancellationRequest(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid CancellationAnswer request) {
        return answer(tenant, id, actions.answerRequest(tenant, id, new QueueActions.RequestAnswer("cancellation", false, null,
                request == null ? null : request.message(), null, null), version(ifMatch)))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /**
     * Acknowledges what Shopify changed of the order's lines after picking started (see {@code GET .../edits}): the
     * picking list becomes the order as Shopify has it (what shipped stays shipped) and the flag
     * {@code changed_after_picking} is cleared; who acknowledged it is kept with the change.
     */
    @POST
    @Path("/edits/acknowledge")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order with its lines as Shopify has them now")
    @APIResponse(responseCode = "404", description = "The tenant has no such order")
    @APIResponse(responseCode = "409", description = "No change waits to be acknowledged, or the order changed meanwhile (If-Match)")
    public Uni<OrderView> acknowledgeEdits(@RestPath String tenant, @RestPath UUID id, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        return answer(tenant, id, actions.acknowledgeEdits(tenant, id, security.getUserPrincipal().getName(), version(ifMatch)));
    }

    /**
     * Sends a shipment whose sync to Shopify failed again, once the cause is fixed (a location, a scope, an outage):
     * it is pending until the sync-service's answer; the order as it is now. A shipment already pending is left as it
     * is; one already in Shopify cannot be retried (409).
     */
    @POST
    @Path("/shipments/{shipment}/retry")
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the shipment pending again")
    @APIResponse(responseCode = "404", description = "The tenant has no such order or shipment")
    @APIResponse(responseCode = "409", description = "The shipment is in Shopify already")
    public Uni<OrderView> retryShipment(@RestPath String tenant, @RestPath UUID id, @RestPath UUID shipment) {
        return answer(tenant, id, actions.retry(tenant, id, shipment)).call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /**
     * Changes a shipment's carrier and tracking after it left (a relabelled parcel, a parcel more): Shopify's
     * fulfillment gets the new tracking (the customer is notified as the tenant's setting says).
     */
    @PUT
    @Path("/shipments/{shipment}/tracking")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.WORK)
    @APIResponse(responseCode = "200", description = "The order, the shipment with its new tracking, pending until Shopify has it")
    @APIResponse(responseCode = "400", description = "A field of the tracking is invalid")
    @APIResponse(responseCode = "404", description = "The tenant has no such order or shipment")
    public Uni<OrderView> changeTracking(@RestPath String tenant, @RestPath UUID id, @RestPath UUID shipment,
            @Valid @NotNull TrackingRequest request) {
        return answer(tenant, id, actions.changeTracking(tenant, id, shipment, request.carrier(),
                joined(null, request.trackingNumbers()), positional(null, request.trackingUrls())))
                .call(() -> relay.publishSoon(Duration.ofSeconds(2)));
    }

    /** The order as committed, with its shipments. */
    private Uni<OrderView> answer(String tenant, UUID id, Uni<?> move) {
        return move.chain(() -> Panache.withSession(() -> orders.findById(tenant, id)
                .chain(order -> shipments.ofOrder(tenant, id).map(found -> OrderView.of(order, found)))));
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("\"", "").replace("W/", "").strip());
        } catch (NumberFormatException e) {
            throw new ConcurrentChangeException("If-Match must be the order's version, e.g. \"3\"");
        }
    }
}
