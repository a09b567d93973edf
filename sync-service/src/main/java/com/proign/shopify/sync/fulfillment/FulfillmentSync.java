package com.proign.shopify.sync.fulfillment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.settings.TenantSettings;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns a shipment into a Shopify fulfillment (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder): reads the order's fulfillment orders, takes the shipped
 * quantities only from those at the tenant's fulfillment location that allow CREATE_FULFILLMENT, and creates one
 * fulfillment per location with the tracking and the tenant's notify-customer setting. Shopify is asked first
 * whether it already has the shipment (a fulfillment with the same tracking number, or nothing left to fulfil of
 * its lines), so a redelivered or retried request never fulfils twice.
 */
@ApplicationScoped
public class FulfillmentSync {

    private static final Logger LOG = Logger.getLogger(FulfillmentSync.class);

    /** What Shopify now has for the shipment: its fulfillment ids, or why not. */
    public record Result(boolean synced, List<String> fulfillmentIds, String error) {
        static Result synced(List<String> ids) {
            return new Result(true, ids, null);
        }

        static Result failed(String error) {
            return new Result(false, List.of(), error);
        }
    }

    private final ShopifyGraphql shopify;
    private final FulfillmentOrderLines lines;

    public FulfillmentSync(ShopifyGraphql shopify, FulfillmentOrderLines lines) {
        this.shopify = shopify;
        this.lines = lines;
    }

    /** Fulfils the shipment in Shopify, or answers what is already there; transient failures propagate. */
    public Uni<Result> fulfil(FulfillmentRequest request, TenantSettings settings) {
        java.util.Optional<TenantSettings.Feature> off = settings.fulfillmentOff();
        if (off.isPresent()) {
            // not a transient failure: it stays failed until the merchant grants the scopes and retries it
            return Uni.createFrom().item(Result.failed("fulfillment to Shopify is off: " + off.get().why()
                    + ", then retry the shipment"));
        }
        String orderGid = "gid://shopify/Order/" + request.shopifyOrderId();
        return shopify.execute(request.tenant(), "OrderFulfillmentState", new JsonObject().put("id", orderGid), 500)
                .chain(answer -> {
                    JsonObject order = answer.data().getJsonObject("order");
                    if (order == null) {
                        return Uni.createFrom().item(Result.failed("Shopify has no order " + request.shopifyOrderId()
                                + (request.orderNumber() == null ? "" : " (" + request.orderNumber() + ")")));
                    }
                    return lines.completeOrder(request.tenant(), order).chain(() -> fulfil(request, settings, order));
                });
    }

    /** Fulfils against the order as Shopify has it, every line of its fulfillment orders read. */
    private Uni<Result> fulfil(FulfillmentRequest request, TenantSettings settings, JsonObject order) {
        List<String> existing = sameTracking(order, request);
        if (!existing.isEmpty()) {
            LOG.infof("shipment %s of tenant %s is already in Shopify (%s)", request.shipmentId(),
                    request.tenant(), existing);
            return Uni.createFrom().item(Result.synced(existing));
        }
        Allocation allocation = allocate(order, request, settings::shipsAt);
        if (allocation.error() != null) {
            return Uni.createFrom().item(Result.failed(allocation.error()));
        }
        if (allocation.nothingLeft()) {
            return Uni.createFrom().item(Result.synced(List.of()));
        }
        return create(request, settings, allocation.byLocation());
    }

    /** Updates the tracking of fulfillments already created (the tracking update mutation). */
    public Uni<Result> updateTracking(FulfillmentRequest request, TenantSettings settings, List<String> fulfillmentIds) {
        List<Uni<String>> updates = new ArrayList<>();
        for (String id : fulfillmentIds) {
            JsonObject variables = new JsonObject().put("fulfillmentId", id).put("trackingInfoInput", tracking(request))
                    .put("notifyCustomer", settings.notifyCustomer);
            updates.add(shopify.execute(request.tenant(), "FulfillmentTrackingInfoUpdate", variables, 10)
                    .map(answer -> userErrors(answer.data().getJsonObject("fulfillmentTrackingInfoUpdate"))));
        }
        return Uni.join().all(updates).andFailFast().map(errors -> {
            List<String> failures = errors.stream().filter(Objects::nonNull).toList();
            return failures.isEmpty() ? Result.synced(fulfillmentIds) : Result.failed(String.join("; ", failures));
        });
    }

    private Uni<Result> create(FulfillmentRequest request, TenantSettings settings, Map<String, JsonArray> byLocation) {
        List<String> created = new ArrayList<>();
        Uni<String> chain = Uni.createFrom().nullItem();
        for (JsonArray groups : byLocation.values()) {
            chain = chain.chain(previousError -> {
                if (previousError != null) {
                    return Uni.createFrom().item(previousError);
                }
                JsonObject fulfillment = new JsonObject()
                        .put("lineItemsByFulfillmentOrder", groups)
                        .put("notifyCustomer", settings.notifyCustomer);
                JsonObject tracking = tracking(request);
                if (!tracking.isEmpty()) {
                    fulfillment.put("trackingInfo", tracking);
                }
                return shopify.execute(request.tenant(), "FulfillmentCreate", new JsonObject().put("fulfillment", fulfillment), 10)
                        .map(answer -> {
                            JsonObject payload = answer.data().getJsonObject("fulfillmentCreate");
                            String error = userErrors(payload);
                            if (error == null && payload.getJsonObject("fulfillment") != null) {
                                created.add(payload.getJsonObject("fulfillment").getString("id"));
                            }
                            return error;
                        });
            });
        }
        return chain.map(error -> error == null ? Result.synced(created)
                : Result.failed(created.isEmpty() ? error : error + " (created before: " + created + ")"));
    }

    /**
     * Shopify's FulfillmentTrackingInput: the carrier by Shopify's name for it ({@link Carriers}), every parcel's
     * number and URL (https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentTrackingInput).
     */
    static JsonObject tracking(FulfillmentRequest request) {
        JsonObject tracking = new JsonObject();
        String company = Carriers.shopifyName(request.trackingCompany());
        if (company != null) {
            tracking.put("company", company);
        }
        if (!request.trackingNumbers().isEmpty()) {
            tracking.put("numbers", new JsonArray(request.trackingNumbers()));
        }
        if (!request.trackingUrls().isEmpty()) {
            tracking.put("urls", new JsonArray(request.trackingUrls()));
        }
        return tracking;
    }

    /** Shopify's userErrors of a mutation's payload in words, or null when there are none. */
    static String userErrors(JsonObject payload) {
        JsonArray errors = payload == null ? null : payload.getJsonArray("userErrors");
        if (errors == null || errors.isEmpty()) {
            return payload == null ? "Shopify answered without a result" : null;
        }
        return errors.stream().map(e -> ((JsonObject) e).getString("message")).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** Fulfillments that carry one of this shipment's tracking numbers: Shopify already has it. */
    private static List<String> sameTracking(JsonObject order, FulfillmentRequest request) {
        if (request.trackingNumbers().isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        JsonArray fulfillments = order.getJsonArray("fulfillments", new JsonArray());
        for (Object item : fulfillments) {
            JsonObject fulfillment = (JsonObject) item;
            for (Object info : fulfillment.getJsonArray("trackingInfo", new JsonArray())) {
                if (request.trackingNumbers().contains(((JsonObject) info).getString("number"))) {
                    ids.add(fulfillment.getString("id"));
                    break;
                }
            }
        }
        return ids;
    }

    /** The FO line items and quantities per location, nothing left to fulfil at all, or why it cannot be done. */
    record Allocation(Map<String, JsonArray> byLocation, boolean nothingLeft, String error) {
    }

    /**
     * What of the shipment can be fulfilled where the warehouse ships ({@code fulfilsAt}: TenantSettings#shipsAt,
     * given a location and whether a fulfillment service holds it), or why not: what another app's fulfillment
     * service holds is its own to fulfil (never retried), and the warehouse's own service must have accepted the
     * merchant's request first.
     */
    static Allocation allocate(JsonObject order, FulfillmentRequest request, BiPredicate<Long, Boolean> fulfilsAt) {
        // per location: FO id -> its line items to fulfil
        Map<String, Map<String, JsonArray>> plan = new LinkedHashMap<>();
        boolean anyLeft = false;
        for (FulfillmentRequest.Line line : request.lines()) {
            String lineGid = "gid://shopify/LineItem/" + line.shopifyLineItemId();
            int needed = line.quantity();
            int elsewhere = 0;
            int unaccepted = 0;
            // what another app's fulfillment service holds: since 2024-10 only that service may fulfil it
            // (https://shopify.dev/changelog/order-management-apps-can-no-longer-fulfill-orders-that-are-assigned-to-a-different-fulfillment-service)
            Map<String, Integer> byService = new LinkedHashMap<>();
            int remainingTotal = 0;
            boolean onAnyOrder = false;
            for (Object item : order.getJsonObject("fulfillmentOrders").getJsonArray("nodes")) {
                JsonObject fo = (JsonObject) item;
                JsonObject assigned = fo.getJsonObject("assignedLocation", new JsonObject()).getJsonObject("location", new JsonObject());
                String location = assigned.getString("id");
                JsonObject service = assigned.getJsonObject("fulfillmentService");
                boolean ours = fulfilsAt.test(location == null ? null : FulfillmentOrdersState.legacyId(location), service != null);
                boolean creatable = fo.getJsonArray("supportedActions", new JsonArray()).stream()
                        .anyMatch(a -> "CREATE_FULFILLMENT".equals(((JsonObject) a).getString("action")));
                for (Object li : fo.getJsonObject("lineItems").getJsonArray("nodes")) {
                    JsonObject foLine = (JsonObject) li;
                    if (!lineGid.equals(foLine.getJsonObject("lineItem", new JsonObject()).getString("id"))) {
                        continue;
                    }
                    onAnyOrder = true;
                    int remaining = foLine.getInteger("remainingQuantity", 0);
                    remainingTotal += remaining;
                    if (!ours && service != null) {
                        if (remaining > 0) {
                            byService.merge(service.getString("serviceName", "a fulfillment service"), remaining, Integer::sum);
                        }
                        continue;
                    }
                    if (!ours) {
                        elsewhere += remaining;
                        continue;
                    }
                    if (service != null && !creatable && remaining > 0
                            && List.of("UNSUBMITTED", "SUBMITTED", "REJECTED").contains(fo.getString("requestStatus"))) {
                        unaccepted += remaining;
                        continue;
                    }
                    if (!creatable || remaining == 0 || needed == 0) {
                        continue;
                    }
                    int take = Math.min(needed, remaining);
                    needed -= take;
                    plan.computeIfAbsent(location, l -> new LinkedHashMap<>())
                            .computeIfAbsent(fo.getString("id"), f -> new JsonArray())
                            .add(new JsonObject().put("id", foLine.getString("id")).put("quantity", take));
                }
            }
            if (!onAnyOrder) {
                return new Allocation(Map.of(), false, "line item " + line.shopifyLineItemId()
                        + " is on none of the order's fulfillment orders in Shopify");
            }
            anyLeft |= remainingTotal > 0;
            if (needed > 0 && !byService.isEmpty()) {
                return new Allocation(Map.of(), false, "line item " + line.shopifyLineItemId() + ": "
                        + String.join(", ", byService.entrySet().stream().map(e -> e.getValue() + " of it is assigned to the "
                                + "fulfillment service " + e.getKey()).toList())
                        + " in Shopify, and only that service may fulfil it; it is not retried (move it back to the "
                        + "warehouse's location in Shopify, then retry the shipment)");
            }
            if (needed > 0 && unaccepted > 0) {
                return new Allocation(Map.of(), false, "line item " + line.shopifyLineItemId() + ": the merchant's "
                        + "fulfillment request for " + unaccepted + " of it was not accepted by the warehouse's fulfillment "
                        + "service; accept it, then retry the shipment");
            }
            if (needed > 0 && remainingTotal > 0) {
                String where = elsewhere > 0 ? "; " + elsewhere + " of it is assigned to another location than the "
                        + "warehouse's" : "";
                return new Allocation(Map.of(), false, "line item " + line.shopifyLineItemId() + ": Shopify has "
                        + (line.quantity() - needed) + " of " + line.quantity() + " left to fulfil at the fulfillment location"
                        + where);
            }
        }
        if (!anyLeft) {
            // every line is fulfilled already: by an earlier attempt of this request, or in Shopify's admin
            return new Allocation(Map.of(), true, null);
        }
        if (plan.isEmpty()) {
            return new Allocation(Map.of(), false, "nothing of this shipment can be fulfilled at the fulfillment location");
        }
        Map<String, JsonArray> byLocation = new LinkedHashMap<>();
        plan.forEach((location, fos) -> {
            JsonArray groups = new JsonArray();
            fos.forEach((fo, items) -> groups.add(new JsonObject().put("fulfillmentOrderId", fo)
                    .put("fulfillmentOrderLineItems", items)));
            byLocation.put(location, groups);
        });
        return new Allocation(byLocation, false, null);
    }
}
