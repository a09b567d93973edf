package com.proign.shopify.orders.service;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.FulfillmentRequested;
import com.proign.shopify.orders.HoldRequested;
import com.proign.shopify.orders.RequestDecided;
import com.proign.shopify.orders.Order;
import com.proign.shopify.orders.OrderEdit;
import com.proign.shopify.orders.OrderLine;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.OutboxRecord;
import com.proign.shopify.orders.Shipment;
import com.proign.shopify.orders.mapping.OrderSnapshot;
import com.proign.shopify.orders.repository.OrderEditRepository;
import com.proign.shopify.orders.repository.OrderRepository;
import com.proign.shopify.orders.repository.ShipmentRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The warehouse's moves on an order: pending → picking → packed → shipped (or partially shipped, then again),
 * hold and release. A move the order's status does not allow is refused ({@link InvalidTransitionException});
 * two moves on one order at once are serialised by its version (optimistic locking), and the loser is refused.
 * Shipping writes the shipment and its fulfillment request (transactional outbox) in the same transaction.
 */
@ApplicationScoped
public class QueueActions {

    public static final String FULFILLMENT_REQUESTS = "order-service.fulfillment-requests";
    public static final String HOLD_REQUESTS = "order-service.hold-requests";

    private static final Map<OrderStatus, Set<OrderStatus>> MOVES = Map.of(
            OrderStatus.pending, Set.of(OrderStatus.picking),
            OrderStatus.picking, Set.of(OrderStatus.packed),
            OrderStatus.partially_shipped, Set.of(OrderStatus.picking, OrderStatus.packed),
            OrderStatus.packed, Set.of(OrderStatus.picking));

    /** Which lines and how many, for a partial shipment; empty means everything left to pick. */
    public record ShipLine(long shopifyLineItemId, int quantity) {
    }

    /** A shipment: the carrier, every parcel's tracking number and URL (by position), and the lines (null: all left). */
    public record ShipCommand(String carrier, List<String> trackingNumbers, List<String> trackingUrls, List<ShipLine> lines) {
    }

    private final OrderRepository orders;
    private final ShipmentRepository shipments;
    private final ObjectMapper json;
    private final OrderEditRepository edits;

    public QueueActions(OrderRepository orders, ShipmentRepository shipments, ObjectMapper json, OrderEditRepository edits) {
        this.shipments = shipments;
        this.orders = orders;
        this.json = json;
        this.edits = edits;
    }

    /**
     * A person acknowledges what Shopify changed after picking started: the order's lines become what Shopify has
     * (what was shipped of a line stays: a line taken away keeps its shipped quantity), the flag is cleared, and the
     * change says who acknowledged it and when. After shipping nothing is applied; the flag is cleared. 409 when
     * nothing waits.
     */
    @WithTransaction
    public Uni<Order> acknowledgeEdits(String tenant, UUID id, String who, Long expectedVersion) {
        return load(tenant, id, expectedVersion).chain(order -> edits.awaiting(tenant, id).chain(awaiting -> {
            if (awaiting != null) {
                applyLines(order, EditJson.linesOf(awaiting.lines));
                // and what Shopify last assigned to other locations or fulfillment services
                order.lines.forEach(line -> line.elsewhereQuantity = line.shopifyElsewhereQuantity);
                // refunded (or edited) down to nothing before anything shipped: it leaves the queue
                if (!order.status.shippedAny() && order.lines.stream().noneMatch(l -> l.pickable() && l.quantity > 0)
                        && "refunded".equals(order.financialStatus)) {
                    order.status = OrderStatus.refunded;
                    order.heldFrom = null;
                } else if (order.status != OrderStatus.on_hold && order.lines.stream().allMatch(l -> l.quantityToPick() == 0)
                        && order.lines.stream().anyMatch(l -> l.elsewhereQuantity > 0)) {
                    // nothing is left for this warehouse: what it shipped is all of its part, or Shopify assigned all
                    // of it elsewhere before anything shipped
                    order.status = order.status.shippedAny() ? OrderStatus.shipped : OrderStatus.assigned_elsewhere;
                }
                return Uni.createFrom().item(acknowledged(order, awaiting, OrderEdit.State.acknowledged, who));
            }
            if (!order.changedAfterPicking) {
                throw new InvalidTransitionException("order " + order.shopifyOrderNumber
                        + " has no change from Shopify waiting to be acknowledged");
            }
            return edits.recordedAfterShipping(tenant, id)
                    .map(recorded -> acknowledged(order, recorded, recorded == null ? null : recorded.state, who));
        }));
    }

    private static Order acknowledged(Order order, OrderEdit edit, OrderEdit.State state, String who) {
        OffsetDateTime now = OffsetDateTime.now();
        if (edit != null) {
            edit.state = state;
            edit.acknowledgedAt = now;
            edit.acknowledgedBy = who;
        }
        order.changedAfterPicking = false;
        order.updatedAt = now;
        return order;
    }

    /** The order's lines as Shopify has them; what the warehouse shipped of a line stays. */
    private static void applyLines(Order order, List<OrderSnapshot.Line> wanted) {
        Map<Long, OrderLine> byItem = new HashMap<>();
        order.lines.forEach(line -> byItem.put(line.shopifyLineItemId, line));
        for (OrderSnapshot.Line line : wanted) {
            OrderLine stored = byItem.remove(line.shopifyLineItemId());
            if (stored == null) {
                stored = new OrderLine();
                stored.id = UUID.randomUUID();
                stored.order = order;
                stored.tenant = order.tenant;
                stored.shopifyLineItemId = line.shopifyLineItemId();
                order.lines.add(stored);
            }
            stored.shopifyVariantId = line.variantId();
            stored.shopifyProductId = line.productId();
            stored.sku = line.sku();
            stored.title = line.title();
            stored.variantTitle = line.variantTitle();
            stored.quantity = Math.max(line.quantity(), stored.shippedQuantity);
            stored.fulfillableQuantity = line.fulfillableQuantity();
            stored.price = line.price();
            stored.requiresShipping = line.requiresShipping();
            stored.giftCard = line.giftCard();
        }
        // a line Shopify no longer lists at all: gone, unless some of it shipped (then what shipped is kept)
        for (OrderLine gone : byItem.values()) {
            if (gone.shippedQuantity == 0) {
                order.lines.remove(gone);
            } else {
                gone.quantity = gone.shippedQuantity;
                gone.fulfillableQuantity = 0;
            }
        }
    }

    /** Picking or packed (or back to picking from packed). */
    @WithTransaction
    public Uni<Order> move(String tenant, UUID id, OrderStatus target, Long expectedVersion) {
        return load(tenant, id, expectedVersion).map(order -> {
            if (!MOVES.getOrDefault(order.status, Set.of()).contains(target)) {
                throw new InvalidTransitionException(order, target.name());
            }
            order.status = target;
            order.updatedAt = OffsetDateTime.now();
            return order;
        });
    }

    @WithTransaction
    public Uni<Order> hold(String tenant, UUID id, String reason, Long expectedVersion) {
        return load(tenant, id, expectedVersion).map(order -> {
            if (!Set.of(OrderStatus.pending, OrderStatus.picking, OrderStatus.packed, OrderStatus.partially_shipped)
                    .contains(order.status)) {
                throw new InvalidTransitionException(order, "on_hold");
            }
            order.heldFrom = order.status;
            order.holdReason = reason;
            order.status = OrderStatus.on_hold;
            order.updatedAt = OffsetDateTime.now();
            return order;
        }).call(order -> Panache.getSession().chain(session -> session.persist(
                holdRequest(order, HoldRequested.hold(order, reason, order.updatedAt)))));
    }

    @WithTransaction
    public Uni<Order> release(String tenant, UUID id, Long expectedVersion) {
        return load(tenant, id, expectedVersion).map(order -> {
            if (order.status != OrderStatus.on_hold) {
                throw new InvalidTransitionException(order, "released");
            }
            if (order.heldByShopify) {
                throw new InvalidTransitionException("order " + order.shopifyOrderNumber + " is held in Shopify ("
                        + order.holdReason + "): it is released when the hold is released in Shopify");
            }
            order.status = order.heldFrom == null ? OrderStatus.pending : order.heldFrom;
            order.heldFrom = null;
            order.holdReason = null;
            order.updatedAt = OffsetDateTime.now();
            return order;
        }).call(order -> Panache.getSession().chain(session -> session.persist(
                holdRequest(order, HoldRequested.release(order, order.updatedAt)))));
    }

    /** The warehouse's answer to one of the merchant's requests to its fulfillment service. */
    public record RequestAnswer(String kind, boolean accept, String reason, String message, java.time.LocalDate estimatedShipDate,
            List<Long> lineItemIds) {
    }

    /**
     * Answers the merchant's fulfillment request (the order is requested) or cancellation request (one waits): the
     * answer goes to Shopify through the outbox (order-service.request-decisions) and the order moves when Shopify's
     * fulfillment orders say it was taken. A rejection's line items must be the order's.
     */
    @WithTransaction
    public Uni<Order> answerRequest(String tenant, UUID id, RequestAnswer answer, Long expectedVersion) {
        return load(tenant, id, expectedVersion).map(order -> {
            boolean fulfillment = "fulfillment".equals(answer.kind());
            if (fulfillment ? !"submitted".equals(order.fulfillmentRequest) : !"requested".equals(order.cancellationRequest)) {
                throw new InvalidTransitionException("order " + order.shopifyOrderNumber + " has no " + answer.kind()
                        + " request from the merchant waiting for an answer");
            }
            List<Long> lines = answer.lineItemIds() == null ? List.of() : List.copyOf(answer.lineItemIds());
            for (Long line : lines) {
                if (order.lines.stream().noneMatch(l -> l.shopifyLineItemId == line)) {
                    throw new InvalidDecisionException("order " + order.shopifyOrderNumber + " has no line item " + line);
                }
            }
            String what = (answer.accept() ? "Accepting" : "Rejecting") + " the " + answer.kind() + " request";
            order.requestNote = left(what + (answer.message() == null || answer.message().isBlank() ? "" : ": " + answer.message().strip())
                    + " (sent to Shopify)", 1000);
            order.updatedAt = OffsetDateTime.now();
            return order;
        }).call(order -> Panache.getSession().chain(session -> session.persist(decision(order, new RequestDecided(tenant,
                order.id, order.shopifyOrderId, order.shopifyOrderNumber, answer.kind(), answer.accept() ? "accept" : "reject",
                answer.accept() ? null : answer.reason(), answer.message(), answer.accept() ? answer.estimatedShipDate() : null,
                answer.accept() ? List.of() : answer.lineItemIds() == null ? List.of() : answer.lineItemIds(), "warehouse",
                order.updatedAt)))));
    }

    private static String left(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** The warehouse's answer to the merchant's request, for the sync-service to send to Shopify. */
    private OutboxRecord decision(Order order, RequestDecided decided) {
        return outbox(order, RequestDecided.TOPIC, RequestDecided.EVENT_TYPE, decided, decided.decidedAt());
    }

    /** The warehouse's hold or release, for the sync-service to mirror in Shopify (the merchant sees it there). */
    private OutboxRecord holdRequest(Order order, HoldRequested request) {
        return outbox(order, HOLD_REQUESTS, "com.proign.fulfillment.hold-requested", request, request.requestedAt());
    }

    /** A record of the order's for the outbox relay, keyed by the order, in the trace the order came with. */
    private OutboxRecord outbox(Order order, String topic, String eventType, Object payload, OffsetDateTime at) {
        OutboxRecord record = new OutboxRecord();
        record.tenant = order.tenant;
        record.topic = topic;
        record.recordKey = order.tenant + ":" + order.shopifyOrderId;
        record.eventType = eventType;
        record.eventId = UUID.randomUUID();
        try {
            record.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        record.createdAt = at;
        record.traceparent = order.originTraceparent;
        return record;
    }

    /**
     * Ships a packed (or partially shipped) order: all that is left to pick, or the lines given. The order
     * becomes shipped when nothing is left to pick, partially shipped otherwise.
     */
    @WithTransaction
    public Uni<Shipment> ship(String tenant, UUID id, ShipCommand command, Long expectedVersion) {
        return load(tenant, id, expectedVersion).chain(order -> {
            if (order.status != OrderStatus.packed && order.status != OrderStatus.partially_shipped) {
                throw new InvalidTransitionException(order, "shipped");
            }
            Map<Long, OrderLine> byItem = new HashMap<>();
            order.lines.forEach(line -> byItem.put(line.shopifyLineItemId, line));
            Map<Long, Integer> quantities = new LinkedHashMap<>();
            if (command.lines() == null || command.lines().isEmpty()) {
                order.lines.stream().filter(l -> l.quantityToPick() > 0)
                        .forEach(l -> quantities.put(l.shopifyLineItemId, l.quantityToPick()));
            } else {
                for (ShipLine requested : command.lines()) {
                    OrderLine line = byItem.get(requested.shopifyLineItemId());
                    if (line == null) {
                        throw new InvalidShipmentException("order " + order.shopifyOrderNumber + " has no line item "
                                + requested.shopifyLineItemId());
                    }
                    int total = quantities.merge(requested.shopifyLineItemId(), requested.quantity(), Integer::sum);
                    if (total > line.quantityToPick()) {
                        throw new InvalidShipmentException("line item " + requested.shopifyLineItemId() + " ("
                                + line.title + ") has " + line.quantityToPick() + " left to ship, not " + total);
                    }
                }
            }
            if (quantities.isEmpty()) {
                throw new InvalidShipmentException("order " + order.shopifyOrderNumber + " has nothing left to ship");
            }
            OffsetDateTime now = OffsetDateTime.now();
            Shipment shipment = new Shipment();
            shipment.id = UUID.randomUUID();
            shipment.tenant = tenant;
            shipment.order = order;
            shipment.track(command.carrier(), command.trackingNumbers(), command.trackingUrls());
            shipment.shippedAt = now;
            shipment.syncStatus = Shipment.SyncStatus.pending;
            quantities.forEach((item, quantity) -> {
                shipment.lines.add(new Shipment.Line(item, quantity));
                byItem.get(item).shippedQuantity += quantity;
            });
            boolean complete = order.lines.stream().allMatch(l -> l.quantityToPick() == 0);
            order.status = complete ? OrderStatus.shipped : OrderStatus.partially_shipped;
            order.updatedAt = now;
            return Panache.getSession()
                    .chain(session -> session.persist(shipment).chain(() -> session.persist(request(order, shipment, now, now))))
                    .replaceWith(shipment);
        });
    }

    /**
     * Sends a shipment whose sync failed (Shopify refused it, the store lacked a scope or a location) to the
     * sync-service again, once its cause is fixed: it is pending again and its fulfillment request goes out through the
     * outbox as before. The sync-service looks in Shopify first, so a shipment that did reach Shopify is not fulfilled
     * twice. A shipment already on its way is left as it is; one already in Shopify cannot be retried.
     */
    @WithTransaction
    public Uni<Shipment> retry(String tenant, UUID orderId, UUID shipmentId) {
        return load(tenant, orderId, null).chain(order -> shipments.find("tenant = ?1 and id = ?2 and order.id = ?3",
                tenant, shipmentId, orderId).firstResult().chain(shipment -> {
                    if (shipment == null) {
                        throw new ShipmentNotFoundException(tenant, orderId, shipmentId);
                    }
                    if (shipment.syncStatus == Shipment.SyncStatus.synced) {
                        throw new InvalidTransitionException("shipment " + shipmentId + " is already in Shopify");
                    }
                    return shipment.syncStatus == Shipment.SyncStatus.pending ? Uni.createFrom().item(shipment)
                            : resend(order, shipment);
                }));
    }

    /**
     * The carrier or tracking of a shipment changed after it left (a parcel relabelled, one more parcel): stored, and
     * sent to the sync-service again as the same shipment, which updates the tracking of the fulfillment Shopify has
     * (or creates it, if Shopify has none yet). The same tracking again changes nothing.
     */
    @WithTransaction
    public Uni<Shipment> changeTracking(String tenant, UUID orderId, UUID shipmentId, String carrier, List<String> numbers,
            List<String> urls) {
        return load(tenant, orderId, null).chain(order -> shipments.find("tenant = ?1 and id = ?2 and order.id = ?3",
                tenant, shipmentId, orderId).firstResult().chain(shipment -> {
                    if (shipment == null) {
                        throw new ShipmentNotFoundException(tenant, orderId, shipmentId);
                    }
                    if (java.util.Objects.equals(shipment.carrier, carrier) && List.of(shipment.trackingNumbers).equals(numbers)
                            && List.of(shipment.trackingUrls).equals(urls)) {
                        return Uni.createFrom().item(shipment);
                    }
                    shipment.track(carrier, numbers, urls);
                    return resend(order, shipment);
                }));
    }

    /** Every shipment of the tenant whose sync failed, sent again (as {@link #retry}); the shipments sent. */
    @WithTransaction
    public Uni<List<Shipment>> retryFailed(String tenant) {
        return shipments.list("tenant = ?1 and syncStatus = ?2 order by shippedAt", tenant, Shipment.SyncStatus.failed)
                .chain(failed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Shipment shipment : failed) {
                        chain = chain.chain(() -> orders.findById(tenant, shipment.order.id)
                                .chain(order -> resend(order, shipment)).replaceWithVoid());
                    }
                    return chain.replaceWith(failed);
                });
    }

    private Uni<Shipment> resend(Order order, Shipment shipment) {
        OffsetDateTime now = OffsetDateTime.now();
        shipment.syncStatus = Shipment.SyncStatus.pending;
        shipment.syncError = null;
        return Panache.getSession().chain(session -> session.persist(request(order, shipment, shipment.shippedAt, now)))
                .replaceWith(shipment);
    }

    /** The fulfillment request the sync-service turns into a Shopify fulfillment. */
    private OutboxRecord request(Order order, Shipment shipment, OffsetDateTime shippedAt, OffsetDateTime now) {
        OutboxRecord record = new OutboxRecord();
        record.tenant = order.tenant;
        record.topic = FULFILLMENT_REQUESTS;
        record.recordKey = order.tenant + ":" + order.shopifyOrderId;
        record.eventType = "com.proign.fulfillment.requested";
        record.eventId = shipment.id;
        try {
            record.payload = json.writeValueAsString(FulfillmentRequested.of(order, shipment, shippedAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        record.createdAt = now;
        record.traceparent = order.originTraceparent;
        return record;
    }

    private Uni<Order> load(String tenant, UUID id, Long expectedVersion) {
        return orders.findById(tenant, id).map(order -> {
            if (order == null) {
                throw new OrderNotFoundException(tenant, id);
            }
            if (expectedVersion != null && expectedVersion != order.version) {
                throw new ConcurrentChangeException(order, expectedVersion);
            }
            return order;
        });
    }
}
