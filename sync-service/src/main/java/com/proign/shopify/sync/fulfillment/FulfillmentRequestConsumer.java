package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.messaging.Outages;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes order-service's fulfillment requests, one shipment each. The shipment's row in fulfillment_sync is
 * locked while Shopify is asked (so a redelivery, another replica or the retry job wait and then find it done),
 * the outcome is stored, then published to sync-service.fulfillment-results (synced, or failed with Shopify's
 * reason). A request already synced is answered again from the row, or, if its tracking changed, becomes a
 * tracking update. When Shopify cannot be reached even after the client's retries, the row stays pending with the
 * error and the retry job tries again every minute; an unreadable request goes to the dead-letter topic.
 */
@ApplicationScoped
public class FulfillmentRequestConsumer {

    private static final Logger LOG = Logger.getLogger(FulfillmentRequestConsumer.class);

    private final FulfillmentSync sync;
    private final ObjectMapper json;
    private final MutinyEmitter<String> results;
    private final MeterRegistry metrics;
    private final SyncLog syncLog;
    private final FulfillmentSyncRepository rows;
    private final TenantSettingsRepository settingsRepository;

    public FulfillmentRequestConsumer(FulfillmentSync sync, ObjectMapper json,
            @Channel("fulfillment-results") MutinyEmitter<String> results, MeterRegistry metrics, SyncLog syncLog,
            FulfillmentSyncRepository rows, TenantSettingsRepository settingsRepository) {
        this.syncLog = syncLog;
        this.rows = rows;
        this.settingsRepository = settingsRepository;
        this.sync = sync;
        this.json = json;
        this.results = results;
        this.metrics = metrics;
    }

    @Incoming("fulfillment-requests")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        FulfillmentRequest request;
        try {
            request = FulfillmentRequest.read(json, record.value());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return process(request, record.value());
    }

    /** Pending requests whose Shopify call failed transiently, tried again. */
    @Scheduled(every = "${sync.fulfillment.retry-interval:60s}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> retryPending() {
        return Panache.withSession(() -> rows.duePending(OffsetDateTime.now().minusSeconds(30), 50))
                .chain(pending -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (FulfillmentSyncRecord row : pending) {
                        chain = chain.chain(() -> {
                            try {
                                return process(FulfillmentRequest.read(json, row.request), row.request);
                            } catch (RuntimeException e) {
                                return Uni.createFrom().voidItem();
                            }
                        });
                    }
                    return chain;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("retrying pending fulfillments failed: %s", e.getMessage());
                    return null;
                });
    }

    Uni<Void> process(FulfillmentRequest request, String raw) {
        // log lines of this request name the tenant and the order (MDC, kept in the message's Vert.x context)
        org.jboss.logging.MDC.put("tenant", request.tenant());
        org.jboss.logging.MDC.put("order_id", Long.toString(request.shopifyOrderId()));
        // an outage of the database or Kafka is waited out; a retry after the commit finds the row decided and only
        // answers again (Shopify is asked once)
        return Outages.waitOut("fulfillment request of shipment " + request.shipmentId(),
                e -> e instanceof IllegalArgumentException || Outages.refusedByDatabase(e),
                Panache.withTransaction(() -> rows.lockedFor(request.shipmentId())
                        .chain(found -> found != null ? Uni.createFrom().item(found) : rows.insertPending(request, raw))
                        .chain(row -> settingsRepository.find(request.tenant()).chain(settings -> handle(request, raw,
                                row, settings))))
                        .call(row -> log(request, row))
                        .call(this::publish))
                .replaceWithVoid();
    }

    /** Asks Shopify (or not) and records the outcome on the locked row; the row to publish, or null. */
    private Uni<FulfillmentSyncRecord> handle(FulfillmentRequest request, String raw, FulfillmentSyncRecord row,
            TenantSettings settings) {
        if (!request.tenant().equals(row.tenant)) {
            throw new IllegalArgumentException("shipment " + request.shipmentId() + " belongs to another tenant");
        }
        if (settings == null) {
            // which location to fulfil from is not known yet: wait for integration.settings rather than guess
            row.lastError = "the tenant's settings (fulfillment location) have not arrived from integration-service yet";
            row.updatedAt = OffsetDateTime.now();
            return Uni.createFrom().nullItem();
        }
        Uni<FulfillmentSync.Result> outcome;
        if (row.status == SyncState.synced) {
            if (sameTracking(row.request, request)) {
                return Uni.createFrom().item(row); // a redelivery: answer again, change nothing in Shopify
            }
            outcome = sync.updateTracking(request, settings, ids(row));
        } else if ("disconnected".equals(settings.connectionStatus)) {
            outcome = Uni.createFrom().item(FulfillmentSync.Result.failed("the Shopify store is disconnected"));
        } else {
            outcome = sync.fulfil(request, settings);
        }
        row.attempts++;
        row.updatedAt = OffsetDateTime.now();
        return outcome.map(result -> {
            row.request = raw;
            if (result.synced()) {
                row.status = SyncState.synced;
                if (!result.fulfillmentIds().isEmpty() || row.shopifyFulfillmentIds == null) {
                    row.shopifyFulfillmentIds = String.join(",", result.fulfillmentIds());
                }
                row.lastError = null;
                metrics.counter("fulfillments.synced").increment();
            } else {
                row.status = SyncState.failed;
                row.lastError = result.error();
                metrics.counter("fulfillments.failed").increment();
                LOG.warnf("shipment %s of tenant %s (order %d) not fulfilled in Shopify: %s", request.shipmentId(),
                        request.tenant(), request.shopifyOrderId(), result.error());
            }
            return row;
        }).onFailure(e -> e instanceof ShopifyException s && s.transientFailure()).recoverWithItem(e -> {
            row.lastError = e.getMessage();
            LOG.warnf("shipment %s of tenant %s waits for Shopify: %s", request.shipmentId(), request.tenant(), e.getMessage());
            return null; // stays pending; the retry job tries again
        }).onFailure(ShopifyException.class).recoverWithItem(e -> {
            row.status = SyncState.failed;
            row.lastError = e.getMessage();
            return row;
        });
    }

    private Uni<Void> log(FulfillmentRequest request, FulfillmentSyncRecord row) {
        String order = request.orderNumber() == null ? "order " + request.shopifyOrderId() : "order " + request.orderNumber();
        if (row == null) {
            return syncLog.record(request.tenant(), SyncLog.Level.warn, SyncLog.Kind.fulfillment, order
                    + ": waiting to tell Shopify about the shipment", request.shipmentId());
        }
        return row.status == SyncState.synced
                ? syncLog.record(request.tenant(), SyncLog.Level.info, SyncLog.Kind.fulfillment, order
                        + " fulfilled in Shopify" + (request.trackingNumber() == null ? "" : " with tracking " + request.trackingNumber()),
                        request.shipmentId())
                : syncLog.record(request.tenant(), SyncLog.Level.error, SyncLog.Kind.fulfillment, order
                        + ": Shopify was not updated: " + row.lastError, request.shipmentId());
    }

    private Uni<Void> publish(FulfillmentSyncRecord row) {
        if (row == null || row.status == SyncState.pending) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = ids(row);
        FulfillmentResult result = new FulfillmentResult(row.tenant, row.shipmentId, row.status.name(), row.lastError,
                ids.isEmpty() ? null : Long.parseLong(ids.get(0).substring(ids.get(0).lastIndexOf('/') + 1)));
        String encoded;
        try {
            encoded = json.writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return results.sendMessage(Message.of(encoded).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.tenant + ":" + row.shopifyOrderId).build()));
    }

    private boolean sameTracking(String stored, FulfillmentRequest request) {
        try {
            FulfillmentRequest before = FulfillmentRequest.read(json, stored);
            return before.trackingNumbers().equals(request.trackingNumbers())
                    && java.util.Objects.equals(before.trackingCompany(), request.trackingCompany())
                    && before.trackingUrls().equals(request.trackingUrls());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> ids(FulfillmentSyncRecord row) {
        return row.shopifyFulfillmentIds == null || row.shopifyFulfillmentIds.isBlank() ? List.of()
                : Arrays.asList(row.shopifyFulfillmentIds.split(","));
    }

}
