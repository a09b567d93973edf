package com.proign.shopify.sync.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The warehouse setting its stock: quantities by SKU, stored as levels at the store's fulfillment location and sent
 * to Shopify by {@link InventoryPush}. Inventory sync must be on and a location set; each SKU must be one variant's
 * of the store's catalogue (pulled on connect and kept by products/update).
 */
@ApplicationScoped
public class StockLevels {

    private static final Logger LOG = Logger.getLogger(StockLevels.class);
    /** Quantities per request (and so the levels an answer shows). */
    public static final int MAX_LEVELS = 250;

    /** Why stock cannot be set at all for the tenant now. */
    public enum Refusal {
        not_connected, inventory_sync_off, no_location
    }

    /** Stock cannot be set for the tenant now. */
    public static final class RefusedException extends RuntimeException {
        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** A line whose SKU is not taken: unknown_sku or ambiguous_sku; its place in the request. */
    public record Rejected(int index, String sku, String reason) {
    }

    /** The levels as they are now, and the lines not taken. */
    public record Outcome(List<InventoryRepository.Level> levels, List<Rejected> rejected) {
    }

    private final InventoryRepository repository;
    private final InventoryPush push;

    public StockLevels(InventoryRepository repository, InventoryPush push) {
        this.repository = repository;
        this.push = push;
    }

    /**
     * Stores the quantities of the SKUs that are one variant's each ({@code wanted}: SKU → available, in the
     * request's order) and sends them right away (the schedule retries whatever this does not finish). Nothing is
     * stored when no SKU is taken: the outcome then has no levels.
     */
    public Uni<Outcome> set(String tenant, Map<String, Integer> wanted) {
        return repository.pushSettings(tenant).chain(settings -> {
            if (!settings.connected()) {
                throw new RefusedException(Refusal.not_connected);
            }
            if (!settings.inventorySync()) {
                throw new RefusedException(Refusal.inventory_sync_off);
            }
            if (settings.locationId() == null) {
                throw new RefusedException(Refusal.no_location);
            }
            return repository.items(tenant, wanted.keySet()).chain(items -> {
                List<Rejected> rejected = rejected(wanted, items);
                Map<Long, Integer> known = new LinkedHashMap<>();
                wanted.forEach((sku, available) -> {
                    if (items.single().containsKey(sku)) {
                        known.put(items.single().get(sku), available);
                    }
                });
                if (known.isEmpty()) {
                    return Uni.createFrom().item(new Outcome(List.of(), rejected));
                }
                List<String> skus = wanted.keySet().stream().filter(items.single()::containsKey).toList();
                return repository.setWarehouse(tenant, settings.locationId(), known)
                        .chain(() -> repository.levels(tenant, new InventoryRepository.LevelQuery(skus, null, null, null,
                                MAX_LEVELS)))
                        .map(levels -> new Outcome(levels, rejected))
                        .invoke(() -> push.pushDue().subscribe().with(n -> { },
                                e -> LOG.debugf("inventory push after a change: %s", e.getMessage())));
            });
        });
    }

    /** The lines whose SKU no variant of the catalogue has, or several have, in the request's order. */
    static List<Rejected> rejected(Map<String, Integer> wanted, InventoryRepository.Items items) {
        List<Rejected> rejected = new ArrayList<>();
        int index = 0;
        for (String sku : wanted.keySet()) {
            if (items.ambiguous().contains(sku)) {
                rejected.add(new Rejected(index, sku, "ambiguous_sku"));
            } else if (!items.single().containsKey(sku)) {
                rejected.add(new Rejected(index, sku, "unknown_sku"));
            }
            index++;
        }
        return rejected;
    }
}
