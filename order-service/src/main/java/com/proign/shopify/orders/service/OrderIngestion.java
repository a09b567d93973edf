package com.proign.shopify.orders.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.TenantSettings;
import com.proign.shopify.orders.mapping.OrderSnapshot;
import com.proign.shopify.orders.repository.IngestionRepository.DeliveryKey;
import com.proign.shopify.orders.repository.IngestionRepository.EditRow;
import com.proign.shopify.orders.repository.IngestionRepository.NewOrder;
import com.proign.shopify.orders.repository.IngestionRepository.OrderChange;
import com.proign.shopify.orders.repository.IngestionRepository.OrderKey;
import com.proign.shopify.orders.repository.IngestionRepository.Seen;
import com.proign.shopify.orders.repository.IngestionRepository.StoredOrder;
import com.proign.shopify.orders.repository.IngestionRepository;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies order events to the tenants' queues exactly once, a poll's worth in one transaction, in four steps:
 * <ol>
 * <li><b>record the deliveries</b>: one insert into the delivery log; a delivery recorded before is a duplicate;</li>
 * <li><b>newest per order</b>: of the first-seen events, only the newest state of each order counts (an older one
 * would be stale anyway);</li>
 * <li><b>load</b>: the tenants' order status filters and the stored orders with their lines, one query each;</li>
 * <li><b>apply</b>: the queue's rules ({@link QueueRules}) decide per order, and the new and changed orders are
 * written with batched statements.</li>
 * </ol>
 */
@ApplicationScoped
public class OrderIngestion {

    public enum Outcome {
        created, updated, stale, duplicate
    }

    /** An order event to apply: who and what it is, and the order as Shopify described it. */
    public record Event(Delivery delivery, OrderSnapshot snapshot) {
        OrderKey key() {
            return new OrderKey(delivery.tenant(), snapshot.shopifyOrderId());
        }
    }

    private final IngestionRepository repository;
    private final FulfillmentOrderRepository fulfillmentOrders;
    private final ShopifyFulfillmentOrders assignments;

    public OrderIngestion(IngestionRepository repository, FulfillmentOrderRepository fulfillmentOrders,
            ShopifyFulfillmentOrders assignments) {
        this.repository = repository;
        this.fulfillmentOrders = fulfillmentOrders;
        this.assignments = assignments;
    }

    /** Applies the events in one transaction; the outcome of each, in order. */
    public Uni<List<Outcome>> applyAll(List<Event> events) {
        return repository.inTransaction(connection -> recordDeliveries(connection, events)
                .chain(firstSeen -> {
                    Outcome[] outcomes = new Outcome[events.size()];
                    Map<OrderKey, Integer> newest = newestPerOrder(events, firstSeen, outcomes);
                    if (newest.isEmpty()) {
                        return Uni.createFrom().item(List.of(outcomes));
                    }
                    // the batch's orders, one transaction at a time with their fulfillment orders' recording
                    return fulfillmentOrders.lockOrders(connection,
                            newest.keySet().stream().map(OrderKey::tenant).toList(),
                            newest.keySet().stream().map(OrderKey::shopifyOrderId).toList())
                            .chain(() -> load(connection, newest.keySet()))
                            .chain(loaded -> apply(connection, events, newest, loaded, outcomes))
                            .map(ignored -> List.of(outcomes));
                }));
    }

    /** Step 1: the deliveries recorded now (the others were applied before). */
    private Uni<Set<DeliveryKey>> recordDeliveries(SqlConnection connection, List<Event> events) {
        Map<DeliveryKey, Seen> distinct = new LinkedHashMap<>();
        for (Event event : events) {
            Delivery d = event.delivery();
            distinct.putIfAbsent(key(d), new Seen(d.tenant(), d.id(), d.topic()));
        }
        return repository.recordFirstSights(connection, List.copyOf(distinct.values()));
    }

    /**
     * Step 2: per order, the index of its newest first-seen event; every other event's outcome is set (duplicate:
     * seen before or earlier in the batch; stale: an older state of an order the batch holds a newer one of).
     */
    static Map<OrderKey, Integer> newestPerOrder(List<Event> events, Set<DeliveryKey> firstSeen, Outcome[] outcomes) {
        Set<DeliveryKey> claimed = new HashSet<>();
        Map<OrderKey, Integer> newest = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            DeliveryKey delivery = key(events.get(i).delivery());
            if (!firstSeen.contains(delivery) || !claimed.add(delivery)) {
                outcomes[i] = Outcome.duplicate;
                continue;
            }
            OrderKey key = events.get(i).key();
            Integer previous = newest.get(key);
            if (previous == null) {
                newest.put(key, i);
            } else if (events.get(i).snapshot().updatedAt().isAfter(events.get(previous).snapshot().updatedAt())) {
                outcomes[previous] = Outcome.stale;
                newest.put(key, i);
            } else {
                outcomes[i] = Outcome.stale;
            }
        }
        return newest;
    }

    /** What step 3 read: the tenants' filters and the stored orders. */
    private record Loaded(Map<String, String> filters, Map<OrderKey, StoredOrder> stored) {
    }

    /** Step 3: the filters of the batch's tenants and the orders already stored. */
    private Uni<Loaded> load(SqlConnection connection, Set<OrderKey> keys) {
        Set<String> tenants = new LinkedHashSet<>();
        keys.forEach(k -> tenants.add(k.tenant()));
        return repository.filters(connection, tenants)
                .chain(filters -> repository.orders(connection, List.copyOf(keys)).map(stored -> new Loaded(filters, stored)));
    }

    /** Step 4: the rules decide per order; the outcome is set and the changes are written. */
    private Uni<Void> apply(SqlConnection connection, List<Event> events, Map<OrderKey, Integer> newest, Loaded loaded,
            Outcome[] outcomes) {
        OffsetDateTime now = OffsetDateTime.now();
        List<NewOrder> created = new ArrayList<>();
        List<OrderChange> changed = new ArrayList<>();
        newest.forEach((key, index) -> {
            Event event = events.get(index);
            StoredOrder stored = loaded.stored().get(key);
            String filter = loaded.filters().getOrDefault(key.tenant(), TenantSettings.DEFAULT_FILTER);
            QueueRules.Decision decision = QueueRules.decide(stored, event.snapshot(), filter);
            if (decision instanceof QueueRules.Create create) {
                created.add(new NewOrder(UUID.randomUUID(), key.tenant(), event.snapshot(), create.status(),
                        create.queued() ? now : null, now, event.delivery().traceparent()));
                outcomes[index] = Outcome.created;
            } else if (decision instanceof QueueRules.Update update) {
                changed.add(change(stored, event.snapshot(), update, now));
                outcomes[index] = Outcome.updated;
            } else {
                outcomes[index] = Outcome.stale;
            }
        });
        return repository.write(connection, created, changed).chain(() -> assign(connection, newest.keySet()));
    }

    /**
     * Orders of the batch whose fulfillment orders Shopify assigned partly elsewhere (read before the order was
     * imported, or before Shopify's change of its lines) get that assignment now, by the same rules.
     */
    private Uni<Void> assign(SqlConnection connection, Set<OrderKey> keys) {
        List<String> tenants = keys.stream().map(OrderKey::tenant).toList();
        List<Long> ids = keys.stream().map(OrderKey::shopifyOrderId).toList();
        return fulfillmentOrders.withStates(connection, tenants, ids).chain(found -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, Long> order : found) {
                chain = chain.chain(() -> assignments.assign(connection, order.getKey(), order.getValue(),
                        OffsetDateTime.now()).replaceWithVoid());
            }
            return chain;
        });
    }

    /**
     * A stored order brought to the newer state. A change of its shippable lines (an edit, a refund taking quantities
     * away) is applied before picking starts; once picking started it waits for a person (the order is flagged
     * changed_after_picking and its lines stay as picked); after shipping it is only recorded. Each is kept as an
     * order edit a person can read; the same change seen again (any later update of the order) is not kept twice.
     */
    static OrderChange change(StoredOrder stored, OrderSnapshot snapshot, QueueRules.Update update, OffsetDateTime now) {
        List<QueueRules.LineEdit> edits = QueueRules.edits(stored.lines(), snapshot.lines());
        QueueRules.LinePolicy policy = edits.isEmpty() ? QueueRules.LinePolicy.apply
                : QueueRules.linePolicy(update.status(), update.heldFrom());
        QueueRules.LineChanges lines = policy == QueueRules.LinePolicy.apply
                ? QueueRules.lines(stored.lines(), snapshot.lines())
                : new QueueRules.LineChanges(List.of(), List.of(), List.of());
        EditRow edit = null;
        if (!edits.isEmpty() && !(policy != QueueRules.LinePolicy.apply && edits.equals(EditJson.edits(stored.openEdit())))) {
            String state = switch (policy) {
                case apply -> "applied";
                case hold -> "awaiting_acknowledgement";
                case record -> "recorded_after_shipping";
            };
            edit = new EditRow(UUID.randomUUID(), state, EditJson.of(edits), EditJson.lines(snapshot.lines()));
        }
        boolean flagged = policy == QueueRules.LinePolicy.hold || stored.changedAfterPicking();
        return new OrderChange(stored, snapshot, update.status(), update.heldFrom(),
                update.queuedNow() ? now : stored.queuedAt(), update.cancelledAfterShipping(), flagged, now,
                lines.added(), lines.changed(), lines.removed(), edit);
    }

    private static DeliveryKey key(Delivery delivery) {
        return new DeliveryKey(delivery.tenant(), delivery.id());
    }
}
