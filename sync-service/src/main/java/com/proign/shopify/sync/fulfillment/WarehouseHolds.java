package com.proign.shopify.sync.fulfillment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.context.Contexts;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.messaging.Outages;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The warehouse's own hold, mirrored in Shopify so the merchant sees it: a hold request places a hold with the
 * warehouse's handle ({@link #HANDLE}, reason OTHER, the warehouse's reason as its notes) on each of the order's
 * fulfillment orders at the tenant's location that can be held
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentOrderHold); a release releases those
 * holds only, never the merchant's or Shopify's. What was done is in the tenant's sync log. A tenant whose
 * fulfillment feature is off is skipped; Shopify being unreachable is waited out with backoff; a refusal is logged.
 */
@ApplicationScoped
public class WarehouseHolds {

    /** The handle of the warehouse's holds in Shopify: which holds are ours to release (and not Shopify's in the queue). */
    public static final String HANDLE = "proign-warehouse";

    private static final Logger LOG = Logger.getLogger(WarehouseHolds.class);

    private final ObjectMapper json;
    private final ShopifyGraphql shopify;
    private final TenantSettingsRepository settings;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;

    public WarehouseHolds(ObjectMapper json, ShopifyGraphql shopify, TenantSettingsRepository settings, SyncLog syncLog,
            MeterRegistry metrics) {
        this.json = json;
        this.shopify = shopify;
        this.settings = settings;
        this.syncLog = syncLog;
        this.metrics = metrics;
    }

    @Incoming("hold-requests")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        HoldRequest request;
        try {
            request = HoldRequest.read(json, record.value());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        org.jboss.logging.MDC.put("tenant", request.tenant());
        return Outages.waitOut(request.action() + " of order " + request.shopifyOrderId(), Outages::refusedByDatabase,
                Panache.withSession(() -> settings.find(request.tenant())))
                .chain(found -> {
                    if (found == null || !found.connected() || found.off("fulfillment").isPresent()) {
                        metrics.counter("sync.warehouse_holds", "outcome", "skipped").increment();
                        return Uni.createFrom().voidItem();
                    }
                    Uni<String> done = patiently(execute(request.tenant(), "OrderFulfillmentHolds",
                            new JsonObject().put("id", "gid://shopify/Order/" + request.shopifyOrderId()), 43))
                            .chain(answer -> apply(request, found, answer.getJsonObject("order")));
                    // a retry after an outage of Shopify ends on another thread: back on this context for the sync log
                    return Contexts.onCallersContext(done)
                            .chain(line -> line == null ? Uni.createFrom().voidItem()
                                    : syncLog.record(request.tenant(), line.startsWith("Shopify refused") ? SyncLog.Level.error
                                            : SyncLog.Level.info, SyncLog.Kind.fulfillment, line, null));
                });
    }

    /** Places or releases the holds; the sync log's line, or null when there was nothing to do. */
    private Uni<String> apply(HoldRequest request, TenantSettings found, JsonObject order) {
        String name = request.shopifyOrderNumber() == null ? "order " + request.shopifyOrderId() : "order " + request.shopifyOrderNumber();
        if (order == null) {
            return Uni.createFrom().item("Shopify refused the warehouse's " + request.action() + " of " + name + ": no such order");
        }
        List<Uni<String>> calls = new ArrayList<>();
        for (Object node : order.getJsonObject("fulfillmentOrders", new JsonObject()).getJsonArray("nodes", new JsonArray())) {
            JsonObject fo = (JsonObject) node;
            if (!found.fulfilsAt(FulfillmentOrdersState.locationOf(fo), false)) {
                continue;
            }
            List<String> ours = new ArrayList<>();
            for (Object hold : fo.getJsonArray("fulfillmentHolds", new JsonArray())) {
                if (HANDLE.equals(((JsonObject) hold).getString("handle"))) {
                    ours.add(((JsonObject) hold).getString("id"));
                }
            }
            boolean holdable = fo.getJsonArray("supportedActions", new JsonArray()).stream()
                    .anyMatch(a -> "HOLD".equals(((JsonObject) a).getString("action")));
            if (request.hold() && ours.isEmpty() && holdable) {
                JsonObject hold = new JsonObject().put("reason", "OTHER").put("handle", HANDLE).put("notifyMerchant", true)
                        .put("reasonNotes", request.reason() == null || request.reason().isBlank() ? "held by the warehouse"
                                : request.reason());
                calls.add(patiently(execute(request.tenant(), "FulfillmentOrderHold",
                        new JsonObject().put("id", fo.getString("id")).put("fulfillmentHold", hold), 10))
                        .map(data -> FulfillmentSync.userErrors(data.getJsonObject("fulfillmentOrderHold"))));
            } else if (!request.hold() && !ours.isEmpty()) {
                calls.add(patiently(execute(request.tenant(), "FulfillmentOrderReleaseHold",
                        new JsonObject().put("id", fo.getString("id")).put("holdIds", new JsonArray(ours)), 10))
                        .map(data -> FulfillmentSync.userErrors(data.getJsonObject("fulfillmentOrderReleaseHold"))));
            }
        }
        if (calls.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.join().all(calls).andCollectFailures().map(errors -> {
            List<String> refused = errors.stream().filter(e -> e != null).toList();
            metrics.counter("sync.warehouse_holds", "outcome", refused.isEmpty() ? request.action() : "refused").increment();
            if (!refused.isEmpty()) {
                LOG.warnf("Shopify refused the warehouse's %s of %s: %s", request.action(), name, refused);
                return "Shopify refused the warehouse's " + request.action() + " of " + name + ": " + String.join("; ", refused);
            }
            return request.hold() ? "held " + name + " in Shopify for the warehouse (" + calls.size() + " fulfillment order(s))"
                    : "released the warehouse's hold of " + name + " in Shopify";
        });
    }

    private Uni<JsonObject> execute(String tenant, String operation, JsonObject variables, double cost) {
        return Uni.createFrom().deferred(() -> shopify.execute(tenant, operation, variables, cost)).map(ShopifyGraphql.Answer::data);
    }

    /**
     * The call, an outage of Shopify waited out with backoff (the partition waits: one order's or one fulfillment
     * order's holds stay in order). The fulfillment package's one way to wait Shopify out on a consumer.
     */
    static <T> Uni<T> patiently(Uni<T> call) {
        return call.onFailure(e -> e instanceof ShopifyException s && s.transientFailure())
                .retry().withBackOff(Duration.ofSeconds(1), Duration.ofMinutes(1)).withJitter(0.2).atMost(Long.MAX_VALUE);
    }
}
