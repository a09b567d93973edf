package com.proign.shopify.orders.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.mapping.OrderSnapshot;
import com.proign.shopify.orders.repository.IngestionRepository.DeliveryKey;
import com.proign.shopify.orders.repository.IngestionRepository.OrderKey;
import com.proign.shopify.orders.repository.IngestionRepository.StoredLine;
import com.proign.shopify.orders.repository.IngestionRepository.StoredOrder;
import com.proign.shopify.orders.repository.IngestionRepository;
import com.proign.shopify.orders.service.OrderIngestion.Event;
import com.proign.shopify.orders.service.OrderIngestion.Outcome;

/** The queue's rules and the batch's "newest per order", without Kafka or a database. */
class QueueRulesTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 2, 10, 0, 0, 0, ZoneOffset.ofHours(-5));

    private static OrderSnapshot.Line line(long item, int quantity) {
        return new OrderSnapshot.Line(item, 10L, 20L, "SKU-" + item, "Item " + item, null, quantity, quantity,
                new BigDecimal("9.50"), true, false);
    }

    private static OrderSnapshot order(long id, OffsetDateTime updatedAt, String financialStatus, OffsetDateTime cancelledAt,
            List<OrderSnapshot.Line> lines) {
        return new OrderSnapshot(id, "#" + id, financialStatus, null, "EUR", new BigDecimal("19.00"), T0, updatedAt,
                cancelledAt, null, lines);
    }

    private static StoredOrder stored(OrderStatus status, OrderStatus heldFrom, OffsetDateTime updatedAt, StoredLine... lines) {
        return new StoredOrder(UUID.randomUUID(), "t1", 1L, status, heldFrom, updatedAt, null, false, false, 3, List.of(lines),
                null);
    }

    private static StoredLine storedLine(long item, int quantity) {
        return new StoredLine(UUID.randomUUID(), item, 10L, 20L, "SKU-" + item, "Item " + item, null, quantity, quantity,
                new BigDecimal("9.50"), true, false);
    }

    @Test
    void aNewOrderEntersTheQueueOnlyWhenItPassesTheFilter() {
        OrderSnapshot pending = order(1, T0, "pending", null, List.of(line(1, 1)));
        OrderSnapshot paid = order(1, T0, "paid", null, List.of(line(1, 1)));
        assertEquals(new QueueRules.Create(OrderStatus.filtered), QueueRules.decide(null, pending, "paid"));
        assertEquals(new QueueRules.Create(OrderStatus.pending), QueueRules.decide(null, paid, "paid"));
        assertEquals(new QueueRules.Create(OrderStatus.pending), QueueRules.decide(null, pending, "any"));
        assertEquals(new QueueRules.Create(OrderStatus.filtered), QueueRules.decide(null, pending, "authorized"));
        assertTrue(((QueueRules.Create) QueueRules.decide(null, paid, "paid")).queued());
    }

    @Test
    void anOrderCancelledBeforeItArrivedIsStoredCancelled() {
        OrderSnapshot cancelled = order(1, T0, "paid", T0, List.of(line(1, 1)));
        assertEquals(new QueueRules.Create(OrderStatus.cancelled), QueueRules.decide(null, cancelled, "any"));
    }

    @Test
    void anOlderOrEqualStateIsStale() {
        StoredOrder stored = stored(OrderStatus.pending, null, T0);
        assertInstanceOf(QueueRules.Stale.class, QueueRules.decide(stored, order(1, T0, "paid", null, List.of()), "any"));
        assertInstanceOf(QueueRules.Stale.class,
                QueueRules.decide(stored, order(1, T0.minusSeconds(1), "paid", null, List.of()), "any"));
    }

    @Test
    void aFilteredOrderEntersWhenALaterStatePasses() {
        StoredOrder filtered = stored(OrderStatus.filtered, null, T0);
        assertEquals(new QueueRules.Update(OrderStatus.pending, null, true, false),
                QueueRules.decide(filtered, order(1, T0.plusMinutes(1), "paid", null, List.of()), "paid"));
        assertEquals(new QueueRules.Update(OrderStatus.filtered, null, false, false),
                QueueRules.decide(filtered, order(1, T0.plusMinutes(1), "pending", null, List.of()), "paid"));
        // once in the queue, a later state that would not pass does not take it out
        StoredOrder picking = stored(OrderStatus.picking, null, T0);
        assertEquals(new QueueRules.Update(OrderStatus.picking, null, false, false),
                QueueRules.decide(picking, order(1, T0.plusMinutes(1), "pending", null, List.of()), "paid"));
    }

    @Test
    void aCancellationCancelsWhatHasNotShippedAndOnlyFlagsWhatHas() {
        OrderSnapshot cancelled = order(1, T0.plusMinutes(1), "refunded", T0.plusMinutes(1), List.of());
        assertEquals(new QueueRules.Update(OrderStatus.cancelled, null, false, false),
                QueueRules.decide(stored(OrderStatus.packed, null, T0), cancelled, "any"));
        assertEquals(new QueueRules.Update(OrderStatus.cancelled, null, false, false),
                QueueRules.decide(stored(OrderStatus.on_hold, OrderStatus.picking, T0), cancelled, "any"),
                "a held order that had not shipped is cancelled and no longer remembers where it was");
        assertEquals(new QueueRules.Update(OrderStatus.partially_shipped, null, false, true),
                QueueRules.decide(stored(OrderStatus.partially_shipped, null, T0), cancelled, "any"));
        assertEquals(new QueueRules.Update(OrderStatus.on_hold, OrderStatus.shipped, false, true),
                QueueRules.decide(stored(OrderStatus.on_hold, OrderStatus.shipped, T0), cancelled, "any"));
    }

    @Test
    void linesAreMatchedByLineItemAddedChangedOrRemoved() {
        StoredLine kept = storedLine(1, 1);
        StoredLine changed = storedLine(2, 1);
        StoredLine gone = storedLine(3, 1);
        QueueRules.LineChanges changes = QueueRules.lines(List.of(kept, changed, gone), List.of(line(1, 1), line(2, 4), line(4, 2)));
        assertEquals(List.of(4L), changes.added().stream().map(l -> l.line().shopifyLineItemId()).toList());
        assertEquals(1, changes.changed().size());
        assertEquals(changed.id(), changes.changed().get(0).id(), "a changed line keeps its id (and so what was shipped)");
        assertEquals(4, changes.changed().get(0).quantity());
        assertEquals(List.of(gone.id()), changes.removed());
    }

    @Test
    void aPriceWithAnotherScaleIsAChange() {
        StoredLine stored = new StoredLine(UUID.randomUUID(), 1, 10L, 20L, "SKU-1", "Item 1", null, 1, 1,
                new BigDecimal("9.5"), true, false);
        assertEquals(1, QueueRules.lines(List.of(stored), List.of(line(1, 1))).changed().size(),
                "the scale Shopify sent is kept");
    }

    @Test
    void ofABatchOnlyTheNewestFirstSeenStateOfEachOrderCounts() {
        List<Event> events = List.of(
                event("t1", "d1", 1, T0.plusMinutes(1)),
                event("t1", "d2", 1, T0.plusMinutes(3)),
                event("t1", "d3", 1, T0.plusMinutes(2)),
                event("t1", "d2", 1, T0.plusMinutes(3)), // the same delivery twice in one poll
                event("t1", "d4", 2, T0), // seen in an earlier batch
                event("t2", "d1", 1, T0)); // another tenant's order 1 and delivery d1
        Set<DeliveryKey> firstSeen = Set.of(new DeliveryKey("t1", "d1"), new DeliveryKey("t1", "d2"),
                new DeliveryKey("t1", "d3"), new DeliveryKey("t2", "d1"));
        Outcome[] outcomes = new Outcome[events.size()];
        Map<OrderKey, Integer> newest = OrderIngestion.newestPerOrder(events, firstSeen, outcomes);
        assertEquals(Map.of(new OrderKey("t1", 1), 1, new OrderKey("t2", 1), 5), newest);
        assertArrayEquals(new Outcome[] { Outcome.stale, null, Outcome.stale, Outcome.duplicate, Outcome.duplicate, null },
                outcomes);
        assertNull(outcomes[1], "the newest is decided by the rules, against what is stored");
    }

    private static Event event(String tenant, String delivery, long orderId, OffsetDateTime updatedAt) {
        return new Event(new Delivery(tenant, delivery, "orders/updated", null), order(orderId, updatedAt, "paid", null, List.of()));
    }

    private static OrderSnapshot.Line giftCard(long item) {
        return new OrderSnapshot.Line(item, null, null, null, "Gift card", null, 1, 1, new BigDecimal("25.00"), false, true);
    }

    @Test
    void editsAreLinesAddedRemovedOrWithAnotherQuantityInWords() {
        List<StoredLine> stored = List.of(storedLine(1, 2), storedLine(2, 1), storedLine(3, 4));
        List<QueueRules.LineEdit> edits = QueueRules.edits(stored, List.of(line(1, 3), line(2, 0), line(3, 4), line(4, 1)));
        assertEquals(List.of("SKU-1 Item 1: quantity 2 → 3", "SKU-2 Item 2: removed (was 1)", "SKU-4 Item 4: added, 1"),
                edits.stream().map(QueueRules.LineEdit::text).toList());
        // a line Shopify no longer lists at all is removed too; a gift card is nothing the warehouse ships
        assertEquals(List.of(QueueRules.LineEdit.Kind.removed), QueueRules.edits(List.of(storedLine(5, 2)), List.of(giftCard(6)))
                .stream().map(QueueRules.LineEdit::kind).toList());
        // a fulfilment lowers what is fulfillable, not the quantity: no change
        StoredLine shippedElsewhere = storedLine(7, 3);
        OrderSnapshot.Line afterFulfilment = new OrderSnapshot.Line(7, 10L, 20L, "SKU-7", "Renamed", null, 3, 1,
                new BigDecimal("1.00"), true, false);
        assertEquals(List.of(), QueueRules.edits(List.of(shippedElsewhere), List.of(afterFulfilment)));
    }

    @Test
    void anEditIsAppliedBeforePickingHeldOncePickingStartedAndRecordedAfterShipping() {
        assertEquals(QueueRules.LinePolicy.apply, QueueRules.linePolicy(OrderStatus.pending, null));
        assertEquals(QueueRules.LinePolicy.apply, QueueRules.linePolicy(OrderStatus.filtered, null));
        assertEquals(QueueRules.LinePolicy.apply, QueueRules.linePolicy(OrderStatus.on_hold, OrderStatus.pending));
        assertEquals(QueueRules.LinePolicy.hold, QueueRules.linePolicy(OrderStatus.picking, null));
        assertEquals(QueueRules.LinePolicy.hold, QueueRules.linePolicy(OrderStatus.packed, null));
        assertEquals(QueueRules.LinePolicy.hold, QueueRules.linePolicy(OrderStatus.partially_shipped, null));
        assertEquals(QueueRules.LinePolicy.hold, QueueRules.linePolicy(OrderStatus.on_hold, OrderStatus.packed));
        assertEquals(QueueRules.LinePolicy.record, QueueRules.linePolicy(OrderStatus.shipped, null));
    }

    @Test
    void anOrderChangedAfterPickingKeepsItsLinesIsFlaggedAndTheSameChangeIsNotKeptTwice() {
        StoredOrder picking = stored(OrderStatus.picking, null, T0, storedLine(1, 2));
        OrderSnapshot edited = order(1, T0.plusHours(1), "paid", null, List.of(line(1, 5), line(2, 1)));
        QueueRules.Update update = (QueueRules.Update) QueueRules.decide(picking, edited, "paid");
        IngestionRepository.OrderChange change = OrderIngestion.change(picking, edited, update, T0.plusHours(1));
        assertTrue(change.changedAfterPicking());
        assertEquals(List.of(), change.addedLines());
        assertEquals(List.of(), change.changedLines());
        assertEquals("awaiting_acknowledgement", change.edit().state());
        assertEquals(2, EditJson.edits(change.edit().changes()).size());
        assertEquals(edited.lines(), EditJson.linesOf(change.edit().lines()));

        // the next update of the same order (a payment, a note): the same change still waits, nothing new is kept
        StoredOrder flagged = new StoredOrder(picking.id(), "t1", 1L, OrderStatus.picking, null, T0.plusHours(1), null, false,
                true, 4, picking.lines(), change.edit().changes());
        OrderSnapshot later = order(1, T0.plusHours(2), "paid", null, List.of(line(1, 5), line(2, 1)));
        IngestionRepository.OrderChange again = OrderIngestion.change(flagged, later,
                (QueueRules.Update) QueueRules.decide(flagged, later, "paid"), T0.plusHours(2));
        assertNull(again.edit());
        assertTrue(again.changedAfterPicking());

        // before picking the queue follows and the change is kept as applied
        StoredOrder pending = stored(OrderStatus.pending, null, T0, storedLine(1, 2));
        IngestionRepository.OrderChange applied = OrderIngestion.change(pending, edited,
                (QueueRules.Update) QueueRules.decide(pending, edited, "paid"), T0.plusHours(1));
        assertEquals(1, applied.addedLines().size());
        assertEquals(1, applied.changedLines().size());
        assertEquals("applied", applied.edit().state());
        assertTrue(!applied.changedAfterPicking());

        // after shipping it is only recorded
        StoredOrder shipped = stored(OrderStatus.shipped, null, T0, storedLine(1, 2));
        IngestionRepository.OrderChange recorded = OrderIngestion.change(shipped, edited,
                (QueueRules.Update) QueueRules.decide(shipped, edited, "paid"), T0.plusHours(1));
        assertEquals(List.of(), recorded.addedLines());
        assertEquals("recorded_after_shipping", recorded.edit().state());
        assertTrue(!recorded.changedAfterPicking());
    }

    @Test
    void aFullyRefundedOrderLeavesTheQueueBeforePickingAndWaitsForAPersonAfter() {
        OrderSnapshot refunded = order(1, T0.plusHours(1), "refunded", null, List.of(line(1, 0)));
        assertEquals(OrderStatus.refunded, ((QueueRules.Update) QueueRules.decide(
                stored(OrderStatus.pending, null, T0, storedLine(1, 2)), refunded, "paid")).status());
        assertEquals(OrderStatus.refunded, ((QueueRules.Update) QueueRules.decide(
                stored(OrderStatus.on_hold, OrderStatus.pending, T0, storedLine(1, 2)), refunded, "paid")).status());
        assertEquals(OrderStatus.refunded, ((QueueRules.Create) QueueRules.decide(null, refunded, "paid")).status());
        // picking started: the status stays; the refund is a change of the lines a person acknowledges
        StoredOrder picking = stored(OrderStatus.picking, null, T0, storedLine(1, 2));
        QueueRules.Update update = (QueueRules.Update) QueueRules.decide(picking, refunded, "paid");
        assertEquals(OrderStatus.picking, update.status());
        IngestionRepository.OrderChange change = OrderIngestion.change(picking, refunded, update, T0.plusHours(1));
        assertTrue(change.changedAfterPicking());
        assertEquals(List.of("SKU-1 Item 1: removed (was 2)"), EditJson.edits(change.edit().changes()).stream()
                .map(QueueRules.LineEdit::text).toList());
        // a partial refund: the line's quantity drops, the order stays
        OrderSnapshot partial = order(1, T0.plusHours(1), "partially_refunded", null, List.of(line(1, 1)));
        assertEquals(OrderStatus.pending, ((QueueRules.Update) QueueRules.decide(
                stored(OrderStatus.pending, null, T0, storedLine(1, 2)), partial, "paid")).status());
    }

    private static com.proign.shopify.orders.FulfillmentOrdersState.FulfillmentOrder fo(String status, boolean here,
            String service, String location, long item, int total) {
        return new com.proign.shopify.orders.FulfillmentOrdersState.FulfillmentOrder(1L, status, null, 9L, location, service, here,
                null, java.util.List.of(), java.util.List.of(new com.proign.shopify.orders.FulfillmentOrdersState.Line(item, total, total)), null, null);
    }

    @org.junit.jupiter.api.Test
    void whatShopifyAssignedElsewhereCountsByLineItemWhereverItIsButCancelled() {
        var elsewhere = QueueRules.elsewhere(java.util.List.of(
                fo("OPEN", true, null, "Dock", 1, 3),
                fo("OPEN", false, "Acme 3PL", "Acme 3PL", 1, 2),
                fo("CLOSED", false, null, "Paris", 1, 1),
                fo("CANCELLED", false, null, "Lyon", 1, 5),
                fo("OPEN", false, null, null, 2, 4)));
        org.junit.jupiter.api.Assertions.assertEquals(new QueueRules.Elsewhere(3, "Acme 3PL (a fulfillment service), location Paris"),
                elsewhere.get(1L));
        org.junit.jupiter.api.Assertions.assertEquals(new QueueRules.Elsewhere(4, "another location"), elsewhere.get(2L));

        // against what Shopify said before: more elsewhere, back here, unchanged, and never a gift card's
        var edits = QueueRules.reassignments(java.util.List.of(
                new QueueRules.AssignedLine(1, "MUG-1", "Mug", 5, true, 0),
                new QueueRules.AssignedLine(2, null, "Tee", 4, true, 4),
                new QueueRules.AssignedLine(3, "CARD", "Gift card", 1, false, 0)),
                java.util.Map.of(1L, new QueueRules.Elsewhere(3, "location Paris"), 2L, new QueueRules.Elsewhere(4, "location Paris"),
                        3L, new QueueRules.Elsewhere(1, "location Paris")));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("MUG-1 Mug: 3 assigned to location Paris in Shopify, 2 left for this warehouse"),
                edits.stream().map(QueueRules.LineEdit::text).toList());
        var back = QueueRules.reassignments(java.util.List.of(new QueueRules.AssignedLine(2, null, "Tee", 4, true, 4)), java.util.Map.of());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("Tee: 4 assigned to this warehouse in Shopify, 4 to ship here"),
                back.stream().map(QueueRules.LineEdit::text).toList());
        org.junit.jupiter.api.Assertions.assertEquals(back, EditJson.edits(EditJson.of(back)), "kept as JSON and read back");
    }
}
