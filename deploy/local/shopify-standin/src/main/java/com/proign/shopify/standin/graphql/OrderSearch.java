package com.proign.shopify.standin.graphql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.proign.shopify.standin.store.ShopOrder;

/**
 * Shopify's search syntax for {@code orders(query:)}: space-separated terms ANDed, {@code field:value} with
 * comparators {@code > >= < <=} for dates, quoted values, {@code -} to negate. Filters the suite relies on:
 * {@code updated_at}, {@code created_at}, {@code status}, {@code financial_status}, {@code fulfillment_status};
 * others are ignored, as Shopify ignores filters it does not know.
 */
final class OrderSearch {

    static final Pattern TERM = Pattern.compile("(-?)(\\w+):(>=|<=|>|<)?(?:'([^']*)'|\"([^\"]*)\"|(\\S+))");

    private OrderSearch() {
    }

    static Predicate<ShopOrder> parse(String query) {
        Predicate<ShopOrder> all = order -> true;
        if (query == null || query.isBlank()) {
            return all;
        }
        List<Predicate<ShopOrder>> terms = new ArrayList<>();
        Matcher m = TERM.matcher(query);
        while (m.find()) {
            String value = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
            Predicate<ShopOrder> term = term(m.group(2).toLowerCase(Locale.ROOT), m.group(3), value);
            if (term != null) {
                terms.add(m.group(1).isEmpty() ? term : term.negate());
            }
        }
        for (Predicate<ShopOrder> term : terms) {
            all = all.and(term);
        }
        return all;
    }

    private static Predicate<ShopOrder> term(String field, String comparator, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (field) {
            case "updated_at" -> time(ShopOrder::updatedAt, comparator, value);
            case "created_at" -> time(ShopOrder::createdAt, comparator, value);
            case "status" -> v.equals("any") ? null : order -> order.status().equals(v);
            case "financial_status" -> financial(v);
            case "fulfillment_status" -> fulfillment(v);
            default -> null;
        };
    }

    /**
     * Shopify's financial_status filter: a status, {@code any}, or {@code unpaid}, which Shopify documents as "authorized
     * and partially paid orders" (https://shopify.dev/docs/api/admin-rest/latest/resources/order#get-orders).
     */
    private static Predicate<ShopOrder> financial(String v) {
        return switch (v) {
            case "any" -> null;
            case "unpaid" -> order -> "authorized".equals(order.financialStatus()) || "partially_paid".equals(order.financialStatus());
            default -> order -> v.equals(order.financialStatus());
        };
    }

    private static Predicate<ShopOrder> fulfillment(String v) {
        return switch (v) {
            case "any" -> null;
            case "shipped", "fulfilled" -> order -> "fulfilled".equals(order.fulfillmentStatus());
            case "partial" -> order -> "partial".equals(order.fulfillmentStatus());
            case "unshipped", "unfulfilled" -> order -> order.fulfillmentStatus() == null;
            default -> order -> false;
        };
    }

    static <T> Predicate<T> time(java.util.function.Function<T, OffsetDateTime> of,
            String comparator, String value) {
        OffsetDateTime at = parseTime(value);
        String c = comparator == null ? "=" : comparator;
        return order -> {
            int cmp = of.apply(order).compareTo(at);
            return switch (c) {
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                default -> of.apply(order).toLocalDate().equals(at.toLocalDate());
            };
        };
    }

    static OffsetDateTime parseTime(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw Connections.error("invalid date in search query: " + value);
            }
        }
    }
}
