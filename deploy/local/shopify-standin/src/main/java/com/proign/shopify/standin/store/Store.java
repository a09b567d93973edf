package com.proign.shopify.standin.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fake store with the app installed in it: credentials, plan (which sets the rate limit), locations,
 * orders and webhook subscriptions. Orders are immutable records replaced on change, kept by id.
 */
public final class Store {

    /**
     * Ids are unique across stores, as Shopify's are, and of the size real ones have today (thirteen digits, far below
     * 2^53), so a JavaScript client or jq reads them right.
     */
    private static final AtomicLong IDS = new AtomicLong(5_000_000_000_001L);

    /**
     * Ids of a store made with {@code large_ids}: beyond 2^53, as Shopify's may become, so a test sees a client that
     * passes them through a double lose them.
     */
    private static final AtomicLong LARGE_IDS = new AtomicLong((1L << 53) + 1_000_001L);

    private volatile boolean largeIds;

    private final String domain;
    private final String name;
    private final String plan;
    private final String clientId;
    private final String clientSecret;
    private final String webhookSecret;
    private final Duration tokenLifetime;
    private final java.util.Set<String> appScopes;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final List<Location> locations = new CopyOnWriteArrayList<>();
    private final ConcurrentSkipListMap<Long, ShopOrder> orders = new ConcurrentSkipListMap<>();
    private final Map<Long, WebhookSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<Long, List<FulfillmentOrder>> fulfillmentOrders = new ConcurrentHashMap<>();
    private final Map<Long, List<Fulfillment>> fulfillments = new ConcurrentHashMap<>();
    private final Map<Long, Long> orderOfFulfillmentOrder = new ConcurrentHashMap<>();
    private final Map<Long, Long> orderOfFulfillment = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> splitAcrossLocations = new ConcurrentHashMap<>();
    private final Map<Long, Long> routedTo = new ConcurrentHashMap<>();
    private final Map<Long, FulfillmentService> services = new ConcurrentHashMap<>();
    /** Where Shopify's order routing sends new orders (a location id), and whether it requests fulfillment at once. */
    private volatile Long routingLocation;
    private volatile boolean routingRequests;
    private final Map<Long, java.time.OffsetDateTime> scheduledFor = new ConcurrentHashMap<>();
    private final Map<Long, Product> products = new ConcurrentHashMap<>();
    private final Inventory inventory = new Inventory();
    private final Map<Long, BulkOperation> bulkOperations = new ConcurrentHashMap<>();
    /** inventorySetQuantities results by idempotency key: the input's fingerprint and the answer given. */
    private final Map<String, Map.Entry<String, Object>> idempotentResults = new ConcurrentHashMap<>();
    private final AtomicLong orderNumbers = new AtomicLong(1000);
    private volatile boolean installed = true;
    private volatile String complianceUri;
    private volatile String complianceApiVersion;

    public Store(String domain, String name, String plan, String clientId, String clientSecret, String webhookSecret,
            Duration tokenLifetime, java.util.Set<String> appScopes) {
        this.appScopes = java.util.Set.copyOf(appScopes);
        this.domain = domain;
        this.name = name;
        this.plan = plan;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.webhookSecret = webhookSecret;
        this.tokenLifetime = tokenLifetime;
    }

    public String domain() {
        return domain;
    }

    public String name() {
        return name;
    }

    public String plan() {
        return plan;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The secret Shopify signs this app's webhooks with (the client secret or the API secret key). */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The scopes the app was granted on install: what its client-credentials tokens carry. */
    public java.util.Set<String> appScopes() {
        return appScopes;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public boolean installed() {
        return installed;
    }

    /** Where the app asked Shopify to send customers/data_request, customers/redact and shop/redact; or null. */
    public String complianceUri() {
        return complianceUri;
    }

    /** The API version of the app's configuration, which its compliance deliveries carry. */
    public String complianceApiVersion() {
        return complianceApiVersion;
    }

    public void compliance(String uri, String apiVersion) {
        this.complianceUri = uri;
        this.complianceApiVersion = apiVersion;
    }

    /** Uninstalling revokes every token and drops the subscriptions, as Shopify does. */
    public void uninstall() {
        installed = false;
        tokens.clear();
        subscriptions.clear();
    }

    public long nextId() {
        return largeIds ? LARGE_IDS.getAndIncrement() : IDS.getAndIncrement();
    }

    /** From now on (before anything is made in it), the store's ids are beyond 2^53. */
    public void useLargeIds() {
        largeIds = true;
    }

    public long nextOrderNumber() {
        return orderNumbers.incrementAndGet();
    }

    public AccessToken addToken(AccessToken token) {
        tokens.put(token.value(), token);
        return token;
    }

    /** Every token issued to the app and not revoked, expired ones included. */
    public java.util.Collection<AccessToken> tokens() {
        return java.util.List.copyOf(tokens.values());
    }

    public Optional<AccessToken> token(String value, Instant now) {
        AccessToken token = tokens.get(value);
        return token != null && token.validAt(now) ? Optional.of(token) : Optional.empty();
    }

    public List<Location> locations() {
        return locations;
    }

    public ConcurrentSkipListMap<Long, ShopOrder> orders() {
        return orders;
    }

    public Map<Long, WebhookSubscription> subscriptions() {
        return subscriptions;
    }

    /** Assigns the order's lines alternately to the first two locations when its fulfillment orders are made. */
    public void splitAcrossLocations(long orderId) {
        splitAcrossLocations.put(orderId, true);
    }

    /** The fulfillment services the app registered. */
    public java.util.Collection<FulfillmentService> services() {
        return services.values();
    }

    public Optional<FulfillmentService> service(long id) {
        return Optional.ofNullable(services.get(id));
    }

    public synchronized void putService(FulfillmentService service) {
        services.put(service.id(), service);
    }

    public synchronized void removeService(long id) {
        services.remove(id);
    }

    public synchronized void replaceLocation(Location location) {
        locations.replaceAll(l -> l.id() == location.id() ? location : l);
    }

    /**
     * Shopify's order routing: new orders go to this location (a fulfillment service's, say; null: the primary), and
     * their fulfillment is requested from its service at once when {@code request}.
     */
    public void routeNewOrders(Long locationId, boolean request) {
        routingLocation = locationId;
        routingRequests = request;
    }

    public boolean routingRequests() {
        return routingRequests;
    }

    /** Shopify's order routing sends all of the order to this location (a fulfillment service's, say). */
    public void routeTo(long orderId, long locationId) {
        routedTo.put(orderId, locationId);
    }

    /** The order is to be fulfilled later (a prepaid subscription's next delivery): its fulfillment orders are SCHEDULED. */
    public void scheduleFor(long orderId, java.time.OffsetDateTime fulfillAt) {
        scheduledFor.put(orderId, fulfillAt);
    }

    public Optional<Location> location(long id) {
        return locations.stream().filter(l -> l.id() == id).findFirst();
    }

    /**
     * The order's fulfillment orders, made on first use: its lines that need shipping at the primary location
     * (the first active one that is not a fulfillment service's; split over two, or at the location it was routed
     * to), OPEN, or CANCELLED for a cancelled order.
     */
    public synchronized List<FulfillmentOrder> fulfillmentOrdersOf(ShopOrder order) {
        return fulfillmentOrders.computeIfAbsent(order.id(), id -> {
            Long routed = routedTo.getOrDefault(id, routingLocation);
            List<Location> active = routed != null ? location(routed).stream().toList()
                    : locations.stream().filter(l -> l.active() && !l.fulfillmentService()).toList();
            if (active.isEmpty()) {
                return List.of();
            }
            boolean split = splitAcrossLocations.containsKey(id) && active.size() > 1;
            Map<Long, List<FulfillmentOrder.Line>> byLocation = new java.util.LinkedHashMap<>();
            int index = 0;
            for (LineItem line : order.lineItems()) {
                if (!line.requiresShipping()) {
                    continue;
                }
                long location = active.get(split ? index++ % 2 : 0).id();
                byLocation.computeIfAbsent(location, l -> new ArrayList<>()).add(new FulfillmentOrder.Line(
                        nextId(), line.id(), line.currentQuantity(), line.fulfillableQuantity()));
            }
            List<FulfillmentOrder> made = new ArrayList<>();
            byLocation.forEach((location, lines) -> {
                boolean done = lines.stream().allMatch(l -> l.remainingQuantity() == 0);
                String status = order.cancelledAt() != null ? "CANCELLED" : done ? "CLOSED" : "OPEN";
                FulfillmentOrder fo = new FulfillmentOrder(nextId(), id, location, status, List.copyOf(lines))
                        .at(location, location(location).map(Location::fulfillmentService).orElse(false));
                if ("OPEN".equals(status) && scheduledFor.containsKey(id)) {
                    fo = fo.scheduled(scheduledFor.get(id));
                }
                orderOfFulfillmentOrder.put(fo.id(), id);
                made.add(fo);
            });
            return new CopyOnWriteArrayList<>(made);
        });
    }

    /** Every fulfillment order of the store's orders (made for those that have none yet). */
    public synchronized List<FulfillmentOrder> allFulfillmentOrders() {
        List<FulfillmentOrder> all = new ArrayList<>();
        orders.values().forEach(order -> all.addAll(fulfillmentOrdersOf(order)));
        return all;
    }

    public Optional<Long> orderOfFulfillmentOrder(long fulfillmentOrderId) {
        return Optional.ofNullable(orderOfFulfillmentOrder.get(fulfillmentOrderId));
    }

    public synchronized void replaceFulfillmentOrder(FulfillmentOrder updated) {
        List<FulfillmentOrder> list = fulfillmentOrders.get(updated.orderId());
        list.replaceAll(fo -> fo.id() == updated.id() ? updated : fo);
    }

    /**
     * After an edit, the order's open fulfillment orders follow its lines: a line's remaining quantity is what is
     * left to fulfil of it now, and a line added goes to the first open fulfillment order (a new one at the primary
     * location when none is open), as Shopify assigns added items to a fulfillment order of the order.
     */
    public synchronized void editFulfillmentOrders(ShopOrder edited) {
        List<FulfillmentOrder> orders = fulfillmentOrdersOf(edited);
        java.util.Set<Long> placed = new java.util.HashSet<>();
        for (FulfillmentOrder fo : List.copyOf(orders)) {
            fo.lines().forEach(l -> placed.add(l.lineItemId()));
            if (!fo.status().equals("OPEN") && !fo.status().equals("IN_PROGRESS")) {
                continue;
            }
            List<FulfillmentOrder.Line> lines = fo.lines().stream().map(l -> edited.lineItems().stream()
                    .filter(item -> item.id() == l.lineItemId()).findFirst()
                    .map(item -> new FulfillmentOrder.Line(l.id(), l.lineItemId(), item.currentQuantity(), item.fulfillableQuantity()))
                    .orElse(l)).toList();
            boolean done = lines.stream().allMatch(l -> l.remainingQuantity() == 0);
            replaceFulfillmentOrder(fo.with(done ? "CLOSED" : fo.status(), lines));
        }
        List<FulfillmentOrder.Line> added = edited.lineItems().stream()
                .filter(item -> item.requiresShipping() && !placed.contains(item.id()) && item.fulfillableQuantity() > 0)
                .map(item -> new FulfillmentOrder.Line(nextId(), item.id(), item.currentQuantity(), item.fulfillableQuantity()))
                .toList();
        if (added.isEmpty()) {
            return;
        }
        FulfillmentOrder open = fulfillmentOrdersOf(edited).stream().filter(fo -> fo.status().equals("OPEN")).findFirst().orElse(null);
        if (open != null) {
            List<FulfillmentOrder.Line> lines = new ArrayList<>(open.lines());
            lines.addAll(added);
            replaceFulfillmentOrder(open.with("OPEN", List.copyOf(lines)));
        } else {
            Location primary = locations.stream().filter(l -> l.active() && !l.fulfillmentService()).findFirst().orElse(null);
            if (primary != null) {
                FulfillmentOrder fo = new FulfillmentOrder(nextId(), edited.id(), primary.id(), "OPEN", added);
                orderOfFulfillmentOrder.put(fo.id(), edited.id());
                fulfillmentOrders.get(edited.id()).add(fo);
            }
        }
    }

    /** What a move did: the original as it now is, the one holding the moved items, the one left (or nulls). */
    public record Moved(FulfillmentOrder original, FulfillmentOrder moved, FulfillmentOrder remaining) {
    }

    /**
     * fulfillmentOrderMove (https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentOrderMove): the
     * items (all that remain, or the quantities by fulfillment order line id) go to the new location. A fulfillment
     * order nothing of which was fulfilled and all of which moves is itself reassigned; otherwise the moved items
     * make a new fulfillment order there, and the original keeps what was fulfilled and what stays (closed when
     * nothing stays).
     */
    public synchronized Moved move(FulfillmentOrder fo, Location to, Map<Long, Integer> quantities) {
        Map<Long, Integer> moving = quantities == null ? allRemaining(fo) : quantities;
        boolean whole = fo.lines().stream().allMatch(l -> l.remainingQuantity() == l.totalQuantity()
                && moving.getOrDefault(l.id(), 0) == l.remainingQuantity());
        if (whole) {
            FulfillmentOrder moved = fo.at(to.id(), to.fulfillmentService());
            replaceFulfillmentOrder(moved);
            return new Moved(moved, moved, null);
        }
        FulfillmentOrder created = carveOut(fo, moving, to.id(), to.fulfillmentService(), "OPEN");
        FulfillmentOrder original = find(fo.id());
        return new Moved(original, created, original.remaining() > 0 ? original : null);
    }

    /**
     * fulfillmentOrderSplit: the quantities named go to a new fulfillment order at the same location, the original
     * keeps the rest. The new one is returned; the original is read again by id.
     */
    public synchronized FulfillmentOrder split(FulfillmentOrder fo, Map<Long, Integer> quantities) {
        return carveOut(fo, quantities, fo.locationId(), fo.atFulfillmentService(), fo.status());
    }

    /**
     * fulfillmentOrderMerge: fulfillment orders of one order at one location become the first of them; the others
     * are closed with nothing left in them.
     */
    public synchronized FulfillmentOrder merge(List<FulfillmentOrder> merging) {
        FulfillmentOrder into = merging.get(0);
        Map<Long, FulfillmentOrder.Line> byItem = new java.util.LinkedHashMap<>();
        into.lines().forEach(l -> byItem.put(l.lineItemId(), l));
        for (FulfillmentOrder other : merging.subList(1, merging.size())) {
            for (FulfillmentOrder.Line l : other.lines()) {
                byItem.merge(l.lineItemId(), l, (a, b) -> new FulfillmentOrder.Line(a.id(), a.lineItemId(),
                        a.totalQuantity() + b.totalQuantity(), a.remainingQuantity() + b.remainingQuantity()));
            }
            replaceFulfillmentOrder(other.with("CLOSED", other.lines().stream()
                    .map(l -> new FulfillmentOrder.Line(l.id(), l.lineItemId(), 0, 0)).toList()));
        }
        FulfillmentOrder merged = into.with(into.status(), List.copyOf(byItem.values()));
        replaceFulfillmentOrder(merged);
        return merged;
    }

    /** The fulfillment order of this id as it now is. */
    public synchronized FulfillmentOrder find(long id) {
        Long order = orderOfFulfillmentOrder.get(id);
        return fulfillmentOrders.get(order).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    private static Map<Long, Integer> allRemaining(FulfillmentOrder fo) {
        Map<Long, Integer> all = new java.util.LinkedHashMap<>();
        fo.lines().stream().filter(l -> l.remainingQuantity() > 0).forEach(l -> all.put(l.id(), l.remainingQuantity()));
        return all;
    }

    /** Takes the quantities out of the fulfillment order into a new one; the original is closed when nothing is left. */
    private FulfillmentOrder carveOut(FulfillmentOrder fo, Map<Long, Integer> quantities, long locationId, boolean service,
            String status) {
        List<FulfillmentOrder.Line> kept = new ArrayList<>();
        List<FulfillmentOrder.Line> taken = new ArrayList<>();
        for (FulfillmentOrder.Line l : fo.lines()) {
            int n = Math.min(quantities.getOrDefault(l.id(), 0), l.remainingQuantity());
            kept.add(new FulfillmentOrder.Line(l.id(), l.lineItemId(), l.totalQuantity() - n, l.remainingQuantity() - n));
            if (n > 0) {
                taken.add(new FulfillmentOrder.Line(nextId(), l.lineItemId(), n, n));
            }
        }
        boolean nothingLeft = kept.stream().allMatch(l -> l.remainingQuantity() == 0);
        replaceFulfillmentOrder(fo.with(nothingLeft ? "CLOSED" : fo.status(), List.copyOf(kept)));
        FulfillmentOrder created = new FulfillmentOrder(nextId(), fo.orderId(), locationId, status, List.copyOf(taken),
                "ON_HOLD".equals(status) ? fo.holds() : List.of(), fo.fulfillAt(), service, fo.updatedAt(), "UNSUBMITTED",
                List.of()).with(status, List.copyOf(taken));
        orderOfFulfillmentOrder.put(created.id(), fo.orderId());
        fulfillmentOrders.get(fo.orderId()).add(created);
        return created;
    }

    /** A cancelled order's open fulfillment orders are cancelled with it. */
    public synchronized void cancelFulfillmentOrders(ShopOrder order) {
        fulfillmentOrdersOf(order).forEach(fo -> {
            if (!fo.status().equals("CLOSED")) {
                replaceFulfillmentOrder(fo.with("CANCELLED", fo.lines()));
            }
        });
    }

    public List<Fulfillment> fulfillmentsOf(long orderId) {
        return fulfillments.getOrDefault(orderId, List.of());
    }

    public synchronized void addFulfillment(Fulfillment fulfillment) {
        fulfillments.computeIfAbsent(fulfillment.orderId(), id -> new CopyOnWriteArrayList<>()).add(fulfillment);
        orderOfFulfillment.put(fulfillment.id(), fulfillment.orderId());
    }

    public Optional<Fulfillment> fulfillment(long fulfillmentId) {
        Long orderId = orderOfFulfillment.get(fulfillmentId);
        return orderId == null ? Optional.empty()
                : fulfillmentsOf(orderId).stream().filter(f -> f.id() == fulfillmentId).findFirst();
    }

    public synchronized void replaceFulfillment(Fulfillment updated) {
        fulfillments.get(updated.orderId()).replaceAll(f -> f.id() == updated.id() ? updated : f);
    }

    public Map<Long, Product> products() {
        return products;
    }

    public Map<Long, BulkOperation> bulkOperations() {
        return bulkOperations;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Map<String, Map.Entry<String, Object>> idempotentResults() {
        return idempotentResults;
    }

    /** A product and its variants' inventory items, stocked at every location the store has. */
    public void addProduct(Product product) {
        products.put(product.id(), product);
        for (Product.Variant variant : product.variants()) {
            inventory.addItem(new Inventory.Item(variant.inventoryItemId(), variant.sku(), variant.id(), true));
            for (Location location : locations) {
                inventory.set(variant.inventoryItemId(), location.id(), initialStock(variant));
            }
        }
    }

    /** A new location starts with stock of every item, as a warehouse that was just connected. */
    public void addLocation(Location location) {
        locations.add(location);
        for (Product product : products.values()) {
            for (Product.Variant variant : product.variants()) {
                inventory.set(variant.inventoryItemId(), location.id(), initialStock(variant));
            }
        }
    }

    private static int initialStock(Product.Variant variant) {
        return 10 + (int) Math.floorMod(variant.id(), 90L);
    }

    public List<WebhookSubscription> subscriptionsFor(String graphqlTopic) {
        List<WebhookSubscription> matching = new ArrayList<>();
        for (WebhookSubscription subscription : subscriptions.values()) {
            if (subscription.topic().equals(graphqlTopic)) {
                matching.add(subscription);
            }
        }
        return matching;
    }
}
