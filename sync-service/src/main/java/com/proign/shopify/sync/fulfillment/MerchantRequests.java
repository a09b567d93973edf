package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.context.Contexts;
import com.proign.shopify.sync.inventory.InventoryRepository;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.messaging.Outages;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The warehouse as the store's fulfillment service answering the merchant's requests
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps/build-for-fulfillment-services):
 * <ul>
 * <li>a fulfillment request at the service's location is answered by the tenant's rule when it is accept_when_stocked
 * ({@link RequestRule}); with manual, it waits in the queue as requested;</li>
 * <li>the decisions of the warehouse and of the queue's cancellation rule (order-service.request-decisions) are sent
 * to Shopify: fulfillmentOrderAccept/RejectFulfillmentRequest, fulfillmentOrderAccept/RejectCancellationRequest;</li>
 * <li>after each answer the order's fulfillment orders are read again and published, so the queue shows Shopify's
 * outcome; what was done, or refused, is in the tenant's sync log.</li>
 * </ul>
 * Requests are read through the API (the webhook, and the interval pass over assignedFulfillmentOrders), not a
 * fulfillment-service callback: see docs/decisions.md. Shopify being unreachable is waited out with backoff.
 */
@ApplicationScoped
public class MerchantRequests {

    private static final Logger LOG = Logger.getLogger(MerchantRequests.class);

    private final ObjectMapper json;
    private final ShopifyGraphql shopify;
    private final FulfillmentOrderLines lines;
    private final FulfillmentOrderStates states;
    private final InventoryRepository inventory;
    private final TenantSettingsRepository settings;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;

    public MerchantRequests(ObjectMapper json, ShopifyGraphql shopify, FulfillmentOrderLines lines,
            FulfillmentOrderStates states, InventoryRepository inventory, TenantSettingsRepository settings, SyncLog syncLog,
            MeterRegistry metrics) {
        this.json = json;
        this.shopify = shopify;
        this.lines = lines;
        this.states = states;
        this.inventory = inventory;
        this.settings = settings;
        this.syncLog = syncLog;
        this.metrics = metrics;
    }

    /**
     * Answers by the tenant's rule each fulfillment request of {@code state} waiting at the warehouse's fulfillment
     * service, then publishes the order's fulfillment orders again. Nothing when the rule is manual.
     */
    public Uni<Void> answerByRule(String tenant, TenantSettings found, FulfillmentOrdersState state) {
        if (state == null || found.fulfillmentServiceLocationId == null || !"accept_when_stocked".equals(found.fulfillmentRequestRule)) {
            return Uni.createFrom().voidItem();
        }
        List<FulfillmentOrdersState.FulfillmentOrder> waiting = state.fulfillmentOrders().stream()
                .filter(fo -> found.fulfillmentServiceLocationId.equals(fo.locationId()) && "SUBMITTED".equals(fo.requestStatus()))
                .toList();
        if (waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Shopify's answers arrive on other threads: back on this context for the sync log (Panache)
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Multi.createFrom().iterable(waiting)
                .onItem().transformToUniAndConcatenate(fo -> Contexts.deliverOn(context,
                        answerOne(tenant, found, "gid://shopify/FulfillmentOrder/" + fo.fulfillmentOrderId()))
                        .chain(outcome -> outcome == null ? Uni.createFrom().item(false)
                                : log(tenant, outcome.line().startsWith("Shopify refused") ? SyncLog.Level.error : SyncLog.Level.info,
                                        outcome.line()).replaceWith(outcome.sent())))
                .collect().asList()
                .chain(answered -> answered.stream().anyMatch(Boolean::booleanValue)
                        ? states.refresh(tenant, "gid://shopify/FulfillmentOrder/" + waiting.get(0).fulfillmentOrderId(), found).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** What the rule did with one request, for the sync log, and whether an answer was sent. */
    private record Outcome(String line, boolean sent) {
    }

    /** Decides on one fulfillment request by the rule and sends the answer; null when it no longer waits. */
    private Uni<Outcome> answerOne(String tenant, TenantSettings found, String gid) {
        return WarehouseHolds.patiently(execute(tenant, "FulfillmentRequestDetails", new JsonObject().put("id", gid), 31)
                        .call(data -> data.getJsonObject("fulfillmentOrder") == null ? Uni.createFrom().voidItem()
                                : lines.complete(tenant, new JsonArray().add(data.getJsonObject("fulfillmentOrder")))))
                .chain(data -> {
                    JsonObject fo = data.getJsonObject("fulfillmentOrder");
                    if (fo == null || !"SUBMITTED".equals(fo.getString("requestStatus"))) {
                        return Uni.createFrom().<Outcome>nullItem();
                    }
                    Set<String> skus = new HashSet<>();
                    for (Object node : fo.getJsonObject("lineItems", new JsonObject()).getJsonArray("nodes", new JsonArray())) {
                        String sku = ((JsonObject) node).getString("sku");
                        if (sku != null && !sku.isBlank()) {
                            skus.add(sku.strip());
                        }
                    }
                    Uni<Map<String, Integer>> stock = found.inventorySync
                            ? inventory.stockAt(tenant, found.fulfillmentServiceLocationId, skus)
                            : Uni.createFrom().nullItem();
                    return stock.chain(levels -> {
                        RequestRule.Decision decision = RequestRule.decide(fo, levels);
                        String name = "fulfillment order " + FulfillmentOrdersState.legacyId(gid);
                        if ("leave".equals(decision.outcome())) {
                            count("left_to_warehouse");
                            return Uni.createFrom().item(new Outcome("fulfillment request for " + name + ": " + decision.message(), false));
                        }
                        Uni<String> sent = decision.outcome().equals("accept")
                                ? accept(tenant, gid, decision.message(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.HOURS))
                                : reject(tenant, gid, decision.reason(), decision.message(), decision.lineItemIds());
                        return sent.map(refused -> {
                            count(refused == null ? "rule_" + decision.outcome() : "refused");
                            return new Outcome(refused == null ? "the rule " + decision.outcome() + "ed the fulfillment request for "
                                    + name + (decision.reason() == null ? "" : " (" + decision.reason() + ": " + decision.message() + ")")
                                    : "Shopify refused the rule's answer to the fulfillment request for " + name + ": " + refused, true);
                        });
                    });
                });
    }

    /** The warehouse's and the cancellation rule's decisions, from order-service. */
    @Incoming("request-decisions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        RequestDecision decision;
        try {
            decision = RequestDecision.read(json, record.value());
        } catch (IllegalArgumentException e) {
            metrics.counter("sync.fulfillment_requests", "outcome", "dead_lettered").increment();
            return Uni.createFrom().failure(e);
        }
        org.jboss.logging.MDC.put("tenant", decision.tenant());
        return Outages.waitOut(decision.kind() + " decision on order " + decision.shopifyOrderId(), Outages::refusedByDatabase,
                Panache.withSession(() -> settings.find(decision.tenant())))
                .chain(found -> {
                    if (found == null || !found.connected() || found.fulfillmentOff().isPresent()
                            || found.fulfillmentServiceLocationId == null) {
                        count("skipped");
                        return Uni.createFrom().voidItem();
                    }
                    return Contexts.onCallersContext(apply(decision, found)).chain(line -> log(decision.tenant(),
                            line.startsWith("Shopify refused") ? SyncLog.Level.error : SyncLog.Level.info, line));
                });
    }

    /** Sends the decision for the order's fulfillment orders at the service's location; the sync log's line. */
    private Uni<String> apply(RequestDecision decision, TenantSettings found) {
        String tenant = decision.tenant();
        String name = "order " + (decision.shopifyOrderNumber() == null ? decision.shopifyOrderId() : decision.shopifyOrderNumber());
        return WarehouseHolds.patiently(execute(tenant, "OrderFulfillmentRequests",
                new JsonObject().put("id", "gid://shopify/Order/" + decision.shopifyOrderId()), 302)
                        .call(data -> lines.completeOrder(tenant, data.getJsonObject("order")))).chain(data -> {
                    JsonObject order = data.getJsonObject("order");
                    List<JsonObject> pending = new ArrayList<>();
                    for (Object node : order == null ? new JsonArray()
                            : order.getJsonObject("fulfillmentOrders", new JsonObject()).getJsonArray("nodes", new JsonArray())) {
                        JsonObject fo = (JsonObject) node;
                        if (found.fulfillmentServiceLocationId.equals(FulfillmentOrdersState.locationOf(fo))
                                && decision.pendingStatus().equals(fo.getString("requestStatus"))) {
                            pending.add(fo);
                        }
                    }
                    String what = decision.decision() + " of the " + decision.kind() + " request for " + name;
                    if (pending.isEmpty()) {
                        count("nothing_pending");
                        return Uni.createFrom().item("the warehouse's " + what + " found no request waiting in Shopify (answered already)");
                    }
                    return Multi.createFrom().iterable(pending).onItem().transformToUniAndConcatenate(fo -> send(decision, fo))
                            .collect().asList()
                            .chain(refusals -> {
                                List<String> refused = refusals.stream().filter(r -> r != null).toList();
                                count(refused.isEmpty() ? decision.decision() + "_" + decision.kind() : "refused");
                                // the queue learns Shopify's outcome from the order's fulfillment orders read again
                                return states.refresh(tenant, pending.get(0).getString("id"), found).map(s -> refused.isEmpty()
                                        ? "the warehouse's " + what + " was sent to Shopify"
                                        + (decision.message() == null || decision.message().isBlank() ? "" : ": " + decision.message())
                                        : "Shopify refused the warehouse's " + what + ": " + String.join("; ", refused));
                            });
                });
    }

    /** One fulfillment order's answer; Shopify's refusal, or null. */
    private Uni<String> send(RequestDecision decision, JsonObject fo) {
        String gid = fo.getString("id");
        if (!decision.fulfillment()) {
            String operation = decision.accept() ? "FulfillmentOrderAcceptCancellationRequest" : "FulfillmentOrderRejectCancellationRequest";
            return WarehouseHolds.patiently(execute(decision.tenant(), operation,
                    new JsonObject().put("id", gid).put("message", decision.message()), 10))
                    .map(data -> FulfillmentSync.userErrors(data.getJsonObject(field(operation))));
        }
        if (decision.accept()) {
            return accept(decision.tenant(), gid, decision.message(), decision.estimatedShipDate() == null ? null
                    : decision.estimatedShipDate().atTime(12, 0).atOffset(ZoneOffset.UTC));
        }
        // the order's line items the rejection is about, as this fulfillment order's line items
        Map<Long, String> byLineItem = new HashMap<>();
        for (Object node : fo.getJsonObject("lineItems", new JsonObject()).getJsonArray("nodes", new JsonArray())) {
            JsonObject line = (JsonObject) node;
            JsonObject item = line.getJsonObject("lineItem");
            if (item != null && item.getString("id") != null) {
                byLineItem.put(FulfillmentOrdersState.legacyId(item.getString("id")), line.getString("id"));
            }
        }
        List<String> lines = decision.lineItemIds() == null ? List.of()
                : decision.lineItemIds().stream().map(byLineItem::get).filter(id -> id != null).toList();
        return reject(decision.tenant(), gid, decision.reason() == null ? "OTHER" : decision.reason(), decision.message(), lines);
    }

    private Uni<String> accept(String tenant, String gid, String message, OffsetDateTime estimatedShippedAt) {
        JsonObject variables = new JsonObject().put("id", gid).put("message", message)
                .put("estimatedShippedAt", estimatedShippedAt == null ? null : estimatedShippedAt.toString());
        return WarehouseHolds.patiently(execute(tenant, "FulfillmentOrderAcceptFulfillmentRequest", variables, 10))
                .map(data -> FulfillmentSync.userErrors(data.getJsonObject("fulfillmentOrderAcceptFulfillmentRequest")));
    }

    private Uni<String> reject(String tenant, String gid, String reason, String message, List<String> lines) {
        JsonArray items = new JsonArray();
        lines.forEach(id -> items.add(new JsonObject().put("fulfillmentOrderLineItemId", id)));
        JsonObject variables = new JsonObject().put("id", gid).put("reason", reason).put("message", message)
                .put("lineItems", items.isEmpty() ? null : items);
        return WarehouseHolds.patiently(execute(tenant, "FulfillmentOrderRejectFulfillmentRequest", variables, 10))
                .map(data -> FulfillmentSync.userErrors(data.getJsonObject("fulfillmentOrderRejectFulfillmentRequest")));
    }

    /**
     * The interval pass's part: the fulfillment orders at the service's location still waiting for an answer (their
     * webhook may have been lost) are read and published, and fulfillment requests answered by the rule, each back on
     * {@code context} (the pass's) for the sync log. How many.
     */
    public Uni<Integer> reconcile(String tenant, TenantSettings found, io.vertx.core.Context context) {
        if (found.fulfillmentServiceLocationId == null) {
            return Uni.createFrom().item(0);
        }
        JsonArray locations = new JsonArray().add("gid://shopify/Location/" + found.fulfillmentServiceLocationId);
        return waiting(tenant, "FULFILLMENT_REQUESTED", locations, null, new ArrayList<>())
                .chain(requested -> waiting(tenant, "CANCELLATION_REQUESTED", locations, null, requested))
                .chain(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(gid -> Contexts.deliverOn(context, states.refreshOnce(tenant, gid, found))
                                .call(state -> answerByRule(tenant, found, state)))
                        .collect().asList().map(List::size));
    }

    private Uni<List<String>> waiting(String tenant, String status, JsonArray locations, String after, List<String> found) {
        JsonObject variables = new JsonObject().put("status", status).put("locationIds", locations).put("after", after);
        return shopify.execute(tenant, "AssignedFulfillmentOrders", variables, 52).chain(answer -> {
            JsonObject connection = answer.data().getJsonObject("assignedFulfillmentOrders");
            for (Object node : connection.getJsonArray("nodes")) {
                found.add(((JsonObject) node).getString("id"));
            }
            JsonObject page = connection.getJsonObject("pageInfo");
            return page.getBoolean("hasNextPage", false) ? waiting(tenant, status, locations, page.getString("endCursor"), found)
                    : Uni.createFrom().item(found);
        });
    }

    private static String field(String operation) {
        return Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
    }

    private Uni<Void> log(String tenant, SyncLog.Level level, String line) {
        LOG.infof("tenant %s: %s", tenant, line);
        return syncLog.record(tenant, level, SyncLog.Kind.fulfillment, line, null);
    }

    private Uni<JsonObject> execute(String tenant, String operation, JsonObject variables, double cost) {
        return Uni.createFrom().deferred(() -> shopify.execute(tenant, operation, variables, cost)).map(ShopifyGraphql.Answer::data);
    }

    private void count(String outcome) {
        metrics.counter("sync.fulfillment_requests", "outcome", outcome).increment();
    }
}
