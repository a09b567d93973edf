package com.proign.shopify.orders.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.proign.shopify.orders.FulfillmentOrdersState;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.TenantSettings;
import com.proign.shopify.orders.mapping.OrderSnapshot;
import com.proign.shopify.orders.repository.IngestionRepository.LineInsert;
import com.proign.shopify.orders.repository.IngestionRepository.StoredLine;
import com.proign.shopify.orders.repository.IngestionRepository.StoredOrder;

/**
 * The queue's rules for an order event, without Kafka or a database: an order enters the queue (pending) once it
 * passes the tenant's order status filter and is kept as {@code filtered} until then; an older state never
 * overwrites a newer one; a cancellation cancels what has not shipped, and after a shipment only flags it.
 */
public final class QueueRules {

    private QueueRules() {
    }

    /** What to do with the newest state of one order. */
    public sealed interface Decision permits Create, Update, Stale {
    }

    /** A new order: its first status, and whether it enters the queue now. */
    public record Create(OrderStatus status) implements Decision {
        public boolean queued() {
            return status == OrderStatus.pending;
        }
    }

    /**
     * A newer state of a stored order: its status after the event, where a hold returns to, whether it enters the
     * queue now, and whether Shopify cancelled it after (some of) it shipped.
     */
    public record Update(OrderStatus status, OrderStatus heldFrom, boolean queuedNow, boolean cancelledAfterShipping)
            implements Decision {
    }

    /** Not newer than what is stored: nothing changes. */
    public record Stale() implements Decision {
    }

    /** The decision for {@code snapshot} against the stored order ({@code null} when there is none). */
    public static Decision decide(StoredOrder stored, OrderSnapshot snapshot, String filter) {
        if (stored == null) {
            if (snapshot.cancelledAt() != null) {
                return new Create(OrderStatus.cancelled);
            }
            if (fullyRefunded(snapshot)) {
                return new Create(OrderStatus.refunded);
            }
            return new Create(TenantSettings.passes(filter, snapshot.financialStatus()) ? OrderStatus.pending : OrderStatus.filtered);
        }
        if (!snapshot.updatedAt().isAfter(stored.shopifyUpdatedAt())) {
            return new Stale();
        }
        if (snapshot.cancelledAt() != null) {
            return cancel(stored);
        }
        if (fullyRefunded(snapshot) && linePolicy(stored.status(), stored.heldFrom()) == LinePolicy.apply
                && stored.status() != OrderStatus.cancelled) {
            // refunded before picking started: it leaves the queue (once picking started, the refund is a change of
            // the lines that waits for a person, and acknowledging it takes the order out)
            return new Update(OrderStatus.refunded, null, false, stored.cancelledAfterShipping());
        }
        if (stored.status() == OrderStatus.filtered && TenantSettings.passes(filter, snapshot.financialStatus())) {
            return new Update(OrderStatus.pending, stored.heldFrom(), true, stored.cancelledAfterShipping());
        }
        return new Update(stored.status(), stored.heldFrom(), false, stored.cancelledAfterShipping());
    }

    /** Shopify refunded all of it: its financial status says so and no line it ships holds a unit any more. */
    static boolean fullyRefunded(OrderSnapshot snapshot) {
        return "refunded".equals(snapshot.financialStatus())
                && snapshot.lines().stream().noneMatch(l -> shipsSomething(l.requiresShipping(), l.giftCard()) && l.quantity() > 0);
    }

    /** Cancels what has not left the warehouse; after a shipment, flags it and keeps the shipment. */
    private static Update cancel(StoredOrder stored) {
        boolean shipped = stored.status().shippedAny()
                || (stored.status() == OrderStatus.on_hold && stored.heldFrom() != null && stored.heldFrom().shippedAny());
        if (shipped) {
            return new Update(stored.status(), stored.heldFrom(), false, true);
        }
        if (stored.status() == OrderStatus.cancelled) {
            return new Update(OrderStatus.cancelled, stored.heldFrom(), false, stored.cancelledAfterShipping());
        }
        return new Update(OrderStatus.cancelled, null, false, stored.cancelledAfterShipping());
    }

    /** How an order's stored lines become Shopify's lines: matched by line item id. */
    public record LineChanges(List<LineInsert> added, List<StoredLine> changed, List<UUID> removed) {
    }

    /**
     * Lines Shopify added, lines whose description changed (what was shipped of them stays), lines Shopify no
     * longer lists.
     */
    public static LineChanges lines(List<StoredLine> stored, List<OrderSnapshot.Line> wanted) {
        Map<Long, StoredLine> byItem = new HashMap<>();
        stored.forEach(line -> byItem.put(line.shopifyLineItemId(), line));
        List<LineInsert> added = new ArrayList<>();
        List<StoredLine> changed = new ArrayList<>();
        for (OrderSnapshot.Line line : wanted) {
            StoredLine existing = byItem.remove(line.shopifyLineItemId());
            if (existing == null) {
                added.add(new LineInsert(UUID.randomUUID(), line));
            } else {
                StoredLine updated = existing.describedAs(line);
                if (!sameDescription(existing, updated)) {
                    changed.add(updated);
                }
            }
        }
        List<UUID> removed = byItem.values().stream().map(StoredLine::id).toList();
        return new LineChanges(added, changed, removed);
    }

    private static boolean sameDescription(StoredLine a, StoredLine b) {
        return Objects.equals(a.variantId(), b.variantId()) && Objects.equals(a.productId(), b.productId())
                && Objects.equals(a.sku(), b.sku()) && Objects.equals(a.title(), b.title())
                && Objects.equals(a.variantTitle(), b.variantTitle()) && a.quantity() == b.quantity()
                && a.fulfillableQuantity() == b.fulfillableQuantity()
                && Objects.equals(a.price(), b.price())
                && a.requiresShipping() == b.requiresShipping() && a.giftCard() == b.giftCard();
    }

    /**
     * One change of an order's lines a person must see: a line added, removed, or its quantity changed (what the
     * order now holds, Shopify's current quantity), in words.
     */
    public record LineEdit(Kind kind, long shopifyLineItemId, String sku, String title, int from, int to, String where) {

        /**
         * Shopify changed the line (added, removed, quantity_changed: from and to are its quantities), or assigned
         * some of it to another place or back to the warehouse (assigned_elsewhere, assigned_here: from and to are
         * the units the warehouse ships, {@code where} the other place).
         */
        public enum Kind {
            added, removed, quantity_changed, assigned_elsewhere, assigned_here
        }

        public LineEdit(Kind kind, long shopifyLineItemId, String sku, String title, int from, int to) {
            this(kind, shopifyLineItemId, sku, title, from, to, null);
        }

        public String text() {
            String what = (sku == null ? "" : sku + " ") + title;
            return switch (kind) {
                case added -> what + ": added, " + to;
                case removed -> what + ": removed (was " + from + ")";
                case quantity_changed -> what + ": quantity " + from + " → " + to;
                case assigned_elsewhere -> what + ": " + (from - to) + " assigned to " + (where == null ? "another location" : where)
                        + " in Shopify, " + to + " left for this warehouse";
                case assigned_here -> what + ": " + (to - from) + " assigned to this warehouse in Shopify, " + to + " to ship here";
            };
        }
    }

    /** Units of a line item Shopify assigned to other locations or fulfillment services, and where, in words. */
    public record Elsewhere(int quantity, String where) {
    }

    /**
     * Per line item, what Shopify assigned away from the warehouse: the units of the fulfillment orders at other
     * locations or with fulfillment services (shipped there or still to ship; cancelled ones count nothing).
     * Fulfillment orders read without their lines count nothing either.
     */
    public static Map<Long, Elsewhere> elsewhere(List<FulfillmentOrdersState.FulfillmentOrder> states) {
        Map<Long, Integer> quantities = new HashMap<>();
        Map<Long, java.util.Set<String>> places = new HashMap<>();
        for (FulfillmentOrdersState.FulfillmentOrder state : states) {
            if (state.here() || "CANCELLED".equals(state.status()) || state.lines() == null) {
                continue;
            }
            for (FulfillmentOrdersState.Line line : state.lines()) {
                int total = line.totalQuantity() == null ? 0 : line.totalQuantity();
                if (line.lineItemId() != null && total > 0) {
                    quantities.merge(line.lineItemId(), total, Integer::sum);
                    places.computeIfAbsent(line.lineItemId(), k -> new java.util.TreeSet<>()).add(state.where());
                }
            }
        }
        Map<Long, Elsewhere> elsewhere = new HashMap<>();
        quantities.forEach((item, quantity) -> {
            String where = String.join(", ", places.get(item));
            elsewhere.put(item, new Elsewhere(quantity, where.length() > 500 ? where.substring(0, 500) : where));
        });
        return elsewhere;
    }

    /** A stored line as the assignment sees it: what the warehouse ships of it depends on what is elsewhere. */
    public record AssignedLine(long shopifyLineItemId, String sku, String title, int quantity, boolean pickable,
            int shopifyElsewhere) {
    }

    /**
     * The changes of assignment of the order's pickable lines since Shopify's last word ({@code shopifyElsewhere}):
     * units assigned away from the warehouse or back to it.
     */
    public static List<LineEdit> reassignments(List<AssignedLine> lines, Map<Long, Elsewhere> wanted) {
        List<LineEdit> edits = new ArrayList<>();
        for (AssignedLine line : lines) {
            Elsewhere now = wanted.get(line.shopifyLineItemId());
            int elsewhere = now == null ? 0 : Math.min(now.quantity(), line.quantity());
            if (!line.pickable() || elsewhere == line.shopifyElsewhere()) {
                continue;
            }
            int from = Math.max(0, line.quantity() - line.shopifyElsewhere());
            int to = line.quantity() - elsewhere;
            edits.add(new LineEdit(elsewhere > line.shopifyElsewhere() ? LineEdit.Kind.assigned_elsewhere : LineEdit.Kind.assigned_here,
                    line.shopifyLineItemId(), line.sku(), line.title(), from, to, now == null ? null : now.where()));
        }
        return edits;
    }

    /**
     * The changes of the order's shippable lines between what is stored and what Shopify now has: lines added,
     * removed (an edit leaves a removed line with a quantity of 0) and quantities changed. A fulfilment does not
     * change a line's quantity, so lines shipped elsewhere are no change here; titles and prices are no change
     * the warehouse must see.
     */
    public static List<LineEdit> edits(List<StoredLine> stored, List<OrderSnapshot.Line> wanted) {
        Map<Long, StoredLine> byItem = new HashMap<>();
        stored.forEach(line -> byItem.put(line.shopifyLineItemId(), line));
        List<LineEdit> edits = new ArrayList<>();
        for (OrderSnapshot.Line line : wanted) {
            StoredLine before = byItem.remove(line.shopifyLineItemId());
            if (!shipsSomething(line.requiresShipping(), line.giftCard()) && (before == null
                    || !shipsSomething(before.requiresShipping(), before.giftCard()))) {
                continue;
            }
            int from = before == null ? 0 : before.quantity();
            if (before == null || from == 0) {
                if (line.quantity() > 0) {
                    edits.add(new LineEdit(LineEdit.Kind.added, line.shopifyLineItemId(), line.sku(), line.title(), from,
                            line.quantity()));
                }
            } else if (line.quantity() == 0) {
                edits.add(new LineEdit(LineEdit.Kind.removed, line.shopifyLineItemId(), line.sku(), line.title(), from, 0));
            } else if (line.quantity() != from) {
                edits.add(new LineEdit(LineEdit.Kind.quantity_changed, line.shopifyLineItemId(), line.sku(), line.title(),
                        from, line.quantity()));
            }
        }
        for (StoredLine gone : byItem.values()) {
            if (shipsSomething(gone.requiresShipping(), gone.giftCard()) && gone.quantity() > 0) {
                edits.add(new LineEdit(LineEdit.Kind.removed, gone.shopifyLineItemId(), gone.sku(), gone.title(),
                        gone.quantity(), 0));
            }
        }
        return edits;
    }

    private static boolean shipsSomething(boolean requiresShipping, boolean giftCard) {
        return requiresShipping && !giftCard;
    }

    /** What becomes of a change of the order's lines, by where the order stands. */
    public enum LinePolicy {
        /** Picking has not started: the queue follows. */
        apply,
        /** Picking started (picking, packed, partly shipped): held for a person, picking stays as it was. */
        hold,
        /** Shipped: recorded, never applied to what shipped. */
        record
    }

    /** The policy for an order with {@code status} (held orders by the status they return to). */
    public static LinePolicy linePolicy(OrderStatus status, OrderStatus heldFrom) {
        OrderStatus effective = status == OrderStatus.on_hold && heldFrom != null ? heldFrom : status;
        return switch (effective) {
            case picking, packed, partially_shipped -> LinePolicy.hold;
            case shipped -> LinePolicy.record;
            default -> LinePolicy.apply;
        };
    }
}
