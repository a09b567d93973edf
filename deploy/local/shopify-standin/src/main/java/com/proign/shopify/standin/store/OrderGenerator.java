package com.proign.shopify.standin.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic orders, the same for the same seed: customers and addresses from small pools, one to four lines of a
 * small catalogue, now and then a custom line item (no SKU, no variant) or a gift card (nothing to ship), mostly
 * paid. Strings come from the pools, so a hundred thousand orders share them rather than copy them.
 */
public final class OrderGenerator {

    private static final String[] FIRST = { "Jane", "John", "Amira", "Kenji", "Lena", "Mateo", "Priya", "Olu", "Sofia", "Tom" };
    private static final String[] LAST = { "Smith", "Okafor", "Tanaka", "Müller", "García", "Singh", "Dubois", "Rossi", "Kim", "Berg" };
    private static final Address[] PLACES = {
            new Address(null, null, null, "123 Fake Street", null, "Fakecity", "Ontario", "ON", "K2P 1L4", "Canada", "CA", null),
            new Address(null, null, null, "77 Harbour Road", "Unit 4", "Portland", "Oregon", "OR", "97201", "United States", "US", null),
            new Address(null, null, "Acme GmbH", "Hauptstraße 5", null, "Berlin", "Berlin", "BE", "10115", "Germany", "DE", null),
            new Address(null, null, null, "9 Rue de Rivoli", null, "Paris", "Île-de-France", "IDF", "75001", "France", "FR", null),
            new Address(null, null, null, "4-2-8 Shibakoen", null, "Tokyo", "Tokyo", "JP-13", "105-0011", "Japan", "JP", null) };
    private static final Object[][] CATALOGUE = {
            { 632910392L, 808950810L, "IPOD2008PINK", "IPod Nano - 8GB", "Pink", "199.00", 567 },
            { 632910392L, 49148385L, "IPOD2008RED", "IPod Nano - 8GB", "Red", "199.00", 567 },
            { 921728736L, 447654529L, "IPOD2009BLACK", "IPod Touch 8GB", "Black", "199.00", 200 },
            { 1071559748L, 1070325065L, "TSHIRT-BLUE-M", "Organic T-Shirt", "Blue / M", "24.50", 180 },
            { 1071559748L, 1070325066L, "TSHIRT-BLUE-L", "Organic T-Shirt", "Blue / L", "24.50", 190 },
            { 1071559749L, 1070325070L, "MUG-STONE", "Stoneware Mug", null, "12.00", 350 } };
    private static final String[] FINANCIAL = { "paid", "paid", "paid", "paid", "paid", "paid", "pending", "authorized",
            "partially_refunded", "refunded" };

    private OrderGenerator() {
    }

    /** The catalogue the generated orders draw from, as the store's products (inventory stocked per location). */
    public static void stock(Store store) {
        java.util.Map<Long, List<Object[]>> byProduct = new java.util.LinkedHashMap<>();
        for (Object[] p : CATALOGUE) {
            byProduct.computeIfAbsent((Long) p[0], id -> new ArrayList<>()).add(p);
        }
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        byProduct.forEach((productId, rows) -> {
            String title = (String) rows.get(0)[3];
            List<Product.Variant> variants = rows.stream().map(p -> new Product.Variant((Long) p[1], (String) p[2],
                    p[4] == null ? "Default Title" : (String) p[4], new BigDecimal((String) p[5]), store.nextId(),
                    (Integer) p[6])).toList();
            store.addProduct(new Product(productId, title, title.toLowerCase().replaceAll("[^a-z0-9]+", "-"), "ACTIVE",
                    now, variants));
        });
    }

    /** COUNT orders created evenly between FROM and TO, in creation order. */
    public static List<ShopOrder> generate(Store store, long seed, int count, OffsetDateTime from, OffsetDateTime to) {
        Random random = new Random(seed);
        long span = Math.max(1, Duration.between(from, to).toSeconds());
        List<ShopOrder> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            OffsetDateTime created = from.plusSeconds(span * i / Math.max(1, count));
            orders.add(one(store, random, created));
        }
        return orders;
    }

    public static ShopOrder one(Store store, Random random, OffsetDateTime created) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        Address place = PLACES[random.nextInt(PLACES.length)];
        Address shipTo = new Address(first, last, place.company(), place.address1(), place.address2(), place.city(),
                place.province(), place.provinceCode(), place.zip(), place.country(), place.countryCode(), "555-0100");
        int lineCount = 1 + random.nextInt(4);
        List<LineItem> lines = new ArrayList<>(lineCount);
        for (int l = 0; l < lineCount; l++) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                lines.add(new LineItem(store.nextId(), null, null, null, "Gift wrapping", null, 1, 0,
                        new BigDecimal("5.00"), false, false, 0));
            } else if (pick == 1) {
                lines.add(new LineItem(store.nextId(), 1070325099L, 1071559750L, "GIFTCARD-25", "Gift Card", "$25", 1, 0,
                        new BigDecimal("25.00"), false, true, 0));
            } else {
                Object[] p = CATALOGUE[random.nextInt(CATALOGUE.length)];
                lines.add(new LineItem(store.nextId(), (Long) p[1], (Long) p[0], (String) p[2], (String) p[3],
                        (String) p[4], 1 + random.nextInt(3), 0, new BigDecimal((String) p[5]), true, false, (Integer) p[6]));
            }
        }
        OffsetDateTime updated = created.plusMinutes(random.nextInt(90));
        // an order is never updated in the future: orders created in the last hour and a half were updated up to now
        OffsetDateTime now = OffsetDateTime.now(created.getOffset());
        if (updated.isAfter(now)) {
            updated = created.isAfter(now) ? created : now;
        }
        return new ShopOrder(store.nextId(), store.nextOrderNumber(), first.toLowerCase() + "@example.com", created,
                updated, null, null, null, FINANCIAL[random.nextInt(FINANCIAL.length)], "USD", shipTo, List.copyOf(lines),
                null, List.of());
    }
}
