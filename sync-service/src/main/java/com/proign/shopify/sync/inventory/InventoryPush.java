package com.proign.shopify.sync.inventory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.log.SyncLog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Sends the warehouse's quantities to Shopify (https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities): pending levels are claimed with a lease (so several
 * instances share the work, none sends a level twice at once), a tenant's levels go in one
 * {@code inventorySetQuantities} of up to {@code sync.inventory.batch} quantities, each with
 * {@code changeFromQuantity} = what Shopify was last known to have, under an {@code @idempotent} key saved with
 * the rows before the request leaves. Then:
 * <ul>
 * <li>applied: Shopify's quantity is the warehouse's; a level changed again meanwhile stays pending;</li>
 * <li>CHANGE_FROM_QUANTITY_STALE (Shopify's stock moved since it was read): the levels are read again and sent
 * again at once, under a new key (the key belongs to one request's parameters);</li>
 * <li>a timeout, 5xx or throttling that outlasted the client's own retries: the same request, same key, later
 * (backoff), so Shopify applies it once even if the first one did arrive;</li>
 * <li>refused (a user error for one quantity, a missing scope): that level is marked failed with Shopify's message,
 * visible in the API, the sync log and the status; the others are sent again.</li>
 * </ul>
 */
@ApplicationScoped
public class InventoryPush {

    private static final Logger LOG = Logger.getLogger(InventoryPush.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final InventoryRepository levels;
    private final ShopifyGraphql shopify;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;
    private final int batch;

    public InventoryPush(InventoryRepository levels, ShopifyGraphql shopify, SyncLog syncLog, MeterRegistry metrics,
            SyncConfig config) {
        this.levels = levels;
        this.shopify = shopify;
        this.syncLog = syncLog;
        this.metrics = metrics;
        this.batch = Math.max(1, Math.min(250, config.inventory().batch()));
    }

    @Scheduled(every = "${sync.inventory.push-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return pushDue().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("pushing inventory levels failed, the next run retries: %s", e.getMessage());
            return null;
        });
    }

    /** Pushes what is due now, a claim at a time, until nothing is; how many levels were sent. */
    public Uni<Integer> pushDue() {
        return levels.claimDue(batch, LEASE).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<String, List<LevelRow>> byTenant = rows.stream()
                    .collect(Collectors.groupingBy(LevelRow::tenant, LinkedHashMap::new, Collectors.toList()));
            return Multi.createFrom().iterable(byTenant.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> pushTenant(e.getKey(), e.getValue())
                            .onFailure().recoverWithItem(f -> {
                                LOG.errorf(f, "inventory push of tenant %s", e.getKey());
                                return null;
                            }))
                    .collect().asList()
                    .chain(() -> rows.size() >= batch ? pushDue().map(more -> rows.size() + more)
                            : Uni.createFrom().item(rows.size()));
        });
    }

    private Uni<Void> pushTenant(String tenant, List<LevelRow> rows) {
        return levels.pushSettings(tenant).chain(settings -> {
            if (!settings.connected() || !settings.inventorySync()) {
                String why = !settings.connected() ? "the store is not connected" : "inventory sync was turned off";
                return fail(rows, why + " before this quantity was sent to Shopify");
            }
            // a request already sent (its key saved) is sent again exactly; the others form a new one
            Map<UUID, List<LevelRow>> inFlight = rows.stream().filter(r -> r.pushKey() != null)
                    .collect(Collectors.groupingBy(LevelRow::pushKey, LinkedHashMap::new, Collectors.toList()));
            List<LevelRow> fresh = rows.stream().filter(r -> r.pushKey() == null).toList();
            return Multi.createFrom().iterable(inFlight.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> send(tenant, e.getKey(), e.getValue()))
                    .collect().asList()
                    .chain(() -> fresh.isEmpty() ? Uni.createFrom().voidItem() : prepare(tenant, fresh));
        });
    }

    /** Step 1, the state stored: what Shopify has is read where unknown, and the new request saved before it leaves. */
    private Uni<Void> prepare(String tenant, List<LevelRow> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> row.shopifyAvailable() != null ? Uni.createFrom().item(row)
                        : readShopify(row))
                .collect().asList()
                .chain(known -> {
                    UUID key = UUID.randomUUID();
                    return levels.saveRequest(key, known).chain(saved -> send(tenant, key, saved));
                });
    }

    /** Shopify's available quantity of the row's item at its location, stored. */
    private Uni<LevelRow> readShopify(LevelRow row) {
        return shopify.execute(row.tenant(), "InventoryItemLevel", new JsonObject()
                .put("id", "gid://shopify/InventoryItem/" + row.inventoryItemId())
                .put("locationId", "gid://shopify/Location/" + row.locationId()), 4)
                .map(answer -> InventoryRequests.available(answer.data()))
                .call(available -> levels.seenInShopify(row, available))
                .map(row::withShopifyAvailable);
    }

    /** Step 2, the request built and sent: one inventorySetQuantities for the rows saved under {@code key}. */
    private Uni<Void> send(String tenant, UUID key, List<LevelRow> rows) {
        return shopify.execute(tenant, "InventorySetQuantities", InventoryRequests.variables(key, rows), 10)
                .chain(answer -> apply(tenant, key, rows,
                        InventoryRequests.outcome(answer.data().getJsonObject("inventorySetQuantities"), rows)))
                .onFailure(ShopifyException.class).recoverWithUni(e -> ((ShopifyException) e).transientFailure()
                        ? later(key, rows, e.getMessage())
                        : fail(rows, "Shopify refused the quantities: " + e.getMessage()));
    }

    /** Step 3, the outcome applied to the levels. */
    private Uni<Void> apply(String tenant, UUID key, List<LevelRow> rows, InventoryRequests.Outcome outcome) {
        if (outcome instanceof InventoryRequests.Applied) {
            metrics.counter("sync.inventory.pushed").increment(rows.size());
            return levels.applied(key)
                    .invoke(() -> LOG.debugf("set %d inventory level(s) of tenant %s in Shopify", rows.size(), tenant));
        }
        if (outcome instanceof InventoryRequests.Stale stale) {
            metrics.counter("sync.inventory.stale").increment();
            int attempts = InventoryRequests.attempts(rows);
            return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(this::readShopify).collect().asList()
                    .chain(() -> levels.startOver(key, attempts, InventoryRequests.afterStale(attempts)))
                    .call(() -> syncLog.record(tenant, SyncLog.Level.warn, SyncLog.Kind.inventory,
                            "Shopify's stock moved since it was read (" + String.join(", ", stale.codes()) + "): re-read "
                                    + rows.size() + " level(s) and sending the warehouse's quantities again", key));
        }
        InventoryRequests.Refused refused = (InventoryRequests.Refused) outcome;
        return fail(refused.failed(), refused.why())
                .chain(() -> refused.others().isEmpty() ? Uni.createFrom().voidItem() : levels.sendAgainNow(refused.others()));
    }

    /** Sent again later under the same key and parameters: Shopify applies a key once. */
    private Uni<Void> later(UUID key, List<LevelRow> rows, String why) {
        int attempts = InventoryRequests.attempts(rows);
        LOG.warnf("inventory push %s (%d level(s)) not confirmed, attempt %d: %s", key, rows.size(), attempts, why);
        return levels.sendAgainLater(key, attempts, why, InventoryRequests.backoff(attempts));
    }

    private Uni<Void> fail(List<LevelRow> rows, String why) {
        metrics.counter("sync.inventory.failed").increment(rows.size());
        String tenant = rows.get(0).tenant();
        return levels.failed(rows, why)
                .call(() -> syncLog.record(tenant, SyncLog.Level.error, SyncLog.Kind.inventory, why + " (inventory item(s) "
                        + rows.stream().map(r -> Long.toString(r.inventoryItemId())).collect(Collectors.joining(", ")) + ")", null));
    }
}
