package com.proign.shopify.standin.graphql;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.Fulfillment;
import com.proign.shopify.standin.store.FulfillmentOrder;
import com.proign.shopify.standin.store.LineItem;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.RestPayloads;
import com.proign.shopify.standin.store.ShopOrder;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.webhooks.WebhookDispatcher;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

/**
 * Fulfillment orders and fulfillments (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder): read an order's fulfillment orders, fulfil them with
 * {@code fulfillmentCreate} (validated as Shopify does, answered with userErrors), and update tracking.
 */
@ApplicationScoped
class FulfillmentFields {

    static final String READ_SCOPE = "read_merchant_managed_fulfillment_orders";
    static final String WRITE_SCOPE = "write_merchant_managed_fulfillment_orders";

    private final WebhookDispatcher webhooks;
    private final com.proign.shopify.standin.webhooks.FulfillmentOrderEvents events;

    FulfillmentFields(WebhookDispatcher webhooks, com.proign.shopify.standin.webhooks.FulfillmentOrderEvents events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Order", type -> type
                .dataFetcher("fulfillmentOrders", env -> {
                    StandInContext context = StandInContext.of(env);
                    if (!canRead(context)) {
                        return StandInContext.denied(env, READ_SCOPE);
                    }
                    ShopOrder order = source(env);
                    List<FulfillmentOrder> list = context.store().fulfillmentOrdersOf(order);
                    return Connections.page(env, "FulfillmentOrderConnection", list, fo -> Long.toString(fo.id()),
                            fo -> view(context.store(), fo));
                })
                .dataFetcher("fulfillments", env -> {
                    StandInContext context = StandInContext.of(env);
                    ShopOrder order = source(env);
                    Integer first = env.getArgument("first");
                    List<Fulfillment> list = context.store().fulfillmentsOf(order.id());
                    return list.stream().limit(first == null ? list.size() : first)
                            .map(f -> view(context.store(), f)).toList();
                }));
        wiring.type("FulfillmentOrder", type -> type
                .dataFetcher("lineItems", env -> {
                    Map<?, ?> source = env.getSource();
                    FulfillmentOrder fo = (FulfillmentOrder) source.get(GraphqlViews.SOURCE);
                    ShopOrder order = StandInContext.of(env).store().orders().get(fo.orderId());
                    return Connections.page(env, "FulfillmentOrderLineItemConnection", fo.lines(),
                            line -> Long.toString(line.id()), line -> lineView(order, line));
                }));
        wiring.type("QueryRoot", type -> type.dataFetcher("fulfillmentOrders", env -> {
            StandInContext context = StandInContext.of(env);
            if (!canRead(context)) {
                return StandInContext.denied(env, READ_SCOPE);
            }
            java.util.function.Predicate<FulfillmentOrder> filter = search(env.getArgument("query"));
            boolean closed = Boolean.TRUE.equals(env.getArgument("includeClosed"));
            Object sortKey = env.getArgument("sortKey");
            java.util.Comparator<FulfillmentOrder> order = "UPDATED_AT".equals(String.valueOf(sortKey))
                    ? java.util.Comparator.comparing(FulfillmentOrder::updatedAt).thenComparingLong(FulfillmentOrder::id)
                    : java.util.Comparator.comparingLong(FulfillmentOrder::id);
            if (Boolean.TRUE.equals(env.getArgument("reverse"))) {
                order = order.reversed();
            }
            List<FulfillmentOrder> list = context.store().allFulfillmentOrders().stream()
                    .filter(fo -> closed || !List.of("CLOSED", "CANCELLED", "INCOMPLETE").contains(fo.status()))
                    .filter(filter).sorted(order).toList();
            return Connections.page(env, "FulfillmentOrderConnection", list, fo -> Long.toString(fo.id()),
                    fo -> view(context.store(), fo));
        }).dataFetcher("fulfillmentOrder", env -> {
            StandInContext context = StandInContext.of(env);
            if (!canRead(context)) {
                return StandInContext.denied(env, READ_SCOPE);
            }
            return find(context.store(), GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")))
                    .map(fo -> view(context.store(), fo)).orElse(null);
        }));
        wiring.type("Mutation", type -> type
                .dataFetcher("fulfillmentCreate", fulfillmentCreate())
                .dataFetcher("fulfillmentTrackingInfoUpdate", trackingInfoUpdate())
                .dataFetcher("fulfillmentOrderHold", hold())
                .dataFetcher("fulfillmentOrderReleaseHold", releaseHold())
                .dataFetcher("fulfillmentOrderMove", move())
                .dataFetcher("fulfillmentOrderSplit", split())
                .dataFetcher("fulfillmentOrderMerge", merge())
                .dataFetcher("fulfillmentOrderReschedule", reschedule()));
    }

    /**
     * fulfillmentOrderMove (https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentOrderMove): the
     * items (all that remain, or the fulfillment order line items named) go to the new location; delivers
     * fulfillment_orders/moved.
     */
    private DataFetcher<Object> move() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            synchronized (store) {
                Optional<FulfillmentOrder> found = find(store, GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")));
                Long to = GraphqlViews.idOf("Location", env.getArgument("newLocationId"));
                Optional<Location> destination = to == null ? Optional.empty() : store.location(to);
                String problem = found.isEmpty() ? "Fulfillment order does not exist."
                        : destination.isEmpty() ? "Location does not exist."
                        : !found.get().supportedActions().contains("MOVE") ? "Cannot move a fulfillment order in this state."
                        : found.get().locationId() == to ? "Cannot move to the location it is assigned to." : null;
                Map<Long, Integer> quantities = problem == null ? quantities(env.getArgument("fulfillmentOrderLineItems"), found.get()) : null;
                if (problem == null && quantities != null && quantities.isEmpty()) {
                    problem = "Invalid fulfillment order line item quantity requested.";
                }
                Map<String, Object> payload = new HashMap<>();
                if (problem != null) {
                    payload.put("movedFulfillmentOrder", null);
                    payload.put("originalFulfillmentOrder", null);
                    payload.put("remainingFulfillmentOrder", null);
                    payload.put("userErrors", List.of(typedError("FulfillmentOrderMoveFulfillmentOrderMoveUserError",
                            List.of("id"), problem, null)));
                    return payload;
                }
                Store.Moved moved = events.move(store, found.get(), destination.get(), quantities);
                payload.put("movedFulfillmentOrder", view(store, moved.moved()));
                payload.put("originalFulfillmentOrder", view(store, moved.original()));
                payload.put("remainingFulfillmentOrder", moved.remaining() == null ? null : view(store, moved.remaining()));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    /** fulfillmentOrderSplit: the quantities named go to a new fulfillment order; delivers fulfillment_orders/split. */
    @SuppressWarnings("unchecked")
    private DataFetcher<Object> split() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            List<Map<String, Object>> splits = env.getArgument("fulfillmentOrderSplits");
            synchronized (store) {
                List<Object> results = new ArrayList<>();
                for (Map<String, Object> input : splits) {
                    Optional<FulfillmentOrder> found = find(store,
                            GraphqlViews.idOf("FulfillmentOrder", (String) input.get("fulfillmentOrderId")));
                    Map<Long, Integer> quantities = found.isEmpty() ? null
                            : quantities((List<Map<String, Object>>) input.get("fulfillmentOrderLineItems"), found.get());
                    if (found.isEmpty() || !found.get().supportedActions().contains("SPLIT") || quantities == null
                            || quantities.isEmpty() || quantities.values().stream().mapToInt(Integer::intValue).sum() >= found.get().remaining()) {
                        return results(null, "fulfillmentOrderSplits", typedError("FulfillmentOrderSplitUserError",
                                List.of("fulfillmentOrderSplits"), found.isEmpty() ? "Fulfillment order does not exist."
                                        : "The fulfillment order cannot be split that way.", null));
                    }
                    FulfillmentOrder remaining = events.split(store, found.get(), quantities);
                    Map<String, Object> result = GraphqlViews.typed("FulfillmentOrderSplitResult");
                    result.put("fulfillmentOrder", view(store, store.find(found.get().id())));
                    result.put("remainingFulfillmentOrder", view(store, remaining));
                    result.put("replacementFulfillmentOrder", null);
                    results.add(result);
                }
                return results(results, "fulfillmentOrderSplits", null);
            }
        };
    }

    /** fulfillmentOrderMerge: open fulfillment orders of one order at one location become one; fulfillment_orders/merged. */
    @SuppressWarnings("unchecked")
    private DataFetcher<Object> merge() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            List<Map<String, Object>> inputs = env.getArgument("fulfillmentOrderMergeInputs");
            synchronized (store) {
                List<Object> results = new ArrayList<>();
                for (Map<String, Object> input : inputs) {
                    List<FulfillmentOrder> merging = new ArrayList<>();
                    for (Map<String, Object> intent : (List<Map<String, Object>>) input.get("mergeIntents")) {
                        find(store, GraphqlViews.idOf("FulfillmentOrder", (String) intent.get("fulfillmentOrderId")))
                                .ifPresent(merging::add);
                    }
                    if (merging.size() < 2 || merging.stream().anyMatch(fo -> !fo.status().equals("OPEN"))
                            || merging.stream().map(fo -> fo.orderId() + ":" + fo.locationId()).distinct().count() > 1) {
                        return results(null, "fulfillmentOrderMerges", typedError("FulfillmentOrderMergeUserError",
                                List.of("fulfillmentOrderMergeInputs"),
                                "Only open fulfillment orders of one order at one location can be merged.", null));
                    }
                    Map<String, Object> result = GraphqlViews.typed("FulfillmentOrderMergeResult");
                    result.put("fulfillmentOrder", view(store, events.merge(store, merging)));
                    results.add(result);
                }
                return results(results, "fulfillmentOrderMerges", null);
            }
        };
    }

    /** fulfillmentOrderReschedule: a scheduled fulfillment order gets a new date; fulfillment_orders/rescheduled. */
    private DataFetcher<Object> reschedule() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            synchronized (store) {
                Optional<FulfillmentOrder> found = find(store, GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")));
                Map<String, Object> payload = new HashMap<>();
                if (found.isEmpty() || !found.get().status().equals("SCHEDULED")) {
                    payload.put("fulfillmentOrder", null);
                    payload.put("userErrors", List.of(typedError("FulfillmentOrderRescheduleUserError", List.of("id"),
                            found.isEmpty() ? "Fulfillment order does not exist."
                                    : "Only a scheduled fulfillment order can be rescheduled.", null)));
                    return payload;
                }
                Object at = env.getArgument("fulfillAt");
                payload.put("fulfillmentOrder", view(store, events.reschedule(store, found.get(),
                        OffsetDateTime.parse(at.toString()))));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    /** A payload of {@code field}'s results, or of one user error (results null). */
    private static Map<String, Object> results(List<Object> results, String field, Map<String, Object> error) {
        Map<String, Object> payload = new HashMap<>();
        payload.put(field, results);
        payload.put("userErrors", error == null ? List.of() : List.of(error));
        return payload;
    }

    /**
     * The fulfillment order line items and quantities named ([{id, quantity}]) by line id, all that remains when
     * none are named, or empty when one is unknown or asks for more than remains.
     */
    private static Map<Long, Integer> quantities(List<Map<String, Object>> lines, FulfillmentOrder fo) {
        if (lines == null) {
            return null;
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        for (Map<String, Object> line : lines) {
            Long id = GraphqlViews.idOf("FulfillmentOrderLineItem", (String) line.get("id"));
            int quantity = ((Number) line.get("quantity")).intValue();
            Optional<FulfillmentOrder.Line> known = fo.lines().stream().filter(l -> id != null && l.id() == id).findFirst();
            if (known.isEmpty() || quantity <= 0 || quantity + quantities.getOrDefault(id, 0) > known.get().remainingQuantity()) {
                return Map.of();
            }
            quantities.merge(id, quantity, Integer::sum);
        }
        return quantities;
    }

    private static boolean canWrite(StandInContext context) {
        return context.token().grants(WRITE_SCOPE) || context.token().grants("write_assigned_fulfillment_orders")
                || context.token().grants("write_third_party_fulfillment_orders");
    }

    /**
     * fulfillmentOrderHold (https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentOrderHold): the
     * whole fulfillment order is held with the app's handle and Shopify's reason; up to ten holds, one per handle of
     * an app; a closed or cancelled one cannot be held. Delivers fulfillment_orders/placed_on_hold.
     */
    private DataFetcher<Object> hold() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            Map<String, Object> input = env.getArgument("fulfillmentHold");
            synchronized (store) {
                Optional<FulfillmentOrder> found = find(store, GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")));
                if (found.isEmpty()) {
                    return holdFailed(List.of("id"), "Fulfillment order does not exist.", "FULFILLMENT_ORDER_NOT_FOUND");
                }
                FulfillmentOrder fo = found.get();
                if (!fo.supportedActions().contains("HOLD")) {
                    return holdFailed(List.of("id"), fo.holds().size() >= FulfillmentOrder.MAX_HOLDS
                            ? "The maximum number of fulfillment holds for this fulfillment order has been reached."
                            : "The fulfillment order is not in a holdable state.",
                            fo.holds().size() >= FulfillmentOrder.MAX_HOLDS ? "FULFILLMENT_ORDER_HOLD_LIMIT_REACHED" : null);
                }
                String handle = (String) input.get("handle");
                if (fo.holds().stream().anyMatch(h -> h.byApp() && java.util.Objects.equals(h.handle(), handle == null ? "" : handle))) {
                    return holdFailed(List.of("fulfillmentHold", "handle"),
                            "The app has already placed a hold with this handle on the fulfillment order.", "DUPLICATE_FULFILLMENT_HOLD_HANDLE");
                }
                FulfillmentOrder.Hold placed = new FulfillmentOrder.Hold(store.nextId(), (String) input.get("reason"),
                        (String) input.get("reasonNotes"), handle == null ? "" : handle, true);
                List<FulfillmentOrder.Hold> holds = new ArrayList<>(fo.holds());
                holds.add(placed);
                FulfillmentOrder held = fo.withHolds(holds);
                store.replaceFulfillmentOrder(held);
                webhooks.emit(store, "fulfillment_orders/placed_on_hold", com.proign.shopify.standin.store.RestPayloads
                        .fulfillmentOrderHeld(held, placed));
                Map<String, Object> payload = new HashMap<>();
                payload.put("fulfillmentHold", holdView(placed));
                payload.put("fulfillmentOrder", view(store, held));
                payload.put("remainingFulfillmentOrder", null);
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    /**
     * fulfillmentOrderReleaseHold: the holds named (by default every hold the app placed) are released; with none
     * left the fulfillment order is open again. Delivers fulfillment_orders/hold_released.
     */
    @SuppressWarnings("unchecked")
    private DataFetcher<Object> releaseHold() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            synchronized (store) {
                Optional<FulfillmentOrder> found = find(store, GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")));
                if (found.isEmpty()) {
                    return releaseFailed(List.of("id"), "Fulfillment order does not exist.", "FULFILLMENT_ORDER_NOT_FOUND");
                }
                FulfillmentOrder fo = found.get();
                List<String> ids = env.getArgument("holdIds");
                List<FulfillmentOrder.Hold> releasing = ids == null
                        ? fo.holds().stream().filter(FulfillmentOrder.Hold::byApp).toList()
                        : fo.holds().stream().filter(h -> ids.contains(GraphqlViews.gid("FulfillmentHold", h.id()))).toList();
                if (!"ON_HOLD".equals(fo.status()) || releasing.isEmpty()) {
                    return releaseFailed(List.of("id"), "The fulfillment order is not on hold.", null);
                }
                List<FulfillmentOrder.Hold> left = fo.holds().stream().filter(h -> !releasing.contains(h)).toList();
                FulfillmentOrder released = fo.withHolds(left);
                store.replaceFulfillmentOrder(released);
                webhooks.emit(store, "fulfillment_orders/hold_released",
                        com.proign.shopify.standin.store.RestPayloads.fulfillmentOrderReleased(released));
                Map<String, Object> payload = new HashMap<>();
                payload.put("fulfillmentOrder", view(store, released));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    private static Map<String, Object> holdFailed(List<String> field, String message, String code) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillmentHold", null);
        payload.put("fulfillmentOrder", null);
        payload.put("remainingFulfillmentOrder", null);
        payload.put("userErrors", List.of(typedError("FulfillmentOrderHoldUserError", field, message, code)));
        return payload;
    }

    private static Map<String, Object> releaseFailed(List<String> field, String message, String code) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillmentOrder", null);
        payload.put("userErrors", List.of(typedError("FulfillmentOrderReleaseHoldUserError", field, message, code)));
        return payload;
    }

    private static Map<String, Object> typedError(String type, List<String> field, String message, String code) {
        Map<String, Object> error = GraphqlViews.typed(type);
        error.put("field", field);
        error.put("message", message);
        error.put("code", code);
        return error;
    }

    static Map<String, Object> holdView(FulfillmentOrder.Hold h) {
        Map<String, Object> view = GraphqlViews.typed("FulfillmentHold");
        view.put("id", GraphqlViews.gid("FulfillmentHold", h.id()));
        view.put("reason", h.reason());
        view.put("reasonNotes", h.reasonNotes());
        view.put("handle", h.handle());
        view.put("displayReason", h.reason().charAt(0) + h.reason().substring(1).toLowerCase(Locale.ROOT).replace('_', ' '));
        view.put("heldByRequestingApp", h.byApp());
        view.put("heldByApp", null);
        return view;
    }

    /**
     * Shopify's search syntax for {@code fulfillmentOrders(query:)}: {@code updated_at} (with comparators),
     * {@code status}, {@code assigned_location_id}, {@code id}; other terms are ignored, as Shopify does.
     */
    static java.util.function.Predicate<FulfillmentOrder> search(String query) {
        java.util.function.Predicate<FulfillmentOrder> all = fo -> true;
        if (query == null || query.isBlank()) {
            return all;
        }
        java.util.regex.Matcher m = OrderSearch.TERM.matcher(query);
        while (m.find()) {
            String value = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
            java.util.function.Predicate<FulfillmentOrder> term = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "updated_at" -> OrderSearch.time(FulfillmentOrder::updatedAt, m.group(3), value);
                case "status" -> fo -> fo.status().equalsIgnoreCase(value);
                case "assigned_location_id" -> fo -> Long.toString(fo.locationId()).equals(value.substring(value.lastIndexOf('/') + 1));
                case "id" -> fo -> Long.toString(fo.id()).equals(value.substring(value.lastIndexOf('/') + 1));
                default -> null;
            };
            if (term != null) {
                all = all.and(m.group(1).isEmpty() ? term : term.negate());
            }
        }
        return all;
    }

    private static boolean canRead(StandInContext context) {
        return context.token().grants(READ_SCOPE) || context.token().grants("read_assigned_fulfillment_orders")
                || context.token().grants("read_third_party_fulfillment_orders");
    }

    private static ShopOrder source(DataFetchingEnvironment env) {
        return (ShopOrder) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
    }

    static Optional<FulfillmentOrder> find(Store store, Long id) {
        if (id == null) {
            return Optional.empty();
        }
        return store.orderOfFulfillmentOrder(id).map(orderId -> store.orders().get(orderId))
                .flatMap(order -> store.fulfillmentOrdersOf(order).stream().filter(fo -> fo.id() == id).findFirst());
    }

    /** Validates as Shopify does, then records one fulfillment for one order and one location. */
    @SuppressWarnings("unchecked")
    private DataFetcher<Object> fulfillmentCreate() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            Map<String, Object> input = env.getArgument("fulfillment");
            List<Map<String, Object>> groups = (List<Map<String, Object>>) input.get("lineItemsByFulfillmentOrder");
            synchronized (store) {
                if (groups.isEmpty()) {
                    return failed(List.of("fulfillment", "lineItemsByFulfillmentOrder"),
                            "Line items by fulfillment order can't be blank.");
                }
                List<FulfillmentOrder> orders = new ArrayList<>();
                for (int i = 0; i < groups.size(); i++) {
                    Long id = GraphqlViews.idOf("FulfillmentOrder", (String) groups.get(i).get("fulfillmentOrderId"));
                    Optional<FulfillmentOrder> fo = find(store, id);
                    if (fo.isEmpty()) {
                        return failed(List.of("fulfillment", "lineItemsByFulfillmentOrder", Integer.toString(i),
                                "fulfillmentOrderId"), "Fulfillment order does not exist.");
                    }
                    if (fo.get().atFulfillmentService() && !FulfillmentServiceFields.ours(store, fo.get())) {
                        return failed(List.of("fulfillment"), "Fulfillment order " + fo.get().id()
                                + " is assigned to a fulfillment service location; only that fulfillment service can fulfill it.");
                    }
                    if (fo.get().atFulfillmentService() && !List.of("ACCEPTED", "CANCELLATION_REJECTED").contains(fo.get().requestStatus())) {
                        return failed(List.of("fulfillment"), "Fulfillment order " + fo.get().id()
                                + " must have its fulfillment request accepted before it can be fulfilled.");
                    }
                    if (!fo.get().supportedActions().contains("CREATE_FULFILLMENT")) {
                        return failed(List.of("fulfillment"), "Fulfillment order " + fo.get().id()
                                + " has an unfulfillable status= " + fo.get().status().toLowerCase(Locale.ROOT) + ".");
                    }
                    orders.add(fo.get());
                }
                if (orders.stream().map(FulfillmentOrder::orderId).distinct().count() > 1) {
                    return failed(List.of("fulfillment"), "All fulfillment orders must belong to the same order.");
                }
                if (orders.stream().map(FulfillmentOrder::locationId).distinct().count() > 1) {
                    return failed(List.of("fulfillment"),
                            "All fulfillment orders must be assigned to the same location.");
                }
                // how many of each fulfillment order line to ship; omitted lines mean all that remains
                Map<Long, Map<Long, Integer>> shipping = new LinkedHashMap<>();
                for (int i = 0; i < groups.size(); i++) {
                    FulfillmentOrder fo = orders.get(i);
                    Map<Long, Integer> quantities = new LinkedHashMap<>();
                    List<Map<String, Object>> lines = (List<Map<String, Object>>) groups.get(i).get("fulfillmentOrderLineItems");
                    if (lines == null) {
                        fo.lines().stream().filter(l -> l.remainingQuantity() > 0)
                                .forEach(l -> quantities.put(l.id(), l.remainingQuantity()));
                    } else {
                        for (Map<String, Object> line : lines) {
                            Long lineId = GraphqlViews.idOf("FulfillmentOrderLineItem", (String) line.get("id"));
                            int quantity = ((Number) line.get("quantity")).intValue();
                            Optional<FulfillmentOrder.Line> known = fo.lines().stream()
                                    .filter(l -> lineId != null && l.id() == lineId).findFirst();
                            if (known.isEmpty()) {
                                return failed(List.of("fulfillment", "lineItemsByFulfillmentOrder", Integer.toString(i),
                                        "fulfillmentOrderLineItems"), "Fulfillment order line item does not exist.");
                            }
                            if (quantity <= 0 || quantity + quantities.getOrDefault(lineId, 0) > known.get().remainingQuantity()) {
                                return failed(List.of("fulfillment", "lineItemsByFulfillmentOrder", Integer.toString(i),
                                        "fulfillmentOrderLineItems"), "Invalid fulfillment order line item quantity requested.");
                            }
                            quantities.merge(lineId, quantity, Integer::sum);
                        }
                    }
                    shipping.put(fo.id(), quantities);
                }
                Fulfillment created = record(store, orders, shipping,
                        tracking((Map<String, Object>) input.get("trackingInfo")),
                        Boolean.TRUE.equals(input.get("notifyCustomer")));
                Map<String, Object> payload = new HashMap<>();
                payload.put("fulfillment", view(store, created));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    private Fulfillment record(Store store, List<FulfillmentOrder> fulfillmentOrders,
            Map<Long, Map<Long, Integer>> shipping, List<Fulfillment.Tracking> tracking, boolean notify) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ShopOrder order = store.orders().get(fulfillmentOrders.get(0).orderId());
        Map<Long, Integer> shippedByLineItem = new HashMap<>();
        List<Fulfillment.Line> lines = new ArrayList<>();
        for (FulfillmentOrder fo : fulfillmentOrders) {
            Map<Long, Integer> quantities = shipping.get(fo.id());
            List<FulfillmentOrder.Line> remaining = fo.lines().stream().map(l -> {
                int shipped = quantities.getOrDefault(l.id(), 0);
                if (shipped > 0) {
                    shippedByLineItem.merge(l.lineItemId(), shipped, Integer::sum);
                    lines.add(new Fulfillment.Line(store.nextId(), l.lineItemId(), shipped));
                }
                return new FulfillmentOrder.Line(l.id(), l.lineItemId(), l.totalQuantity(), l.remainingQuantity() - shipped);
            }).toList();
            boolean done = remaining.stream().allMatch(l -> l.remainingQuantity() == 0);
            store.replaceFulfillmentOrder(fo.with(done ? "CLOSED" : "IN_PROGRESS", remaining));
        }
        int sequence = store.fulfillmentsOf(order.id()).size() + 1;
        Fulfillment fulfillment = new Fulfillment(store.nextId(), order.id(), order.name() + "." + sequence,
                fulfillmentOrders.get(0).locationId(), now, now, tracking, List.copyOf(lines), notify);
        store.addFulfillment(fulfillment);

        List<LineItem> updatedLines = order.lineItems().stream()
                .map(l -> l.withFulfilled(l.fulfilledQuantity() + shippedByLineItem.getOrDefault(l.id(), 0))).toList();
        // Shopify's times have whole seconds: a change within the order's last second is a second later
        OffsetDateTime second = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ShopOrder updated = order.with(second.isAfter(order.updatedAt()) ? second : order.updatedAt().plusSeconds(1),
                order.financialStatus(), order.cancelledAt(), order.cancelReason(), order.closedAt(), updatedLines);
        store.orders().put(order.id(), updated);

        String event = java.util.UUID.randomUUID().toString();
        Map<String, Object> body = RestPayloads.order(updated, store.domain());
        webhooks.emit(store, "fulfillments/create", RestPayloads.fulfillment(fulfillment, updated), event);
        String topic = "fulfilled".equals(updated.fulfillmentStatus()) ? "orders/fulfilled" : "orders/partially_fulfilled";
        webhooks.emit(store, topic, body, event);
        webhooks.emit(store, "orders/updated", body, event);
        return fulfillment;
    }

    @SuppressWarnings("unchecked")
    private DataFetcher<Object> trackingInfoUpdate() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!canWrite(context)) {
                return StandInContext.denied(env, WRITE_SCOPE);
            }
            Store store = context.store();
            Long id = GraphqlViews.idOf("Fulfillment", env.getArgument("fulfillmentId"));
            Optional<Fulfillment> found = id == null ? Optional.empty() : store.fulfillment(id);
            if (found.isEmpty()) {
                return failed(List.of("fulfillmentId"), "Fulfillment does not exist.");
            }
            Fulfillment updated = found.get().withTracking(
                    tracking((Map<String, Object>) env.getArgument("trackingInfoInput")),
                    OffsetDateTime.now(ZoneOffset.UTC), Boolean.TRUE.equals(env.getArgument("notifyCustomer")));
            store.replaceFulfillment(updated);
            webhooks.emit(store, "fulfillments/update", RestPayloads.fulfillment(updated, store.orders().get(updated.orderId())));
            Map<String, Object> payload = new HashMap<>();
            payload.put("fulfillment", view(store, updated));
            payload.put("userErrors", List.of());
            return payload;
        };
    }

    /** Tracking numbers and URLs; a known carrier without a URL gets one generated, as on Shopify. */
    @SuppressWarnings("unchecked")
    static List<Fulfillment.Tracking> tracking(Map<String, Object> input) {
        if (input == null) {
            return List.of();
        }
        String company = (String) input.get("company");
        List<String> numbers = new ArrayList<>();
        if (input.get("number") != null) {
            numbers.add((String) input.get("number"));
        }
        if (input.get("numbers") != null) {
            numbers.addAll((List<String>) input.get("numbers"));
        }
        List<String> urls = new ArrayList<>();
        if (input.get("url") != null) {
            urls.add((String) input.get("url"));
        }
        if (input.get("urls") != null) {
            urls.addAll((List<String>) input.get("urls"));
        }
        List<Fulfillment.Tracking> tracking = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String url = i < urls.size() ? urls.get(i) : carrierUrl(company, numbers.get(i));
            tracking.add(new Fulfillment.Tracking(company, numbers.get(i), url));
        }
        if (numbers.isEmpty() && company != null) {
            tracking.add(new Fulfillment.Tracking(company, null, urls.isEmpty() ? null : urls.get(0)));
        }
        return tracking;
    }

    private static String carrierUrl(String company, String number) {
        if (company == null) {
            return null;
        }
        return switch (company.toUpperCase(Locale.ROOT)) {
            case "UPS" -> "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=" + number;
            case "USPS" -> "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + number;
            case "FEDEX" -> "https://www.fedex.com/fedextrack/?trknbr=" + number;
            case "DHL EXPRESS", "DHL" -> "https://www.dhl.com/en/express/tracking.html?AWB=" + number;
            default -> null;
        };
    }

    private static Map<String, Object> failed(List<String> field, String message) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillment", null);
        payload.put("userErrors", List.of(GraphqlViews.userError(field, message)));
        return payload;
    }

    static Map<String, Object> view(Store store, FulfillmentOrder fo) {
        Map<String, Object> view = GraphqlViews.typed("FulfillmentOrder");
        view.put("id", GraphqlViews.gid("FulfillmentOrder", fo.id()));
        view.put("orderId", GraphqlViews.gid("Order", fo.orderId()));
        view.put("status", fo.status());
        view.put("updatedAt", fo.updatedAt().toString());
        view.put("fulfillAt", fo.fulfillAt() == null ? null : fo.fulfillAt().toString());
        view.put("requestStatus", fo.requestStatus());
        view.put("fulfillmentHolds", fo.holds().stream().map(FulfillmentFields::holdView).toList());
        view.put("supportedActions", fo.supportedActions().stream()
                .map(a -> Map.of(SchemaWiring.TYPENAME, "FulfillmentOrderSupportedAction", "action", a,
                        "externalUrl", ""))
                .toList());
        Location location = store.locations().stream().filter(l -> l.id() == fo.locationId()).findFirst().orElse(null);
        Map<String, Object> assigned = GraphqlViews.typed("FulfillmentOrderAssignedLocation");
        assigned.put("name", location == null ? "" : location.name());
        assigned.put("location", location == null ? null : GraphqlViews.location(location));
        assigned.put("countryCode", location == null || location.address() == null ? "US" : location.address().countryCode());
        assigned.put("city", location == null || location.address() == null ? null : location.address().city());
        view.put("assignedLocation", assigned);
        ShopOrder order = store.orders().get(fo.orderId());
        view.put("order", order == null ? null : GraphqlViews.order(order));
        view.put("destination", order == null ? null : destination(fo, order.shippingAddress()));
        view.put(GraphqlViews.SOURCE, fo);
        return view;
    }

    /** Where the fulfillment order ships to: the order's shipping address (none for an order without one). */
    private static Map<String, Object> destination(FulfillmentOrder fo, com.proign.shopify.standin.store.Address a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> view = GraphqlViews.typed("FulfillmentOrderDestination");
        view.put("id", GraphqlViews.gid("FulfillmentOrderDestination", fo.id()));
        view.put("firstName", a.firstName());
        view.put("lastName", a.lastName());
        view.put("company", a.company());
        view.put("address1", a.address1());
        view.put("address2", a.address2());
        view.put("city", a.city());
        view.put("province", a.province());
        view.put("zip", a.zip());
        view.put("countryCode", a.countryCode());
        view.put("phone", a.phone());
        return view;
    }

    private static Map<String, Object> lineView(ShopOrder order, FulfillmentOrder.Line line) {
        LineItem item = order.lineItems().stream().filter(l -> l.id() == line.lineItemId()).findFirst().orElseThrow();
        Map<String, Object> view = GraphqlViews.typed("FulfillmentOrderLineItem");
        view.put("id", GraphqlViews.gid("FulfillmentOrderLineItem", line.id()));
        view.put("totalQuantity", line.totalQuantity());
        view.put("remainingQuantity", line.remainingQuantity());
        view.put("sku", item.sku());
        view.put("lineItem", GraphqlViews.lineItem(item, order.currency()));
        return view;
    }

    static Map<String, Object> view(Store store, Fulfillment f) {
        ShopOrder order = store.orders().get(f.orderId());
        Map<String, Object> view = GraphqlViews.typed("Fulfillment");
        view.put("id", GraphqlViews.gid("Fulfillment", f.id()));
        view.put("name", f.name());
        view.put("status", "SUCCESS");
        view.put("createdAt", f.createdAt().toString());
        view.put("updatedAt", f.updatedAt().toString());
        view.put("trackingInfo", f.tracking().stream().map(t -> {
            Map<String, Object> info = GraphqlViews.typed("FulfillmentTrackingInfo");
            info.put("company", t.company());
            info.put("number", t.number());
            info.put("url", t.url());
            return info;
        }).toList());
        view.put("location", store.locations().stream().filter(l -> l.id() == f.locationId()).findFirst()
                .map(GraphqlViews::location).orElse(null));
        view.put("order", order == null ? null : GraphqlViews.order(order));
        view.put(GraphqlViews.SOURCE, f);
        return view;
    }
}
