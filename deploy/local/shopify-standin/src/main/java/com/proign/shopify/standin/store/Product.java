package com.proign.shopify.standin.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A product with its variants; each variant has one inventory item. */
public record Product(long id, String title, String handle, String status, OffsetDateTime updatedAt,
        List<Variant> variants) {

    public record Variant(long id, String sku, String title, BigDecimal price, long inventoryItemId, int grams) {
    }
}
