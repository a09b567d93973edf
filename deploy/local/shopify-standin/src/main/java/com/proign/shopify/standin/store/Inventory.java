package com.proign.shopify.standin.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store's inventory: one level per (inventory item, location) with its named quantities. "available" and
 * "on_hand" move together (nothing is committed or incoming here), as a warehouse that is the system of record
 * sees them.
 */
public final class Inventory {

    public record Item(long id, String sku, long variantId, boolean tracked) {
    }

    public record Level(long itemId, long locationId, int available, OffsetDateTime updatedAt) {
        public int quantity(String name) {
            return switch (name) {
                case "available", "on_hand" -> available;
                default -> 0;
            };
        }
    }

    private final Map<Long, Item> items = new ConcurrentHashMap<>();
    private final Map<String, Level> levels = new ConcurrentHashMap<>();

    public void addItem(Item item) {
        items.put(item.id(), item);
    }

    public Optional<Item> item(long id) {
        return Optional.ofNullable(items.get(id));
    }

    public Map<Long, Item> items() {
        return items;
    }

    public Optional<Level> level(long itemId, long locationId) {
        return Optional.ofNullable(levels.get(itemId + ":" + locationId));
    }

    public List<Level> levelsOf(long itemId) {
        return levels.values().stream().filter(l -> l.itemId() == itemId)
                .sorted(java.util.Comparator.comparingLong(Level::locationId)).toList();
    }

    public Level set(long itemId, long locationId, int available) {
        Level level = new Level(itemId, locationId, available,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        levels.put(itemId + ":" + locationId, level);
        return level;
    }
}
