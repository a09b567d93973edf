package com.proign.shopify.standin.graphql;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.standin.store.Address;
import com.proign.shopify.standin.store.FulfillmentOrder;
import com.proign.shopify.standin.store.FulfillmentService;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.webhooks.FulfillmentOrderEvents;

import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;

/**
 * The app as a fulfillment service (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps):
 * it registers a service (and gets a location of its own), reads the fulfillment orders assigned to it by
 * assignment status, accepts or rejects the merchant's fulfillment requests, and accepts or rejects cancellation
 * requests; Shopify refuses an answer to a request that is not pending, and any of it for another app's service.
 */
@ApplicationScoped
class FulfillmentServiceFields {

    static final String SERVICE_SCOPE = "write_fulfillments";
    static final String READ_ASSIGNED = "read_assigned_fulfillment_orders";
    static final String WRITE_ASSIGNED = "write_assigned_fulfillment_orders";

    private final FulfillmentOrderEvents events;

    FulfillmentServiceFields(FulfillmentOrderEvents events) {
        this.events = events;
    }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("QueryRoot", type -> type
                .dataFetcher("assignedFulfillmentOrders", env -> {
                    StandInContext context = StandInContext.of(env);
                    if (!context.token().grants(READ_ASSIGNED)) {
                        return StandInContext.denied(env, READ_ASSIGNED);
                    }
                    Store store = context.store();
                    Object status = env.getArgument("assignmentStatus");
                    List<String> locationIds = env.getArgument("locationIds");
                    List<FulfillmentOrder> list = store.allFulfillmentOrders().stream()
                            .filter(fo -> ours(store, fo))
                            .filter(fo -> locationIds == null || locationIds.contains(GraphqlViews.gid("Location", fo.locationId())))
                            .filter(fo -> status == null || matches(String.valueOf(status), fo))
                            .sorted(java.util.Comparator.comparingLong(FulfillmentOrder::id)).toList();
                    return Connections.page(env, "FulfillmentOrderConnection", list, fo -> Long.toString(fo.id()),
                            fo -> FulfillmentFields.view(store, fo));
                })
                .dataFetcher("fulfillmentService", env -> {
                    Store store = StandInContext.of(env).store();
                    Long id = GraphqlViews.idOf("FulfillmentService", env.getArgument("id"));
                    return id == null ? null : store.service(id).map(s -> view(store, s)).orElse(null);
                }));
        wiring.type("Shop", type -> type.dataFetcher("fulfillmentServices", env -> {
            Store store = StandInContext.of(env).store();
            return store.services().stream().map(s -> view(store, s)).toList();
        }));
        wiring.type("FulfillmentOrder", type -> type.dataFetcher("merchantRequests", env -> {
            FulfillmentOrder fo = (FulfillmentOrder) ((Map<?, ?>) env.getSource()).get(GraphqlViews.SOURCE);
            Object kind = env.getArgument("kind");
            List<FulfillmentOrder.MerchantRequest> list = fo.requests().stream()
                    .filter(r -> kind == null || r.kind().equals(String.valueOf(kind))).toList();
            return Connections.page(env, "FulfillmentOrderMerchantRequestConnection", list, r -> Long.toString(r.id()),
                    r -> requestView(r));
        }));
        wiring.type("Mutation", type -> type
                .dataFetcher("fulfillmentServiceCreate", create())
                .dataFetcher("fulfillmentServiceUpdate", update())
                .dataFetcher("fulfillmentServiceDelete", delete())
                .dataFetcher("fulfillmentOrderAcceptFulfillmentRequest", answer("FULFILLMENT_REQUEST", "SUBMITTED", "IN_PROGRESS",
                        "ACCEPTED", "fulfillment_orders/fulfillment_request_accepted", "Cannot accept fulfillment request for the fulfillment order."))
                .dataFetcher("fulfillmentOrderRejectFulfillmentRequest", answer("FULFILLMENT_REQUEST", "SUBMITTED", "OPEN",
                        "REJECTED", "fulfillment_orders/fulfillment_request_rejected", "Cannot reject fulfillment request for the fulfillment order."))
                .dataFetcher("fulfillmentOrderAcceptCancellationRequest", answer("CANCELLATION_REQUEST", "CANCELLATION_REQUESTED",
                        "CANCELLED", "CANCELLATION_ACCEPTED", "fulfillment_orders/cancellation_request_accepted",
                        "Cannot accept cancellation request for the fulfillment order."))
                .dataFetcher("fulfillmentOrderRejectCancellationRequest", answer("CANCELLATION_REQUEST", "CANCELLATION_REQUESTED",
                        "IN_PROGRESS", "CANCELLATION_REJECTED", "fulfillment_orders/cancellation_request_rejected",
                        "Cannot reject cancellation request for the fulfillment order.")));
    }

    /** Assigned to a location of a fulfillment service this app registered. */
    static boolean ours(Store store, FulfillmentOrder fo) {
        return store.location(fo.locationId()).map(Location::ownedByApp).orElse(false);
    }

    /** FulfillmentOrderAssignmentStatus against the request's status. */
    private static boolean matches(String assignment, FulfillmentOrder fo) {
        return switch (assignment) {
            case "FULFILLMENT_REQUESTED" -> "SUBMITTED".equals(fo.requestStatus()) && "OPEN".equals(fo.status());
            case "FULFILLMENT_ACCEPTED" -> List.of("ACCEPTED", "CANCELLATION_REJECTED").contains(fo.requestStatus())
                    && "IN_PROGRESS".equals(fo.status());
            case "CANCELLATION_REQUESTED" -> "CANCELLATION_REQUESTED".equals(fo.requestStatus());
            case "FULFILLMENT_UNSUBMITTED" -> "UNSUBMITTED".equals(fo.requestStatus()) && "OPEN".equals(fo.status());
            default -> false;
        };
    }

    /** fulfillmentServiceCreate: the service and its location; a name already taken is refused. */
    private DataFetcher<Object> create() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants(SERVICE_SCOPE)) {
                return StandInContext.denied(env, SERVICE_SCOPE);
            }
            Store store = context.store();
            String name = env.getArgument("name");
            synchronized (store) {
                if (name == null || name.isBlank()) {
                    return servicePayload(null, List.of(GraphqlViews.userError(List.of("name"), "Name can't be blank")));
                }
                if (store.services().stream().anyMatch(s -> s.name().equalsIgnoreCase(name.strip()))) {
                    return servicePayload(null, List.of(GraphqlViews.userError(List.of("name"), "Name has already been taken")));
                }
                long locationId = store.nextId();
                store.addLocation(new Location(locationId, name.strip(), true, true,
                        new Address(null, null, null, "1 Dock Road", null, "Portland", "Oregon", "OR", "97201", "United States",
                                "US", null),
                        FulfillmentService.handleOf(name), name.strip(), true));
                FulfillmentService service = new FulfillmentService(store.nextId(), name.strip(), FulfillmentService.handleOf(name),
                        env.getArgument("callbackUrl"), Boolean.TRUE.equals(env.getArgument("inventoryManagement")),
                        Boolean.TRUE.equals(env.getArgument("trackingSupport")),
                        !Boolean.FALSE.equals(env.getArgument("requiresShippingMethod")), locationId);
                store.putService(service);
                return servicePayload(view(store, service), List.of());
            }
        };
    }

    /** fulfillmentServiceUpdate: what is given changes; the location's name follows the service's. */
    private DataFetcher<Object> update() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants(SERVICE_SCOPE)) {
                return StandInContext.denied(env, SERVICE_SCOPE);
            }
            Store store = context.store();
            synchronized (store) {
                Long id = GraphqlViews.idOf("FulfillmentService", env.getArgument("id"));
                Optional<FulfillmentService> found = id == null ? Optional.empty() : store.service(id);
                if (found.isEmpty()) {
                    return servicePayload(null, List.of(GraphqlViews.userError(List.of("id"), "Fulfillment service could not be found.")));
                }
                FulfillmentService s = found.get();
                String name = env.containsArgument("name") && env.getArgument("name") != null ? ((String) env.getArgument("name")).strip() : s.name();
                if (!name.equalsIgnoreCase(s.name()) && store.services().stream().anyMatch(o -> o.name().equalsIgnoreCase(name))) {
                    return servicePayload(null, List.of(GraphqlViews.userError(List.of("name"), "Name has already been taken")));
                }
                FulfillmentService updated = new FulfillmentService(s.id(), name, s.handle(),
                        env.containsArgument("callbackUrl") ? env.getArgument("callbackUrl") : s.callbackUrl(),
                        env.containsArgument("inventoryManagement") ? Boolean.TRUE.equals(env.getArgument("inventoryManagement")) : s.inventoryManagement(),
                        env.containsArgument("trackingSupport") ? Boolean.TRUE.equals(env.getArgument("trackingSupport")) : s.trackingSupport(),
                        env.containsArgument("requiresShippingMethod") ? Boolean.TRUE.equals(env.getArgument("requiresShippingMethod"))
                                : s.requiresShippingMethod(),
                        s.locationId());
                store.putService(updated);
                store.location(s.locationId()).ifPresent(l -> store.replaceLocation(new Location(l.id(), name, l.active(),
                        l.fulfillsOnlineOrders(), l.address(), l.serviceHandle(), name, true)));
                return servicePayload(view(store, updated), List.of());
            }
        };
    }

    /** fulfillmentServiceDelete: the service is gone and its location no longer active (its history stays). */
    private DataFetcher<Object> delete() {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants(SERVICE_SCOPE)) {
                return StandInContext.denied(env, SERVICE_SCOPE);
            }
            Store store = context.store();
            synchronized (store) {
                Long id = GraphqlViews.idOf("FulfillmentService", env.getArgument("id"));
                Optional<FulfillmentService> found = id == null ? Optional.empty() : store.service(id);
                Map<String, Object> payload = new HashMap<>();
                if (found.isEmpty()) {
                    payload.put("deletedId", null);
                    payload.put("userErrors", List.of(GraphqlViews.userError(List.of("id"), "Fulfillment service could not be found.")));
                    return payload;
                }
                store.removeService(found.get().id());
                store.location(found.get().locationId()).ifPresent(l -> store.replaceLocation(new Location(l.id(), l.name(), false,
                        false, l.address(), l.serviceHandle(), l.serviceName(), true)));
                payload.put("deletedId", GraphqlViews.gid("FulfillmentService", found.get().id()));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    /**
     * The service's answer to the newest merchant request of {@code kind}: allowed only for its own fulfillment
     * orders whose request is {@code pending}; the fulfillment order then is {@code status} and its request
     * {@code answered}, and Shopify delivers {@code topic}.
     */
    private DataFetcher<Object> answer(String kind, String pending, String status, String answered, String topic, String refusal) {
        return env -> {
            StandInContext context = StandInContext.of(env);
            if (!context.token().grants(WRITE_ASSIGNED)) {
                return StandInContext.denied(env, WRITE_ASSIGNED);
            }
            Store store = context.store();
            synchronized (store) {
                Optional<FulfillmentOrder> found = FulfillmentFields.find(store,
                        GraphqlViews.idOf("FulfillmentOrder", env.getArgument("id")));
                Map<String, Object> payload = new HashMap<>();
                if (found.isEmpty() || !ours(store, found.get())) {
                    payload.put("fulfillmentOrder", null);
                    payload.put("userErrors", List.of(GraphqlViews.userError(List.of("id"), "Fulfillment order does not exist.")));
                    return payload;
                }
                FulfillmentOrder fo = found.get();
                if (!pending.equals(fo.requestStatus())) {
                    payload.put("fulfillmentOrder", null);
                    payload.put("userErrors", List.of(GraphqlViews.userError(List.of("id"), refusal)));
                    return payload;
                }
                // a rejection may name the lines it is about: they must be the fulfillment order's
                List<Map<String, Object>> lines = env.getArgument("lineItems");
                for (Map<String, Object> line : lines == null ? List.<Map<String, Object>>of() : lines) {
                    Long lineId = GraphqlViews.idOf("FulfillmentOrderLineItem", (String) line.get("fulfillmentOrderLineItemId"));
                    if (lineId == null || fo.lines().stream().noneMatch(l -> l.id() == lineId)) {
                        payload.put("fulfillmentOrder", null);
                        payload.put("userErrors", List.of(GraphqlViews.userError(List.of("lineItems"),
                                "Fulfillment order line item does not exist.")));
                        return payload;
                    }
                }
                Object reason = env.getArgument("reason");
                FulfillmentOrder after = events.answer(store, fo, kind, status, answered, env.getArgument("message"),
                        reason == null ? null : String.valueOf(reason), topic);
                payload.put("fulfillmentOrder", FulfillmentFields.view(store, after));
                payload.put("userErrors", List.of());
                return payload;
            }
        };
    }

    private static Map<String, Object> servicePayload(Object service, List<Object> errors) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillmentService", service);
        payload.put("userErrors", errors);
        return payload;
    }

    static Map<String, Object> view(Store store, FulfillmentService s) {
        Map<String, Object> view = GraphqlViews.typed("FulfillmentService");
        view.put("id", GraphqlViews.gid("FulfillmentService", s.id()));
        view.put("serviceName", s.name());
        view.put("handle", s.handle());
        view.put("callbackUrl", s.callbackUrl());
        view.put("inventoryManagement", s.inventoryManagement());
        view.put("trackingSupport", s.trackingSupport());
        view.put("requiresShippingMethod", s.requiresShippingMethod());
        view.put("type", "THIRD_PARTY");
        view.put("fulfillmentOrdersOptIn", true);
        view.put("location", store.location(s.locationId()).map(GraphqlViews::location).orElse(null));
        return view;
    }

    private static Map<String, Object> requestView(FulfillmentOrder.MerchantRequest r) {
        Map<String, Object> view = GraphqlViews.typed("FulfillmentOrderMerchantRequest");
        view.put("id", GraphqlViews.gid("FulfillmentOrderMerchantRequest", r.id()));
        view.put("kind", r.kind());
        view.put("message", r.message());
        view.put("sentAt", r.sentAt().toString());
        view.put("requestOptions", Map.of("notify_customer", r.notifyCustomer()));
        view.put("responseData", r.responseMessage() == null && r.rejectionReason() == null ? null
                : Map.of("message", r.responseMessage() == null ? "" : r.responseMessage(),
                        "reason", r.rejectionReason() == null ? "" : r.rejectionReason()));
        return view;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
