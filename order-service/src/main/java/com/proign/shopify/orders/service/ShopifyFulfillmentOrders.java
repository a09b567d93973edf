package com.proign.shopify.orders.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.proign.shopify.orders.FulfillmentOrdersState;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.RequestDecided;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository.AssignedLine;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository.AssignedOrder;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository.LineAssignment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Shopify's fulfillment orders in the queue (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder).
 * <p>
 * <b>Holds</b>: an order whose fulfillment order at the warehouse's location is held in Shopify (awaiting payment,
 * high risk of fraud, incorrect address, out of stock, other; by the merchant or by Shopify), or scheduled for later,
 * is on_hold with Shopify's reason and cannot be picked; when Shopify releases every hold it returns to where it was.
 * The warehouse's own hold (POST .../hold) is separate: an order the warehouse holds stays held by it.
 * <p>
 * <b>Assignment</b>: what Shopify assigned to other locations or to fulfillment services (moved, split off) is not
 * the warehouse's to pick; by the same rule as an edit of the order's lines: before picking starts the pick list
 * follows (all of it elsewhere: the order is assigned_elsewhere, out of the queue, until some comes back); once
 * picking started the order is flagged changed_after_picking with the change in words and the pick list stays until
 * someone acknowledges it; after shipping it is recorded only.
 * <p>
 * A later read of an order's fulfillment orders wins over an earlier one, whatever order they arrive in; an order
 * imported after its fulfillment orders were read gets their holds by a pass every {@code orders.holds.sweep-every}
 * and their assignment when it is imported.
 */
@ApplicationScoped
public class ShopifyFulfillmentOrders {

    private static final Logger LOG = Logger.getLogger(ShopifyFulfillmentOrders.class);

    private final FulfillmentOrderRepository fulfillmentOrders;
    private final ObjectMapper json;

    public ShopifyFulfillmentOrders(FulfillmentOrderRepository fulfillmentOrders, ObjectMapper json) {
        this.fulfillmentOrders = fulfillmentOrders;
        this.json = json;
    }

    /** Records the state and applies it to the order; how many orders changed (0 for an older state). */
    public Uni<Integer> apply(FulfillmentOrdersState state) {
        // the order, one transaction at a time with its import (OrderIngestion), so neither misses the other
        return fulfillmentOrders.inTransaction(c -> fulfillmentOrders.lockOrders(c, List.of(state.tenant()), List.of(state.shopifyOrderId()))
                .chain(() -> fulfillmentOrders.record(c, state))
                .chain(recorded -> recorded == 0 ? Uni.createFrom().item(0)
                        : fulfillmentOrders.apply(c, state.tenant(), state.shopifyOrderId())
                                .chain(held -> assign(c, state.tenant(), state.shopifyOrderId(), state.readAt())
                                        .map(assigned -> held + (assigned ? 1 : 0)))))
                .invoke(changed -> LOG.infof("order %d of tenant %s: %d fulfillment order(s)%s%s; %d change(s)",
                        state.shopifyOrderId(), state.tenant(), state.fulfillmentOrders().size(),
                        state.fulfillmentOrders().stream().anyMatch(FulfillmentOrdersState.FulfillmentOrder::held) ? ", held" : "",
                        state.fulfillmentOrders().stream().anyMatch(fo -> !fo.here()) ? ", some elsewhere" : "", changed));
    }

    /**
     * Brings the order's lines to what Shopify assigned elsewhere, by the order's stage, and the order to what the
     * merchant's requests to the warehouse's fulfillment service say; whether anything changed. Nothing when the
     * order is not imported yet (it is assigned when it is).
     */
    public Uni<Boolean> assign(SqlConnection c, String tenant, long shopifyOrderId, OffsetDateTime readAt) {
        return assignLines(c, tenant, shopifyOrderId, readAt)
                .chain(assigned -> requests(c, tenant, shopifyOrderId).map(requested -> assigned || requested));
    }

    /**
     * The merchant's requests to the warehouse's fulfillment service: a fulfillment request waiting makes the order
     * requested (not pickable) until accepted; rejected, it leaves the queue; a cancellation request is shown, and
     * answered by the tenant's rule (accept_before_picking) through the outbox; an accepted one cancels the order.
     * Whether anything changed; nothing for an order without fulfillment orders at the service's location.
     */
    Uni<Boolean> requests(SqlConnection c, String tenant, long shopifyOrderId) {
        return fulfillmentOrders.requested(c, tenant, shopifyOrderId).chain(found -> found.isEmpty() ? Uni.createFrom().item(false)
                : fulfillmentOrders.lockRequestOrder(c, tenant, shopifyOrderId).chain(order -> {
                    if (order == null) {
                        return Uni.createFrom().item(false);
                    }
                    RequestRules.Requests now = RequestRules.of(found.stream().map(fo -> new RequestRules.Requested(fo.status(),
                            fo.requestStatus(), fo.requestMessage(), fo.response())).toList());
                    OrderStatus status = RequestRules.status(order.status(), now);
                    boolean newCancellation = "requested".equals(now.cancellation()) && !"requested".equals(order.cancellationRequest());
                    RequestRules.Answer rule = newCancellation && "accept_before_picking".equals(order.cancellationRule())
                            ? RequestRules.cancellationRule(order.status(), order.heldFrom()) : null;
                    String note = now.note();
                    if (newCancellation && rule == null) {
                        note = note + (order.status() == OrderStatus.picking && "accept_before_picking".equals(order.cancellationRule())
                                ? " (picking started: the warehouse decides)" : " (the warehouse decides)");
                    } else if (rule != null) {
                        note = note + " (" + (rule.accept() ? "accepting" : "rejecting") + " by the rule: " + rule.message() + ")";
                    }
                    // the note changes with the requests only: a read that finds them as they were keeps it (the
                    // warehouse's answer on its way, the rule's words)
                    boolean changed = status != order.status() || !java.util.Objects.equals(now.fulfillment(), order.fulfillmentRequest())
                            || !java.util.Objects.equals(now.cancellation(), order.cancellationRequest());
                    if (!changed) {
                        return Uni.createFrom().item(false);
                    }
                    String finalNote = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
                    LOG.infof("order %s of tenant %s: fulfillment request %s, cancellation request %s%s%s", order.number(), tenant,
                            now.fulfillment(), now.cancellation(), status != order.status() ? ", " + order.status() + " → " + status : "",
                            rule == null ? "" : ", the rule " + (rule.accept() ? "accepts" : "rejects") + " the cancellation");
                    Uni<Void> decided = rule == null ? Uni.createFrom().voidItem()
                            : fulfillmentOrders.outbox(c, tenant, RequestDecided.TOPIC, tenant + ":" + shopifyOrderId,
                                    RequestDecided.EVENT_TYPE, payload(new RequestDecided(tenant, order.id(), shopifyOrderId,
                                            order.number(), "cancellation", rule.accept() ? "accept" : "reject", null, rule.message(),
                                            null, List.of(), "rule", OffsetDateTime.now(java.time.ZoneOffset.UTC))),
                                    order.traceparent());
                    return decided.chain(() -> fulfillmentOrders.updateRequests(c, tenant, order.id(), status, now.fulfillment(),
                            now.cancellation(), finalNote)).replaceWith(true);
                }));
    }

    private String payload(RequestDecided decided) {
        try {
            return json.writeValueAsString(decided);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Boolean> assignLines(SqlConnection c, String tenant, long shopifyOrderId, OffsetDateTime readAt) {
        return fulfillmentOrders.lockOrder(c, tenant, shopifyOrderId).chain(order -> order == null ? Uni.createFrom().item(false)
                : fulfillmentOrders.states(c, tenant, shopifyOrderId).chain(states -> {
                    Map<Long, QueueRules.Elsewhere> wanted = QueueRules.elsewhere(states);
                    List<QueueRules.LineEdit> changes = QueueRules.reassignments(order.lines().stream()
                            .map(l -> new QueueRules.AssignedLine(l.shopifyLineItemId(), l.sku(), l.title(), l.quantity(),
                                    l.pickable(), l.shopifyElsewhere()))
                            .toList(), wanted);
                    if (changes.isEmpty()) {
                        // nothing new from Shopify; an order that entered the queue (a payment arrived) with all of it
                        // already assigned elsewhere is not the warehouse's either
                        boolean nothingHere = order.lines().stream().allMatch(l -> l.toPick(l.elsewhere()) == 0)
                                && order.lines().stream().anyMatch(l -> l.elsewhere() > 0);
                        return order.status() == OrderStatus.pending && nothingHere
                                ? fulfillmentOrders.updateOrder(c, tenant, order.id(), OrderStatus.assigned_elsewhere, order.changedAfterPicking())
                                        .replaceWith(true)
                                : Uni.createFrom().item(false);
                    }
                    return apply(c, tenant, order, wanted, changes, readAt).replaceWith(true);
                }));
    }

    private Uni<Void> apply(SqlConnection c, String tenant, AssignedOrder order, Map<Long, QueueRules.Elsewhere> wanted,
            List<QueueRules.LineEdit> changes, OffsetDateTime readAt) {
        QueueRules.LinePolicy policy = switch (order.status()) {
            case cancelled, refunded, filtered, assigned_elsewhere -> QueueRules.LinePolicy.apply;
            default -> QueueRules.linePolicy(order.status(), order.heldFrom());
        };
        List<LineAssignment> lines = new ArrayList<>();
        int toPick = 0;
        boolean anyElsewhere = false;
        for (AssignedLine line : order.lines()) {
            QueueRules.Elsewhere now = wanted.get(line.shopifyLineItemId());
            int shopify = now == null ? 0 : Math.min(now.quantity(), line.quantity());
            int applied = policy == QueueRules.LinePolicy.apply ? shopify : line.elsewhere();
            String where = now == null ? null : now.where();
            lines.add(new LineAssignment(line.id(), applied, shopify, applied == 0 ? null : where));
            toPick += line.toPick(applied);
            anyElsewhere |= applied > 0;
        }
        OrderStatus status = order.status();
        if (status == OrderStatus.pending && toPick == 0 && anyElsewhere) {
            status = OrderStatus.assigned_elsewhere;
        } else if (status == OrderStatus.assigned_elsewhere && toPick > 0) {
            status = OrderStatus.pending;
        }
        String state = switch (policy) {
            case apply -> "applied";
            case hold -> "awaiting_acknowledgement";
            case record -> "recorded_after_shipping";
        };
        OrderStatus after = status;
        LOG.infof("order %s of tenant %s: Shopify assigned %s; %s%s", order.number(), tenant,
                changes.stream().map(QueueRules.LineEdit::text).toList(), state,
                after != order.status() ? ", " + order.status() + " → " + after : "");
        return fulfillmentOrders.assign(c, tenant, lines)
                .chain(() -> fulfillmentOrders.currentLines(c, tenant, order.id()))
                .chain(current -> fulfillmentOrders.recordEdit(c, tenant, order.id(), readAt, state, EditJson.of(changes),
                        EditJson.lines(current)))
                .chain(() -> fulfillmentOrders.updateOrder(c, tenant, order.id(), after,
                        order.changedAfterPicking() || policy == QueueRules.LinePolicy.hold));
    }

    @Scheduled(every = "${orders.holds.sweep-every:10s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> holdLateImports() {
        return fulfillmentOrders.holdLateImports()
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("%d order(s) imported after Shopify held them are on hold", changed);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("holding late imports failed, the next pass takes over: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
