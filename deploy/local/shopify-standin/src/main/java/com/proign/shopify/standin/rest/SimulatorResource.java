package com.proign.shopify.standin.rest;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.standin.graphql.AdminSchema;
import com.proign.shopify.standin.store.AccessToken;
import com.proign.shopify.standin.store.FulfillmentOrder;
import com.proign.shopify.standin.store.Address;
import com.proign.shopify.standin.store.LineItem;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.OrderGenerator;
import com.proign.shopify.standin.store.Product;
import com.proign.shopify.standin.store.RestPayloads;
import com.proign.shopify.standin.store.ShopOrder;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.StoreRegistry;
import com.proign.shopify.standin.webhooks.DeliveryAttempt;
import com.proign.shopify.standin.webhooks.FulfillmentOrderEvents;
import com.proign.shopify.standin.webhooks.WebhookDispatcher;

/**
 * The stand-in's control API, off Shopify's paths: make stores, tokens, locations and orders, change orders the
 * way a merchant or customer would (each change delivers its webhooks), and read back what was delivered.
 * Bodies and answers are snake_case JSON.
 */
@Path("/_sim/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    private final StoreRegistry stores;
    private final WebhookDispatcher webhooks;
    private final FulfillmentOrderEvents fulfillmentOrderEvents;
    private final SecureRandom random = new SecureRandom();

    public SimulatorResource(StoreRegistry stores, WebhookDispatcher webhooks, FulfillmentOrderEvents fulfillmentOrderEvents) {
        this.stores = stores;
        this.webhooks = webhooks;
        this.fulfillmentOrderEvents = fulfillmentOrderEvents;
    }

    /**
     * A store with the app installed. Optional: name, plan (standard|advanced|plus), scopes, access_token (an
     * admin-made app's permanent token), client_id, client_secret, webhook_secret, token_lifetime_seconds, and
     * large_ids (true: its ids are beyond 2^53; otherwise thirteen digits, as Shopify's are today), compliance_uri
     * (where the app's privacy webhooks go, see {@link #complianceWebhooks}).
     */
    @POST
    @SuppressWarnings("unchecked")
    public Response createStore(Map<String, Object> body) {
        String domain = required(body, "domain");
        if (!domain.matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
            throw bad("domain must look like name.myshopify.com");
        }
        Set<String> scopes = Set.copyOf((List<String>) body.getOrDefault("scopes", List.of(
                "read_orders", "read_all_orders", "read_products", "read_locations", "read_inventory",
                "write_inventory", "read_merchant_managed_fulfillment_orders",
                "write_merchant_managed_fulfillment_orders", "write_fulfillments", "read_assigned_fulfillment_orders",
                "write_assigned_fulfillment_orders")));
        String clientSecret = string(body, "client_secret", "shpss_" + hex());
        Store store;
        try {
            store = stores.create(domain, string(body, "name", domain.substring(0, domain.indexOf('.'))),
                    string(body, "plan", "standard"), string(body, "client_id", hex()), clientSecret,
                    string(body, "webhook_secret", clientSecret),
                    Duration.ofSeconds(((Number) body.getOrDefault("token_lifetime_seconds", 86399)).longValue()),
                    scopes);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error", e.getMessage())).build());
        }
        if (Boolean.TRUE.equals(body.get("large_ids"))) {
            store.useLargeIds();
        }
        if (body.get("compliance_uri") != null) {
            store.compliance(required(body, "compliance_uri"), AdminSchema.VERSION);
        }
        OrderGenerator.stock(store);
        String token = (String) body.get("access_token");
        if (token != null) {
            store.addToken(new AccessToken(token, scopes, null));
        } else {
            token = stores.issueToken(store, "shpat_", scopes, null).value();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("domain", store.domain());
        answer.put("access_token", token);
        answer.put("client_id", store.clientId());
        answer.put("client_secret", store.clientSecret());
        answer.put("webhook_secret", store.webhookSecret());
        answer.put("scopes", scopes.stream().sorted().toList());
        return Response.status(201).entity(answer).build();
    }

    /** Another permanent token of the store's app, with the scopes given (to test missing scopes). */
    @POST
    @Path("/{domain}/tokens")
    @SuppressWarnings("unchecked")
    public Map<String, Object> createToken(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        Set<String> scopes = Set.copyOf((List<String>) body.getOrDefault("scopes", List.of()));
        Number ttl = (Number) body.get("expires_in_seconds");
        AccessToken token = stores.issueToken(store, "shpat_", scopes,
                ttl == null ? null : Instant.now().plusSeconds(ttl.longValue()));
        return Map.of("access_token", token.value(), "scopes", scopes.stream().sorted().toList());
    }

    /**
     * The app's tokens (not revoked; expired ones too), oldest expiry last: what client-credentials grants
     * minted shows as tokens prefixed shpca_.
     */
    @GET
    @Path("/{domain}/tokens")
    public List<Map<String, Object>> tokens(@RestPath String domain) {
        return store(domain).tokens().stream().map(token -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("access_token", token.value());
            view.put("scopes", token.scopes().stream().sorted().toList());
            view.put("expires_at", token.expiresAt() == null ? null : token.expiresAt().toString());
            return view;
        }).toList();
    }

    @POST
    @Path("/{domain}/locations")
    public Response createLocation(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        // {"fulfillment_service": {"handle", "service_name"}}: the location a fulfillment service app made (a 3PL's)
        Map<?, ?> service = body != null && body.get("fulfillment_service") instanceof Map<?, ?> m ? m : null;
        Location location = new Location(store.nextId(), string(body, "name", "Warehouse"),
                !Boolean.FALSE.equals(body.get("active")), true,
                new Address(null, null, null, string(body, "address1", "1 Dock Road"), null,
                        string(body, "city", "Portland"), "Oregon", "OR", "97201", "United States", "US", null),
                service == null ? null : String.valueOf(service.get("handle")),
                service == null ? null : String.valueOf(service.get("service_name")));
        store.addLocation(location);
        return Response.status(201).entity(Map.of("id", location.id(),
                "admin_graphql_api_id", "gid://shopify/Location/" + location.id(), "name", location.name())).build();
    }

    /**
     * One realistic order (seeded when "seed" is given), created now or at "created_at", with "financial_status",
     * with a line to ship when "shippable" is true, with "fulfilled" (all or partial), fulfilled elsewhere already,
     * and with "customer" ({"email", "first_name", "last_name", "phone"}) placed by that customer; delivers
     * orders/create.
     */
    @POST
    @Path("/{domain}/orders")
    public Response createOrder(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        Random seed = body.containsKey("seed") ? new Random(((Number) body.get("seed")).longValue()) : new Random();
        OffsetDateTime created = body.containsKey("created_at")
                ? OffsetDateTime.parse((String) body.get("created_at"))
                : OffsetDateTime.now(ZoneOffset.UTC);
        ShopOrder order = OrderGenerator.one(store, seed, created);
        // "shippable": true asks for an order with a line to ship (the generator now and then makes one of a gift card
        // or gift wrapping only, as shops have)
        while (Boolean.TRUE.equals(body.get("shippable")) && order.lineItems().stream().noneMatch(LineItem::requiresShipping)) {
            order = OrderGenerator.one(store, seed, created);
        }
        if (!body.containsKey("created_at")) {
            order = order.with(created, order.financialStatus(), null, null, null, order.lineItems());
        }
        if (body.containsKey("financial_status")) {
            order = order.with(order.updatedAt(), (String) body.get("financial_status"), null, null, null,
                    order.lineItems());
        }
        if (body.containsKey("fulfilled")) {
            order = order.with(order.updatedAt(), order.financialStatus(), null, null, null,
                    fulfilled(order.lineItems(), (String) body.get("fulfilled")));
        }
        if (body.get("customer") instanceof Map<?, ?> customer) {
            order = placedBy(order, customer);
        }
        store.orders().put(order.id(), order);
        if (Boolean.TRUE.equals(body.get("split_locations"))) {
            store.splitAcrossLocations(order.id());
        }
        if (body.get("location_id") instanceof Number location) {
            // Shopify's order routing assigned it to this location (a fulfillment service's, say)
            store.routeTo(order.id(), location.longValue());
        }
        if (body.get("fulfill_at") instanceof String fulfillAt) {
            store.scheduleFor(order.id(), OffsetDateTime.parse(fulfillAt));
        }
        webhooks.emit(store, "orders/create", RestPayloads.order(order, store.domain()));
        // Shopify routes the new order to its locations: each fulfillment order, then
        // fulfillment_orders/order_routing_complete
        // (https://shopify.dev/docs/api/webhooks/latest?reference=toml#list-of-topics-fulfillment_orders/order_routing_complete)
        for (FulfillmentOrder fo : store.fulfillmentOrdersOf(order)) {
            webhooks.emit(store, "fulfillment_orders/order_routing_complete", RestPayloads.fulfillmentOrderScheduled(fo));
        }
        if (store.routingRequests()) {
            // the merchant's setting to request fulfillment from the service at once
            synchronized (store) {
                for (FulfillmentOrder fo : List.copyOf(store.fulfillmentOrdersOf(order))) {
                    if (fo.supportedActions().contains("REQUEST_FULFILLMENT")) {
                        fulfillmentOrderEvents.request(store, fo, "FULFILLMENT_REQUEST", null, true);
                    }
                }
            }
        }
        return Response.status(201).entity(RestPayloads.order(order, store.domain())).build();
    }

    /** The order as the customer given ({"email", "first_name", "last_name", "phone"}) placed it, shipped to them. */
    private static ShopOrder placedBy(ShopOrder order, Map<?, ?> customer) {
        Address a = order.shippingAddress();
        Object email = customer.get("email");
        if (!(email instanceof String) || ((String) email).isBlank()) {
            throw bad("customer needs an email");
        }
        Address to = new Address(text(customer, "first_name", a.firstName()), text(customer, "last_name", a.lastName()),
                a.company(), a.address1(), a.address2(), a.city(), a.province(), a.provinceCode(), a.zip(), a.country(),
                a.countryCode(), text(customer, "phone", a.phone()));
        return new ShopOrder(order.id(), order.number(), (String) email, order.createdAt(), order.updatedAt(),
                order.cancelledAt(), order.cancelReason(), order.closedAt(), order.financialStatus(), order.currency(), to,
                order.lineItems(), order.note(), order.tags());
    }

    private static String text(Map<?, ?> body, String key, String otherwise) {
        return body.get(key) instanceof String value ? value : otherwise;
    }

    /**
     * An order's lines as if the merchant had already fulfilled them elsewhere: {@code all} of every shipped line, or
     * {@code partial}: one unit of the first shipped line (its quantity raised to two when it is the only unit), so
     * that Shopify's fulfillment_status is fulfilled or partial.
     */
    private static List<LineItem> fulfilled(List<LineItem> lines, String how) {
        List<LineItem> shipped = lines.stream().filter(LineItem::requiresShipping).toList();
        if (shipped.isEmpty() || !(how.equals("all") || how.equals("partial"))) {
            throw bad("fulfilled must be all or partial, on an order with a line to ship");
        }
        List<LineItem> result = new java.util.ArrayList<>();
        boolean first = true;
        for (LineItem line : lines) {
            if (!line.requiresShipping()) {
                result.add(line);
            } else if (how.equals("all")) {
                result.add(line.withFulfilled(line.quantity()));
            } else if (first) {
                LineItem two = shipped.size() == 1 && line.quantity() == 1 ? new LineItem(line.id(), line.variantId(),
                        line.productId(), line.sku(), line.title(), line.variantTitle(), 2, 0, line.price(),
                        line.requiresShipping(), line.giftCard(), line.grams()) : line;
                result.add(two.withFulfilled(1));
            } else {
                result.add(line);
            }
            first = first && !line.requiresShipping();
        }
        return result;
    }

    /** COUNT orders from SEED, created evenly between created_from and created_to; no webhooks (a backfill). */
    @POST
    @Path("/{domain}/orders/generate")
    public Map<String, Object> generate(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        int count = ((Number) body.getOrDefault("count", 100)).intValue();
        if (count < 1 || count > 1_000_000) {
            throw bad("count must be between 1 and 1000000");
        }
        OffsetDateTime to = body.containsKey("created_to") ? OffsetDateTime.parse((String) body.get("created_to"))
                : OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime from = body.containsKey("created_from")
                ? OffsetDateTime.parse((String) body.get("created_from"))
                : to.minusDays(30);
        long started = System.nanoTime();
        List<ShopOrder> orders = OrderGenerator.generate(store, ((Number) body.getOrDefault("seed", 1)).longValue(),
                count, from, to);
        orders.forEach(order -> store.orders().put(order.id(), order));
        return Map.of("generated", orders.size(), "orders_in_store", store.orders().size(),
                "millis", (System.nanoTime() - started) / 1_000_000);
    }

    @GET
    @Path("/{domain}/orders/{id}")
    public Map<String, Object> order(@RestPath String domain, @RestPath long id) {
        Store store = store(domain);
        return RestPayloads.order(order(store, id), store.domain());
    }

    /** Changes an order as the merchant would (financial_status, note); delivers orders/updated. */
    @PATCH
    @Path("/{domain}/orders/{id}")
    public Map<String, Object> updateOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        ShopOrder updated = new ShopOrder(order.id(), order.number(), order.email(), order.createdAt(), later(order),
                order.cancelledAt(), order.cancelReason(), order.closedAt(),
                string(body, "financial_status", order.financialStatus()), order.currency(), order.shippingAddress(),
                order.lineItems(), string(body, "note", order.note()), order.tags());
        store.orders().put(id, updated);
        webhooks.emit(store, "orders/updated", RestPayloads.order(updated, store.domain()));
        return RestPayloads.order(updated, store.domain());
    }

    /**
     * Edits an order as a merchant does in the admin (orderEditBegin … orderEditCommit): {@code set_quantities}
     * [{line_item_id, quantity}] sets lines' current quantities (0 removes a line; a line cannot go below what was
     * fulfilled of it, nor can a fulfilled line be edited), {@code add} [{title, sku, quantity, price,
     * requires_shipping}] adds custom lines. Delivers orders/edited (the edit: line items added and removed, with
     * their deltas) and then orders/updated (the order as it now is), and the open fulfillment orders follow
     * (https://shopify.dev/docs/apps/build/orders-fulfillment/order-management-apps/edit-orders).
     */
    @POST
    @Path("/{domain}/orders/{id}/edit")
    public Map<String, Object> editOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        if (order.cancelledAt() != null) {
            throw bad("a cancelled order cannot be edited");
        }
        Map<Long, Integer> wanted = new java.util.LinkedHashMap<>();
        for (Object item : (List<?>) (body == null ? List.of() : body.getOrDefault("set_quantities", List.of()))) {
            Map<?, ?> change = (Map<?, ?>) item;
            wanted.put(((Number) change.get("line_item_id")).longValue(), ((Number) change.get("quantity")).intValue());
        }
        List<Map<String, Object>> additions = new java.util.ArrayList<>();
        List<Map<String, Object>> removals = new java.util.ArrayList<>();
        List<LineItem> lines = new java.util.ArrayList<>();
        for (LineItem line : order.lineItems()) {
            Integer quantity = wanted.remove(line.id());
            if (quantity == null || quantity == line.currentQuantity()) {
                lines.add(line);
                continue;
            }
            if (quantity < 0 || quantity < line.fulfilledQuantity()) {
                throw bad("line item " + line.id() + " cannot go below the " + line.fulfilledQuantity() + " fulfilled");
            }
            (quantity > line.currentQuantity() ? additions : removals).add(Map.of("id", line.id(),
                    "delta", Math.abs(quantity - line.currentQuantity())));
            lines.add(line.withCurrentQuantity(quantity));
        }
        if (!wanted.isEmpty()) {
            throw bad("the order has no line item " + wanted.keySet().iterator().next());
        }
        for (Object item : (List<?>) (body == null ? List.of() : body.getOrDefault("add", List.of()))) {
            Map<?, ?> add = (Map<?, ?>) item;
            int quantity = ((Number) add.get("quantity")).intValue();
            if (quantity < 1) {
                throw bad("an added line needs a quantity of at least 1");
            }
            LineItem line = new LineItem(store.nextId(), null, null, (String) add.get("sku"), (String) add.get("title"), null,
                    quantity, 0, new java.math.BigDecimal(String.valueOf(add.get("price") == null ? "0.00" : add.get("price"))),
                    !Boolean.FALSE.equals(add.get("requires_shipping")), false, 0);
            lines.add(line);
            additions.add(Map.of("id", line.id(), "delta", quantity));
        }
        if (additions.isEmpty() && removals.isEmpty()) {
            throw bad("the edit changes nothing");
        }
        OffsetDateTime at = later(order);
        ShopOrder edited = order.with(at, order.financialStatus(), null, null, order.closedAt(), List.copyOf(lines));
        store.orders().put(id, edited);
        store.editFulfillmentOrders(edited);
        Map<String, Object> edit = new java.util.LinkedHashMap<>();
        edit.put("id", store.nextId());
        edit.put("app_id", null);
        edit.put("created_at", at.toString());
        edit.put("notify_customer", false);
        edit.put("order_id", id);
        edit.put("staff_note", "");
        edit.put("user_id", null);
        edit.put("line_items", Map.of("additions", additions, "removals", removals));
        webhooks.emit(store, "orders/edited", Map.of("order_edit", edit));
        Map<String, Object> payload = RestPayloads.order(edited, store.domain());
        webhooks.emit(store, "orders/updated", payload);
        return payload;
    }

    /**
     * Refunds line items as a merchant does before they ship ({@code refund_line_items} [{line_item_id, quantity}],
     * restock type cancel): the refunded units leave the order (its current quantity, and so what is left to fulfil),
     * the financial status becomes partially_refunded or, when nothing is left, refunded. Delivers refunds/create (the
     * refund) and then orders/updated, and the open fulfillment orders follow
     * (https://shopify.dev/docs/api/admin-rest/latest/resources/refund).
     */
    @POST
    @Path("/{domain}/orders/{id}/refund")
    public Map<String, Object> refundOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        Map<Long, Integer> refunded = new java.util.LinkedHashMap<>();
        for (Object item : (List<?>) (body == null ? List.of() : body.getOrDefault("refund_line_items", List.of()))) {
            Map<?, ?> line = (Map<?, ?>) item;
            refunded.merge(((Number) line.get("line_item_id")).longValue(), ((Number) line.get("quantity")).intValue(), Integer::sum);
        }
        if (refunded.isEmpty()) {
            throw bad("refund_line_items is required");
        }
        List<LineItem> lines = new java.util.ArrayList<>();
        List<Map<String, Object>> refundLines = new java.util.ArrayList<>();
        for (LineItem line : order.lineItems()) {
            Integer quantity = refunded.remove(line.id());
            if (quantity == null) {
                lines.add(line);
                continue;
            }
            if (quantity < 1 || quantity > line.fulfillableQuantity()) {
                throw bad("line item " + line.id() + " has " + line.fulfillableQuantity() + " unfulfilled to refund, not " + quantity);
            }
            lines.add(line.withCurrentQuantity(line.currentQuantity() - quantity));
            refundLines.add(Map.of("id", store.nextId(), "line_item_id", line.id(), "quantity", quantity,
                    "restock_type", "cancel", "subtotal", line.price().multiply(java.math.BigDecimal.valueOf(quantity)).toPlainString()));
        }
        if (!refunded.isEmpty()) {
            throw bad("the order has no line item " + refunded.keySet().iterator().next());
        }
        boolean nothingLeft = lines.stream().allMatch(l -> l.currentQuantity() == 0);
        OffsetDateTime at = later(order);
        ShopOrder after = order.with(at, nothingLeft ? "refunded" : "partially_refunded", null, null, order.closedAt(),
                List.copyOf(lines));
        store.orders().put(id, after);
        store.editFulfillmentOrders(after);
        Map<String, Object> refund = new java.util.LinkedHashMap<>();
        refund.put("id", store.nextId());
        refund.put("order_id", id);
        refund.put("created_at", at.toString());
        refund.put("note", body.get("note"));
        refund.put("restock", true);
        refund.put("refund_line_items", refundLines);
        webhooks.emit(store, "refunds/create", refund);
        Map<String, Object> payload = RestPayloads.order(after, store.domain());
        webhooks.emit(store, "orders/updated", payload);
        return payload;
    }

    /** Cancels an order; delivers orders/cancelled and orders/updated, one merchant action (one event id). */
    @POST
    @Path("/{domain}/orders/{id}/cancel")
    public Map<String, Object> cancelOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        OffsetDateTime at = later(order);
        ShopOrder cancelled = order.with(at, order.financialStatus(), at,
                string(body == null ? Map.of() : body, "reason", "customer"), at, order.lineItems());
        store.orders().put(id, cancelled);
        store.cancelFulfillmentOrders(cancelled);
        String event = UUID.randomUUID().toString();
        Map<String, Object> payload = RestPayloads.order(cancelled, store.domain());
        webhooks.emit(store, "orders/cancelled", payload, event);
        webhooks.emit(store, "orders/updated", payload, event);
        return payload;
    }

    private static final Set<String> HOLD_REASONS = Set.of("AWAITING_PAYMENT", "AWAITING_RETURN_ITEMS", "HIGH_RISK_OF_FRAUD",
            "INCORRECT_ADDRESS", "INVENTORY_OUT_OF_STOCK", "ONLINE_STORE_POST_PURCHASE_CROSS_SELL", "OTHER",
            "UNKNOWN_DELIVERY_DATE");

    /**
     * The merchant holds the order in the admin ({"reason": FulfillmentHoldReason, "notes": ...}): each of its
     * fulfillment orders that can be held is, and fulfillment_orders/placed_on_hold is delivered for each.
     */
    @POST
    @Path("/{domain}/orders/{id}/hold")
    public Map<String, Object> holdOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        String reason = required(body, "reason");
        if (!HOLD_REASONS.contains(reason)) {
            throw bad("reason must be one of " + HOLD_REASONS.stream().sorted().toList());
        }
        List<FulfillmentOrder> held = new java.util.ArrayList<>();
        synchronized (store) {
            for (FulfillmentOrder fo : store.fulfillmentOrdersOf(order)) {
                if (fo.supportedActions().contains("HOLD")) {
                    FulfillmentOrder.Hold hold = new FulfillmentOrder.Hold(store.nextId(), reason, string(body, "notes", null), null, false);
                    List<FulfillmentOrder.Hold> holds = new java.util.ArrayList<>(fo.holds());
                    holds.add(hold);
                    FulfillmentOrder now = fo.withHolds(holds);
                    store.replaceFulfillmentOrder(now);
                    webhooks.emit(store, "fulfillment_orders/placed_on_hold", RestPayloads.fulfillmentOrderHeld(now, hold));
                    held.add(now);
                }
            }
        }
        if (held.isEmpty()) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the order has no fulfillment order that can be held")).build());
        }
        return Map.of("fulfillment_orders", held);
    }

    /** The merchant releases their holds on the order: fulfillment_orders/hold_released for each fulfillment order. */
    @POST
    @Path("/{domain}/orders/{id}/release-hold")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> releaseOrderHold(@RestPath String domain, @RestPath long id) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        List<FulfillmentOrder> released = new java.util.ArrayList<>();
        synchronized (store) {
            for (FulfillmentOrder fo : store.fulfillmentOrdersOf(order)) {
                if (fo.holds().stream().anyMatch(h -> !h.byApp())) {
                    FulfillmentOrder now = fo.withHolds(fo.holds().stream().filter(FulfillmentOrder.Hold::byApp).toList());
                    store.replaceFulfillmentOrder(now);
                    webhooks.emit(store, "fulfillment_orders/hold_released", RestPayloads.fulfillmentOrderReleased(now));
                    released.add(now);
                }
            }
        }
        return Map.of("fulfillment_orders", released);
    }

    /**
     * The merchant moves the order's items to another location in the admin ({"to_location_id", "line_items":
     * [{"line_item_id", "quantity"}]}, all that remains when no line_items): each fulfillment order holding them that
     * can be moved is, and fulfillment_orders/moved is delivered for each.
     */
    @POST
    @Path("/{domain}/orders/{id}/move")
    public Map<String, Object> moveOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        if (!(body != null && body.get("to_location_id") instanceof Number to)) {
            throw bad("to_location_id is required");
        }
        Location destination = store.location(to.longValue()).orElseThrow(() -> bad("no location " + to));
        Map<Long, Integer> wanted = lineItemQuantities(body);
        List<Object> moved = new java.util.ArrayList<>();
        synchronized (store) {
            for (FulfillmentOrder fo : List.copyOf(store.fulfillmentOrdersOf(order))) {
                if (!fo.supportedActions().contains("MOVE") || fo.locationId() == destination.id()) {
                    continue;
                }
                Map<Long, Integer> quantities = wanted == null ? null : take(fo, wanted);
                if (quantities != null && quantities.isEmpty()) {
                    continue;
                }
                moved.add(fulfillmentOrderEvents.move(store, fo, destination, quantities).moved());
            }
        }
        if (moved.isEmpty()) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the order has nothing that can be moved there")).build());
        }
        return Map.of("fulfillment_orders", moved);
    }

    /**
     * The merchant splits items off the order's fulfillment order into a new one at the same location
     * ({"line_items": [{"line_item_id", "quantity"}]}); fulfillment_orders/split is delivered.
     */
    @POST
    @Path("/{domain}/orders/{id}/split")
    public Map<String, Object> splitOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        Map<Long, Integer> wanted = lineItemQuantities(body);
        if (wanted == null || wanted.isEmpty()) {
            throw bad("line_items is required");
        }
        synchronized (store) {
            for (FulfillmentOrder fo : List.copyOf(store.fulfillmentOrdersOf(order))) {
                if (fo.supportedActions().contains("SPLIT")) {
                    Map<Long, Integer> quantities = take(fo, wanted);
                    if (!quantities.isEmpty() && quantities.values().stream().mapToInt(Integer::intValue).sum() < fo.remaining()) {
                        return Map.of("fulfillment_order", fulfillmentOrderEvents.split(store, fo, quantities));
                    }
                }
            }
        }
        throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                "no fulfillment order of the order can be split that way")).build());
    }

    /** The merchant merges the order's open fulfillment orders at one location; fulfillment_orders/merged is delivered. */
    @POST
    @Path("/{domain}/orders/{id}/merge")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> mergeOrder(@RestPath String domain, @RestPath long id) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        synchronized (store) {
            Map<Long, List<FulfillmentOrder>> byLocation = new LinkedHashMap<>();
            store.fulfillmentOrdersOf(order).stream().filter(fo -> fo.status().equals("OPEN"))
                    .forEach(fo -> byLocation.computeIfAbsent(fo.locationId(), l -> new java.util.ArrayList<>()).add(fo));
            for (List<FulfillmentOrder> same : byLocation.values()) {
                if (same.size() > 1) {
                    return Map.of("fulfillment_order", fulfillmentOrderEvents.merge(store, same));
                }
            }
        }
        throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                "the order has no two open fulfillment orders at one location")).build());
    }

    /**
     * The order's scheduled fulfillment orders get a new date ({"fulfill_at"}; fulfillment_orders/rescheduled), or,
     * with {"open": true}, their date came (fulfillment_orders/scheduled_fulfillment_order_ready).
     */
    @POST
    @Path("/{domain}/orders/{id}/reschedule")
    public Map<String, Object> rescheduleOrder(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        boolean open = body != null && Boolean.TRUE.equals(body.get("open"));
        OffsetDateTime at = open ? null : OffsetDateTime.parse(required(body, "fulfill_at"));
        List<FulfillmentOrder> changed = new java.util.ArrayList<>();
        synchronized (store) {
            for (FulfillmentOrder fo : List.copyOf(store.fulfillmentOrdersOf(order))) {
                if (fo.status().equals("SCHEDULED")) {
                    changed.add(open ? fulfillmentOrderEvents.open(store, fo) : fulfillmentOrderEvents.reschedule(store, fo, at));
                }
            }
        }
        if (changed.isEmpty()) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the order has no scheduled fulfillment order")).build());
        }
        return Map.of("fulfillment_orders", changed);
    }

    /**
     * Shopify's order routing for new orders ({"location_id": a location, a fulfillment service's say, or null for the
     * primary; "request_fulfillment": true to request fulfillment from the service at once, as a merchant's setting
     * does).
     */
    @PUT
    @Path("/{domain}/routing")
    public Map<String, Object> routing(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        Long location = body != null && body.get("location_id") instanceof Number n ? n.longValue() : null;
        if (location != null && store.location(location).isEmpty()) {
            throw bad("no location " + location);
        }
        boolean request = body != null && Boolean.TRUE.equals(body.get("request_fulfillment"));
        store.routeNewOrders(location, request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("location_id", location);
        answer.put("request_fulfillment", request);
        return answer;
    }

    /**
     * The merchant requests fulfillment from the fulfillment service the order is assigned to ({"message"}):
     * fulfillment_orders/fulfillment_request_submitted for each fulfillment order that can be requested.
     */
    @POST
    @Path("/{domain}/orders/{id}/request-fulfillment")
    public Map<String, Object> requestFulfillment(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        return request(domain, id, "FULFILLMENT_REQUEST", "REQUEST_FULFILLMENT", string(body, "message", null));
    }

    /**
     * The merchant asks the fulfillment service to cancel what it accepted ({"message"}):
     * fulfillment_orders/cancellation_request_submitted for each fulfillment order it accepted.
     */
    @POST
    @Path("/{domain}/orders/{id}/request-cancellation")
    public Map<String, Object> requestCancellation(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        return request(domain, id, "CANCELLATION_REQUEST", "REQUEST_CANCELLATION", string(body, "message", null));
    }

    private Map<String, Object> request(String domain, long id, String kind, String action, String message) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        List<FulfillmentOrder> requested = new java.util.ArrayList<>();
        synchronized (store) {
            for (FulfillmentOrder fo : List.copyOf(store.fulfillmentOrdersOf(order))) {
                if (fo.supportedActions().contains(action)) {
                    requested.add(fulfillmentOrderEvents.request(store, fo, kind, message, true));
                }
            }
        }
        if (requested.isEmpty()) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the order has no fulfillment order a fulfillment service can be asked that")).build());
        }
        return Map.of("fulfillment_orders", requested);
    }

    /** {"line_items": [{"line_item_id", "quantity"}]} by line item id, or null without line_items. */
    private static Map<Long, Integer> lineItemQuantities(Map<String, Object> body) {
        if (body == null || !(body.get("line_items") instanceof List<?> items)) {
            return null;
        }
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m && m.get("line_item_id") instanceof Number line
                    && m.get("quantity") instanceof Number quantity && quantity.intValue() > 0)) {
                throw bad("each of line_items needs line_item_id and a quantity above 0");
            }
            wanted.merge(line.longValue(), quantity.intValue(), Integer::sum);
        }
        return wanted;
    }

    /** Of what is wanted by line item, what this fulfillment order holds, by its own line ids; taken off {@code wanted}. */
    private static Map<Long, Integer> take(FulfillmentOrder fo, Map<Long, Integer> wanted) {
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        for (FulfillmentOrder.Line line : fo.lines()) {
            int n = Math.min(wanted.getOrDefault(line.lineItemId(), 0), line.remainingQuantity());
            if (n > 0) {
                quantities.put(line.id(), n);
                wanted.merge(line.lineItemId(), -n, Integer::sum);
            }
        }
        return quantities;
    }

    /** Removes the app: tokens revoked, subscriptions gone, app/uninstalled delivered first. */
    @POST
    @Path("/{domain}/uninstall")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> uninstall(@RestPath String domain) {
        Store store = store(domain);
        webhooks.emit(store, "app/uninstalled", Map.of("id", Math.abs((long) store.domain().hashCode()),
                "name", store.name(), "domain", store.domain(), "myshopify_domain", store.domain()));
        store.uninstall();
        return Map.of("uninstalled", store.domain());
    }

    /**
     * The app's compliance webhook URI and API version ({"uri": ..., "api_version": ...}), which Shopify takes from
     * the app's configuration (compliance_topics in shopify.app.toml), never from the Admin API:
     * https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
     */
    @PUT
    @Path("/{domain}/compliance-webhooks")
    public Map<String, Object> complianceWebhooks(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        String uri = required(body, "uri");
        if (!uri.startsWith("https://") && !uri.startsWith("http://")) {
            throw bad("uri must be an http(s) URL");
        }
        store.compliance(uri, string(body, "api_version", AdminSchema.VERSION));
        return Map.of("uri", uri, "api_version", store.complianceApiVersion());
    }

    /**
     * A customer asked the merchant to erase their data ({"email": ...}): customers/redact with the customer and
     * the ids of their orders, as Shopify sends it (10 days after the request, or 6 months after the last order).
     */
    @POST
    @Path("/{domain}/customers/redact")
    public Response customerRedact(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        String email = required(body, "email");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("shop_id", shopId(store));
        payload.put("shop_domain", store.domain());
        payload.put("customer", customer(store, email));
        payload.put("orders_to_redact", ordersOf(store, email));
        return compliance(store, "customers/redact", payload);
    }

    /**
     * A customer asked the merchant for their data ({"email": ...}): customers/data_request with the orders
     * requested and the request's id.
     */
    @POST
    @Path("/{domain}/customers/data_request")
    public Response customerDataRequest(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        String email = required(body, "email");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("shop_id", shopId(store));
        payload.put("shop_domain", store.domain());
        payload.put("orders_requested", ordersOf(store, email));
        payload.put("customer", customer(store, email));
        payload.put("data_request", Map.of("id", store.nextId()));
        return compliance(store, "customers/data_request", payload);
    }

    /**
     * shop/redact, which Shopify sends 48 hours after the app was uninstalled (at once here): refused while the
     * app is installed, as Shopify never sends it then.
     */
    @POST
    @Path("/{domain}/redact")
    @Consumes(MediaType.WILDCARD)
    public Response shopRedact(@RestPath String domain) {
        Store store = store(domain);
        if (store.installed()) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the app is installed: Shopify sends shop/redact 48 hours after it is uninstalled")).build());
        }
        return compliance(store, "shop/redact", Map.of("shop_id", shopId(store), "shop_domain", store.domain()));
    }

    private Response compliance(Store store, String topic, Map<String, Object> payload) {
        if (!webhooks.emitCompliance(store, topic, payload)) {
            throw new WebApplicationException(Response.status(409).entity(Map.of("error",
                    "the app has no compliance webhook URI: PUT /_sim/stores/" + store.domain() + "/compliance-webhooks")).build());
        }
        Map<String, Object> answer = new LinkedHashMap<>(payload);
        answer.put("topic", topic);
        return Response.accepted(answer).build();
    }

    private static long shopId(Store store) {
        return Math.abs((long) store.domain().hashCode());
    }

    private static Map<String, Object> customer(Store store, String email) {
        String phone = store.orders().values().stream().filter(o -> email.equalsIgnoreCase(o.email()))
                .map(o -> o.shippingAddress() == null ? null : o.shippingAddress().phone())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", ShopOrder.customerIdOf(email));
        customer.put("email", email);
        customer.put("phone", phone);
        return customer;
    }

    private static List<Long> ordersOf(Store store, String email) {
        return store.orders().values().stream().filter(o -> email.equalsIgnoreCase(o.email()))
                .map(ShopOrder::id).sorted().toList();
    }

    /** What the app reported shipped: fulfillments with tracking, and what is left on each fulfillment order. */
    @GET
    @Path("/{domain}/orders/{id}/fulfillments")
    public Map<String, Object> fulfillments(@RestPath String domain, @RestPath long id) {
        Store store = store(domain);
        ShopOrder order = order(store, id);
        return Map.of(
                "fulfillments", store.fulfillmentsOf(id).stream().map(f -> RestPayloads.fulfillment(f, order)).toList(),
                "fulfillment_orders", store.fulfillmentOrdersOf(order));
    }

    /** A product: {"title": ..., "variants": [{"sku": ..., "title": ..., "price": "9.99"}]}; delivers products/create. */
    @POST
    @Path("/{domain}/products")
    @SuppressWarnings("unchecked")
    public Response createProduct(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        String title = required(body, "title");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) body.getOrDefault("variants", List.of(Map.of()));
        Product product = new Product(store.nextId(), title, title.toLowerCase().replaceAll("[^a-z0-9]+", "-"), "ACTIVE",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                variants.stream().map(v -> new Product.Variant(store.nextId(), (String) v.get("sku"),
                        string(v, "title", "Default Title"), new java.math.BigDecimal(string(v, "price", "0.00")),
                        store.nextId(), 100)).toList());
        store.addProduct(product);
        webhooks.emit(store, "products/create", RestPayloads.product(product));
        return Response.status(201).entity(RestPayloads.product(product)).build();
    }

    /** Renames a product or changes a variant's SKU or price ({"title"}, {"variants": [{"id", "sku", "price"}]}); delivers products/update. */
    @PATCH
    @Path("/{domain}/products/{id}")
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateProduct(@RestPath String domain, @RestPath long id, Map<String, Object> body) {
        Store store = store(domain);
        Product product = store.products().get(id);
        if (product == null) {
            throw new WebApplicationException(Response.status(404).entity(Map.of("error", "no product " + id)).build());
        }
        Map<Long, Map<String, Object>> changes = new java.util.HashMap<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) body.getOrDefault("variants", List.of())) {
            changes.put(((Number) v.get("id")).longValue(), v);
        }
        Product updated = new Product(product.id(), string(body, "title", product.title()), product.handle(),
                product.status(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                product.variants().stream().map(v -> {
                    Map<String, Object> change = changes.get(v.id());
                    return change == null ? v : new Product.Variant(v.id(), string(change, "sku", v.sku()),
                            string(change, "title", v.title()),
                            new java.math.BigDecimal(string(change, "price", v.price().toPlainString())),
                            v.inventoryItemId(), v.grams());
                }).toList());
        store.products().put(id, updated);
        webhooks.emit(store, "products/update", RestPayloads.product(updated));
        return RestPayloads.product(updated);
    }

    /** Stock as the merchant counts it in Shopify: {"inventory_item_id", "location_id", "available"}; delivers inventory_levels/update. */
    @PUT
    @Path("/{domain}/inventory")
    public Map<String, Object> setInventory(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        long item = ((Number) body.get("inventory_item_id")).longValue();
        long location = ((Number) body.get("location_id")).longValue();
        if (store.inventory().item(item).isEmpty() || store.locations().stream().noneMatch(l -> l.id() == location)) {
            throw bad("unknown inventory item or location");
        }
        var level = store.inventory().set(item, location, ((Number) body.get("available")).intValue());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inventory_item_id", level.itemId());
        payload.put("location_id", level.locationId());
        payload.put("available", level.available());
        payload.put("updated_at", level.updatedAt().toString());
        webhooks.emit(store, "inventory_levels/update", payload);
        return payload;
    }

    /** Every inventory level: what inventory sync pushed, as Shopify now holds it. */
    @GET
    @Path("/{domain}/inventory")
    public List<Map<String, Object>> inventory(@RestPath String domain) {
        Store store = store(domain);
        return store.inventory().items().values().stream()
                .flatMap(item -> store.inventory().levelsOf(item.id()).stream().map(level -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("inventory_item_id", item.id());
                    row.put("sku", item.sku());
                    row.put("location_id", level.locationId());
                    row.put("available", level.available());
                    row.put("updated_at", level.updatedAt().toString());
                    return row;
                }))
                .toList();
    }

    @GET
    @Path("/{domain}/deliveries")
    public List<DeliveryAttempt> deliveries(@RestPath String domain) {
        return webhooks.attempts(store(domain));
    }

    /** Test switches: {"duplicate": bool, "delay_millis": n, "hold": bool}. */
    @PUT
    @Path("/{domain}/webhook-behaviour")
    public WebhookDispatcher.Behaviour behave(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        WebhookDispatcher.Behaviour behaviour = new WebhookDispatcher.Behaviour(
                Boolean.TRUE.equals(body.get("duplicate")),
                ((Number) body.getOrDefault("delay_millis", 0)).longValue(),
                Boolean.TRUE.equals(body.get("hold")));
        webhooks.behave(store, behaviour);
        return behaviour;
    }

    /** Sends the held deliveries, in reverse order when {"reverse": true}. */
    @POST
    @Path("/{domain}/webhooks/release")
    public Map<String, Object> release(@RestPath String domain, Map<String, Object> body) {
        Store store = store(domain);
        webhooks.behave(store, new WebhookDispatcher.Behaviour(webhooks.behaviour(store).duplicate(),
                webhooks.behaviour(store).delayMillis(), false));
        return Map.of("released", webhooks.release(store, body != null && Boolean.TRUE.equals(body.get("reverse"))));
    }

    private Store store(String domain) {
        return stores.byDomain(domain).orElseThrow(() -> new WebApplicationException(
                Response.status(404).entity(Map.of("error", "no store " + domain)).build()));
    }

    private static ShopOrder order(Store store, long id) {
        ShopOrder order = store.orders().get(id);
        if (order == null) {
            throw new WebApplicationException(Response.status(404).entity(Map.of("error", "no order " + id)).build());
        }
        return order;
    }

    /** A change's updated_at: now, and always after the previous one. */
    /** A newer updated_at than the order's, in Shopify's whole seconds (two changes within a second are a second apart). */
    private static OffsetDateTime later(ShopOrder order) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return now.isAfter(order.updatedAt()) ? now : order.updatedAt().plusSeconds(1);
    }

    private String hex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String required(Map<String, Object> body, String key) {
        Object value = body == null ? null : body.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw bad(key + " is required");
        }
        return s;
    }

    private static String string(Map<String, Object> body, String key, String fallback) {
        Object value = body == null ? null : body.get(key);
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }

    private static WebApplicationException bad(String message) {
        return new WebApplicationException(Response.status(400).entity(Map.of("error", message)).build());
    }
}
