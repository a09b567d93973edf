package com.proign.shopify.standin.graphql;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.Inventory;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.Product;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.webhooks.WebhookDispatcher;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.StringValue;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

/**
 * Products, variants and inventory (https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities): variants with SKU and inventory item, levels per location, and
 * {@code inventorySetQuantities} as from API 2026-04: {@code changeFromQuantity} required (explicit null opts
 * out), CHANGE_FROM_QUANTITY_STALE on a mismatch, and the {@code @idempotent(key:)} directive required, a
 * repeated key answering what it answered the first time.
 */
@ApplicationScoped
class CatalogFields {

    static final Set<String> QUANTITY_NAMES = Set.of("available", "on_hand");
    static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged", "movement_created",
            "movement_updated", "movement_received", "movement_canceled", "other", "promotion", "quality_control",
            "received", "reservation_created", "reservation_deleted", "reservation_updated", "restock",
            "safety_stock", "shrinkage");

    private final WebhookDispatcher webhooks;

    CatalogFields(WebhookDispatcher webhooks) {
        this.webhooks = webhooks;
    }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("QueryRoot", type -> type
                .dataFetcher("products", products())
                .dataFetcher("productVariants", productVariants())
                .dataFetcher("product", env -> {
                    StandInContext context = StandInContext.of(env);
                    if (!context.token().grants("read_products")) {
                        return StandInContext.denied(env, "read_products");
                    }
                    Long id = GraphqlViews.idOf("Product", env.getArgument("id"));
                    Product product = id == null ? null : context.store().products().get(id);
                    return product == null ? null : productView(product);
                })
                .dataFetcher("inventoryItem", env -> {
                    StandInContext context = StandInContext.of(env);
                    if (!context.token().grants("read_inventory")) {
                        return StandInContext.denied(env, "read_inventory");
                    }
                    Long id = GraphqlViews.idOf("InventoryItem", env.getArgument("id"));
                    return id == null ? null : context.store().inventory().item(id).map(CatalogFields::itemView).orElse(null);
                })
                .dataFetcher("inventoryLevel", env -> {
                    StandInContext context = StandInContext.of(env);
                    if (!context.token().grants("read_inventory")) {
                        return StandInContext.denied(env, "read_inventory");
                    }
                    return levelById(context.store(), env.getArgument("id")).map(l -> levelView(context.store(), l)).orElse(null);
                }));
        wiring.type("Product", type -> type.dataFetcher("variants", env -> {
            Product product = (Product) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
            return Connections.page(env, "ProductVariantConnection", product.variants(), v -> Long.toString(v.id()),
                    v -> variantView(product, v));
        }));
        wiring.type("InventoryItem", type -> type
                .dataFetcher("inventoryLevels", env -> {
                    Store store = StandInContext.of(env).store();
                    Inventory.Item item = (Inventory.Item) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
                    return Connections.page(env, "InventoryLevelConnection", store.inventory().levelsOf(item.id()),
                            l -> Long.toString(l.locationId()), l -> levelView(store, l));
                })
                .dataFetcher("inventoryLevel", env -> {
                    Store store = StandInContext.of(env).store();
                    Inventory.Item item = (Inventory.Item) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
                    Long location = GraphqlViews.idOf("Location", env.getArgument("locationId"));
                    return location == null ? null
                            : store.inventory().level(item.id(), location).map(l -> levelView(store, l)).orElse(null);
                }));
        wiring.type("InventoryLevel", type -> type.dataFetcher("quantities", env -> {
            Inventory.Level level = (Inventory.Level) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
            List<String> names = env.getArgument("names");
            return names.stream().map(name -> {
                Map<String, Object> q = GraphqlViews.typed("InventoryQuantity");
                q.put("id", "gid://shopify/InventoryQuantity/" + level.locationId() + "?inventory_item_id=" + level.itemId()
                        + "&name=" + name);
                q.put("name", name);
                q.put("quantity", level.quantity(name));
                q.put("updatedAt", level.updatedAt().toString());
                return q;
            }).toList();
        }));
        wiring.type("Mutation", type -> type.dataFetcher("inventorySetQuantities", inventorySetQuantities()));
    }

    private static DataFetcher<Object> products() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_products")) {
                return StandInContext.denied(env, "read_products");
            }
            Predicate<Product> matches = productFilter(env.getArgument("query"));
            List<Product> found = context.store().products().values().stream().filter(matches)
                    .sorted(Comparator.comparingLong(Product::id)).toList();
            return Connections.page(env, "ProductConnection", found, p -> Long.toString(p.id()), CatalogFields::productView);
        };
    }

    private static DataFetcher<Object> productVariants() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("read_products")) {
                return StandInContext.denied(env, "read_products");
            }
            String sku = skuOf(env.getArgument("query"));
            List<Map.Entry<Product, Product.Variant>> found = new ArrayList<>();
            context.store().products().values().stream().sorted(Comparator.comparingLong(Product::id))
                    .forEach(p -> p.variants().stream().filter(v -> sku == null || sku.equals(v.sku()))
                            .forEach(v -> found.add(Map.entry(p, v))));
            return Connections.page(env, "ProductVariantConnection", found, e -> Long.toString(e.getValue().id()),
                    e -> variantView(e.getKey(), e.getValue()));
        };
    }

    private static Predicate<Product> productFilter(String query) {
        String sku = skuOf(query);
        return sku == null ? p -> true : p -> p.variants().stream().anyMatch(v -> sku.equals(v.sku()));
    }

    private static String skuOf(String query) {
        if (query == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("sku:(?:'([^']*)'|\"([^\"]*)\"|(\\S+))").matcher(query);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    /** Validates every quantity first; applies all or nothing; answers a repeated key as it answered before. */
    @SuppressWarnings("unchecked")
    private DataFetcher<Object> inventorySetQuantities() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants("write_inventory")) {
                return StandInContext.denied(env, "write_inventory");
            }
            String key = idempotencyKey(env);
            if (key == null) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                        .message("The @idempotent directive is required for this mutation (API 2026-04 and later).")
                        .extensions(Map.of("code", "BAD_REQUEST")).build()).build();
            }
            Store store = context.store();
            Map<String, Object> input = env.getArgument("input");
            String fingerprint = input.toString();
            synchronized (store) {
                Map.Entry<String, Object> earlier = store.idempotentResults().get(key);
                if (earlier != null) {
                    return earlier.getKey().equals(fingerprint) ? earlier.getValue()
                            : failed(List.of("input"), "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
                                    "The idempotency key was used before with other parameters.");
                }
                Object result = apply(store, input);
                store.idempotentResults().put(key, Map.entry(fingerprint, result));
                return result;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Object apply(Store store, Map<String, Object> input) {
        String name = (String) input.get("name");
        if (!QUANTITY_NAMES.contains(name)) {
            return failed(List.of("input", "name"), "INVALID_NAME", "The quantity name must be available or on_hand.");
        }
        if (!REASONS.contains((String) input.get("reason"))) {
            return failed(List.of("input", "reason"), "INVALID_REASON", "The specified reason is invalid.");
        }
        List<Map<String, Object>> quantities = (List<Map<String, Object>>) input.get("quantities");
        List<Inventory.Level> current = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            Map<String, Object> q = quantities.get(i);
            List<String> at = List.of("input", "quantities", Integer.toString(i));
            Long itemId = GraphqlViews.idOf("InventoryItem", (String) q.get("inventoryItemId"));
            Long locationId = GraphqlViews.idOf("Location", (String) q.get("locationId"));
            if (itemId == null || store.inventory().item(itemId).isEmpty()) {
                return failed(append(at, "inventoryItemId"), "INVALID_INVENTORY_ITEM", "The specified inventory item could not be found.");
            }
            if (locationId == null || store.locations().stream().noneMatch(l -> l.id() == locationId)) {
                return failed(append(at, "locationId"), "INVALID_LOCATION", "The specified location could not be found.");
            }
            if (((Number) q.get("quantity")).intValue() < 0) {
                return failed(append(at, "quantity"), "INVALID_QUANTITY_NEGATIVE", "The quantity can't be negative.");
            }
            if (!q.containsKey("changeFromQuantity")) {
                return failed(append(at, "changeFromQuantity"), "COMPARE_QUANTITY_REQUIRED",
                        "changeFromQuantity is required from API 2026-04; send null to skip the check.");
            }
            Inventory.Level level = store.inventory().level(itemId, locationId)
                    .orElseGet(() -> new Inventory.Level(itemId, locationId, 0, OffsetDateTime.now(ZoneOffset.UTC)));
            Object expected = q.get("changeFromQuantity");
            if (expected != null && ((Number) expected).intValue() != level.quantity(name)) {
                return failed(append(at, "changeFromQuantity"), "CHANGE_FROM_QUANTITY_STALE",
                        "The specified compare quantity is stale.");
            }
            current.add(level);
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            Inventory.Level before = current.get(i);
            int quantity = ((Number) quantities.get(i).get("quantity")).intValue();
            Inventory.Level after = store.inventory().set(before.itemId(), before.locationId(), quantity);
            Map<String, Object> change = GraphqlViews.typed("InventoryChange");
            change.put("name", name);
            change.put("delta", quantity - before.quantity(name));
            change.put("quantityAfterChange", quantity);
            change.put("item", itemView(store.inventory().item(after.itemId()).orElseThrow()));
            change.put("location", store.locations().stream().filter(l -> l.id() == after.locationId()).findFirst()
                    .map(GraphqlViews::location).orElse(null));
            changes.add(change);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("inventory_item_id", after.itemId());
            body.put("location_id", after.locationId());
            body.put("available", after.available());
            body.put("updated_at", after.updatedAt().toString());
            webhooks.emit(store, "inventory_levels/update", body);
        }
        Map<String, Object> group = GraphqlViews.typed("InventoryAdjustmentGroup");
        group.put("id", GraphqlViews.gid("InventoryAdjustmentGroup", store.nextId()));
        group.put("createdAt", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        group.put("reason", input.get("reason"));
        group.put("referenceDocumentUri", input.get("referenceDocumentUri"));
        group.put("changes", changes);
        Map<String, Object> payload = new HashMap<>();
        payload.put("inventoryAdjustmentGroup", group);
        payload.put("userErrors", List.of());
        return payload;
    }

    /** The key of the field's {@code @idempotent(key:)} directive, literal or from a variable. */
    private static String idempotencyKey(DataFetchingEnvironment env) {
        for (Directive directive : env.getField().getDirectives("idempotent")) {
            Argument key = directive.getArgument("key");
            if (key != null && key.getValue() instanceof StringValue s) {
                return s.getValue();
            }
            if (key != null && key.getValue() instanceof VariableReference v) {
                Object value = env.getVariables().get(v.getName());
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    private static List<String> append(List<String> path, String last) {
        List<String> full = new ArrayList<>(path);
        full.add(last);
        return full;
    }

    private static Map<String, Object> failed(List<String> field, String code, String message) {
        Map<String, Object> error = GraphqlViews.typed("InventorySetQuantitiesUserError");
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> payload = new HashMap<>();
        payload.put("inventoryAdjustmentGroup", null);
        payload.put("userErrors", List.of(error));
        return payload;
    }

    private static Optional<Inventory.Level> levelById(Store store, String gid) {
        var m = gid == null ? null
                : java.util.regex.Pattern.compile("gid://shopify/InventoryLevel/(\\d+)\\?inventory_item_id=(\\d+)").matcher(gid);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return store.inventory().level(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
    }

    static Map<String, Object> productView(Product p) {
        Map<String, Object> view = GraphqlViews.typed("Product");
        view.put("id", GraphqlViews.gid("Product", p.id()));
        view.put("legacyResourceId", Long.toString(p.id()));
        view.put("title", p.title());
        view.put("handle", p.handle());
        view.put("status", p.status());
        view.put("updatedAt", p.updatedAt().toString());
        view.put(GraphqlViews.SOURCE, p);
        return view;
    }

    static Map<String, Object> variantView(Product p, Product.Variant v) {
        Map<String, Object> view = GraphqlViews.typed("ProductVariant");
        view.put("id", GraphqlViews.gid("ProductVariant", v.id()));
        view.put("legacyResourceId", Long.toString(v.id()));
        view.put("sku", v.sku());
        view.put("title", v.title());
        view.put("price", v.price().toPlainString());
        view.put("product", productView(p));
        view.put("inventoryItem", itemView(new Inventory.Item(v.inventoryItemId(), v.sku(), v.id(), true)));
        return view;
    }

    static Map<String, Object> itemView(Inventory.Item item) {
        Map<String, Object> view = GraphqlViews.typed("InventoryItem");
        view.put("id", GraphqlViews.gid("InventoryItem", item.id()));
        view.put("legacyResourceId", Long.toString(item.id()));
        view.put("sku", item.sku());
        view.put("tracked", item.tracked());
        view.put(GraphqlViews.SOURCE, item);
        return view;
    }

    static Map<String, Object> levelView(Store store, Inventory.Level level) {
        Map<String, Object> view = GraphqlViews.typed("InventoryLevel");
        view.put("id", "gid://shopify/InventoryLevel/" + level.locationId() + "?inventory_item_id=" + level.itemId());
        view.put("updatedAt", level.updatedAt().toString());
        Location location = store.locations().stream().filter(l -> l.id() == level.locationId()).findFirst().orElse(null);
        view.put("location", location == null ? null : GraphqlViews.location(location));
        view.put("item", store.inventory().item(level.itemId()).map(CatalogFields::itemView).orElse(null));
        view.put(GraphqlViews.SOURCE, level);
        return view;
    }
}
