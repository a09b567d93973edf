package com.proign.shopify.standin.graphql;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.ShopOrder;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.WebhookSubscription;

import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;

/** The query fields the stand-in simulates; everything else in the schema validates but is not served. */
@ApplicationScoped
class QueryFields {

    /** Without read_all_orders, Shopify shows only the last 60 days of orders. */
    static final Duration RECENT_ORDERS = Duration.ofDays(60);

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("QueryRoot", type -> type
                .dataFetcher("shop", env -> GraphqlViews.shop(StandInContext.of(env).store()))
                .dataFetcher("currentAppInstallation", env -> appInstallation(StandInContext.of(env)))
                .dataFetcher("locations", locations())
                .dataFetcher("location", location())
                .dataFetcher("orders", orders())
                .dataFetcher("order", order())
                .dataFetcher("webhookSubscriptions", webhookSubscriptions()));
        wiring.type("Order", type -> type
                .dataFetcher("lineItems", env -> {
                    ShopOrder order = (ShopOrder) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
                    return Connections.page(env, "LineItemConnection", order.lineItems(),
                            line -> Long.toString(line.id()), line -> GraphqlViews.lineItem(line, order.currency()));
                }));
    }

    private static Map<String, Object> appInstallation(StandInContext context) {
        return Map.of(SchemaWiring.TYPENAME, "AppInstallation",
                "id", GraphqlViews.gid("AppInstallation", Math.abs((long) context.store().clientId().hashCode())),
                "accessScopes", context.token().scopes().stream().sorted()
                        .map(handle -> Map.of(SchemaWiring.TYPENAME, "AccessScope", "handle", handle,
                                "description", handle.replace('_', ' ')))
                        .toList());
    }

    private static DataFetcher<Object> locations() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_locations")) {
                return StandInContext.denied(env, "read_locations");
            }
            boolean includeInactive = Boolean.TRUE.equals(env.getArgument("includeInactive"));
            List<Location> locations = context.store().locations().stream()
                    .filter(l -> includeInactive || l.active()).toList();
            return Connections.page(env, "LocationConnection", locations, l -> Long.toString(l.id()),
                    GraphqlViews::location);
        };
    }

    private static DataFetcher<Object> location() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_locations")) {
                return StandInContext.denied(env, "read_locations");
            }
            Long id = GraphqlViews.idOf("Location", env.getArgument("id"));
            return context.store().locations().stream().filter(l -> id != null && l.id() == id).findFirst()
                    .map(GraphqlViews::location).orElse(null);
        };
    }

    private static DataFetcher<Object> orders() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_orders")) {
                return StandInContext.denied(env, "read_orders");
            }
            Predicate<ShopOrder> visible = visibleTo(context);
            Predicate<ShopOrder> matches = OrderSearch.parse(env.getArgument("query")).and(visible);
            if (context.bulk() == null && byIdForward(env)) {
                return pageById(env, context.store(), matches);
            }
            Comparator<ShopOrder> order = sort(env.getArgument("sortKey"));
            if (Boolean.TRUE.equals(env.getArgument("reverse"))) {
                order = order.reversed();
            }
            List<ShopOrder> found = context.store().orders().values().stream().filter(matches).sorted(order).toList();
            return Connections.page(env, "OrderConnection", found, o -> Long.toString(o.id()), GraphqlViews::order);
        };
    }

    private static DataFetcher<Object> order() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_orders")) {
                return StandInContext.denied(env, "read_orders");
            }
            Long id = GraphqlViews.idOf("Order", env.getArgument("id"));
            ShopOrder order = id == null ? null : context.store().orders().get(id);
            return order == null || !visibleTo(context).test(order) ? null : GraphqlViews.order(order);
        };
    }

    private static DataFetcher<Object> webhookSubscriptions() {
        return env -> {
            Store store = StandInContext.of(env).store();
            List<String> topics = env.getArgument("topics");
            String uri = env.getArgument("uri");
            List<WebhookSubscription> found = store.subscriptions().values().stream()
                    .filter(w -> topics == null || topics.contains(w.topic()))
                    .filter(w -> uri == null || uri.equals(w.uri()))
                    .sorted(Comparator.comparingLong(WebhookSubscription::id))
                    .toList();
            return Connections.page(env, "WebhookSubscriptionConnection", found, w -> Long.toString(w.id()),
                    GraphqlViews::webhookSubscription);
        };
    }

    /** The default order (by id, forwards) with first/after: served straight from the store's sorted map. */
    private static boolean byIdForward(graphql.schema.DataFetchingEnvironment env) {
        String sortKey = env.getArgument("sortKey");
        return (sortKey == null || sortKey.equals("ID")) && !Boolean.TRUE.equals(env.getArgument("reverse"))
                && env.getArgument("first") != null && env.getArgument("last") == null
                && env.getArgument("before") == null;
    }

    private static Object pageById(graphql.schema.DataFetchingEnvironment env, Store store, Predicate<ShopOrder> matches) {
        int size = Connections.pageSize(env);
        String after = env.getArgument("after");
        long afterId;
        try {
            afterId = after == null ? Long.MIN_VALUE : Long.parseLong(Connections.decode(after));
        } catch (NumberFormatException e) {
            throw Connections.error("invalid cursor");
        }
        List<ShopOrder> window = new java.util.ArrayList<>(size + 1);
        for (ShopOrder order : store.orders().tailMap(afterId, false).values()) {
            if (matches.test(order)) {
                window.add(order);
                if (window.size() > size) {
                    break;
                }
            }
        }
        boolean hasNext = window.size() > size;
        List<ShopOrder> page = hasNext ? window.subList(0, size) : window;
        return Connections.of("OrderConnection", page, hasNext, after != null, o -> Long.toString(o.id()),
                GraphqlViews::order);
    }

    private static Predicate<ShopOrder> visibleTo(StandInContext context) {
        if (context.token().grants("read_all_orders")) {
            return o -> true;
        }
        java.time.Instant cutoff = context.now().minus(RECENT_ORDERS);
        return o -> o.createdAt().toInstant().isAfter(cutoff);
    }

    private static Comparator<ShopOrder> sort(String sortKey) {
        Comparator<ShopOrder> byId = Comparator.comparingLong(ShopOrder::id);
        return switch (sortKey == null ? "ID" : sortKey) {
            case "CREATED_AT", "PROCESSED_AT" -> Comparator.comparing((ShopOrder o) -> o.createdAt().toInstant())
                    .thenComparing(byId);
            case "UPDATED_AT" -> Comparator.comparing((ShopOrder o) -> o.updatedAt().toInstant()).thenComparing(byId);
            case "ORDER_NUMBER" -> Comparator.comparingLong(ShopOrder::number).thenComparing(byId);
            default -> byId;
        };
    }
}
