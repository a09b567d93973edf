package com.proign.shopify.orders.repository;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import com.proign.shopify.orders.Order;

/** Keyset position in a tenant's queue: the last order of a page, opaque to clients. */
public record OrderCursor(OffsetDateTime importedAt, UUID id) {

    public static OrderCursor after(Order order) {
        return new OrderCursor(order.importedAt, order.id);
    }

    public String encode() {
        String raw = importedAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything this class did not encode */
    public static OrderCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new OrderCursor(OffsetDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor this API returned: " + cursor);
        }
    }
}
