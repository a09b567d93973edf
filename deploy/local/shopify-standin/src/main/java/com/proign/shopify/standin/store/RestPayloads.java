package com.proign.shopify.standin.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST resources webhooks carry (https://shopify.dev/docs/api/admin-rest/latest/resources/order), unwrapped: ids as JSON numbers (beyond 2^53 in a store made with large_ids), money as decimal
 * strings, times with their offset, nullable SKU and variant on custom line items.
 */
public final class RestPayloads {

    private RestPayloads() {
    }

    public static Map<String, Object> order(ShopOrder o, String shopDomain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", o.id());
        body.put("admin_graphql_api_id", "gid://shopify/Order/" + o.id());
        body.put("name", o.name());
        body.put("order_number", o.number());
        body.put("number", o.number() - 1000);
        body.put("email", o.email());
        body.put("contact_email", o.email());
        body.put("created_at", time(o.createdAt()));
        body.put("updated_at", time(o.updatedAt()));
        body.put("processed_at", time(o.createdAt()));
        body.put("cancelled_at", time(o.cancelledAt()));
        body.put("cancel_reason", o.cancelReason());
        body.put("closed_at", time(o.closedAt()));
        body.put("financial_status", o.financialStatus());
        body.put("fulfillment_status", o.fulfillmentStatus());
        body.put("confirmed", true);
        body.put("test", false);
        body.put("currency", o.currency());
        String subtotal = o.subtotal().toPlainString();
        body.put("subtotal_price", subtotal);
        body.put("total_price", subtotal);
        body.put("total_tax", "0.00");
        body.put("total_discounts", "0.00");
        body.put("total_price_set", moneySet(o.subtotal(), o.currency()));
        body.put("checkout_token", Long.toHexString(o.id()));
        body.put("note", o.note());
        body.put("tags", String.join(", ", o.tags()));
        body.put("order_status_url", "https://" + shopDomain + "/orders/" + Long.toHexString(o.id()));
        body.put("shipping_address", address(o.shippingAddress()));
        body.put("billing_address", address(o.shippingAddress()));
        Address a = o.shippingAddress();
        body.put("customer", a == null ? null : Map.of("id", o.customerId(), "email", o.email(),
                "first_name", a.firstName(), "last_name", a.lastName()));
        body.put("line_items", o.lineItems().stream().map(l -> lineItem(l, o.currency())).toList());
        body.put("shipping_lines", List.of());
        body.put("fulfillments", List.of());
        body.put("refunds", List.of());
        return body;
    }

    /** A product as products/create and products/update carry it, variants with inventory_item_id and SKU. */
    public static Map<String, Object> product(Product p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("admin_graphql_api_id", "gid://shopify/Product/" + p.id());
        body.put("title", p.title());
        body.put("handle", p.handle());
        body.put("status", p.status().toLowerCase(java.util.Locale.ROOT));
        body.put("updated_at", time(p.updatedAt()));
        body.put("variants", p.variants().stream().map(v -> {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("id", v.id());
            variant.put("admin_graphql_api_id", "gid://shopify/ProductVariant/" + v.id());
            variant.put("product_id", p.id());
            variant.put("title", v.title());
            variant.put("sku", v.sku());
            variant.put("price", v.price().toPlainString());
            variant.put("inventory_item_id", v.inventoryItemId());
            variant.put("inventory_management", "shopify");
            variant.put("requires_shipping", true);
            variant.put("grams", v.grams());
            return variant;
        }).toList());
        return body;
    }

    public static Map<String, Object> fulfillment(Fulfillment f, ShopOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.id());
        body.put("admin_graphql_api_id", "gid://shopify/Fulfillment/" + f.id());
        body.put("order_id", f.orderId());
        body.put("name", f.name());
        body.put("status", "success");
        body.put("location_id", f.locationId());
        body.put("created_at", time(f.createdAt()));
        body.put("updated_at", time(f.updatedAt()));
        body.put("notify_customer", f.notifyCustomer());
        List<Fulfillment.Tracking> tracking = f.tracking();
        body.put("tracking_company", tracking.isEmpty() ? null : tracking.get(0).company());
        body.put("tracking_number", tracking.isEmpty() ? null : tracking.get(0).number());
        body.put("tracking_numbers", tracking.stream().map(Fulfillment.Tracking::number).toList());
        body.put("tracking_url", tracking.isEmpty() ? null : tracking.get(0).url());
        body.put("tracking_urls", tracking.stream().map(Fulfillment.Tracking::url).toList());
        body.put("line_items", f.lines().stream().map(line -> {
            LineItem item = order.lineItems().stream().filter(l -> l.id() == line.lineItemId()).findFirst().orElseThrow();
            Map<String, Object> shipped = lineItem(item, order.currency());
            shipped.put("quantity", line.quantity());
            return shipped;
        }).toList());
        return body;
    }

    private static Map<String, Object> lineItem(LineItem l, String currency) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", l.id());
        line.put("admin_graphql_api_id", "gid://shopify/LineItem/" + l.id());
        line.put("variant_id", l.variantId());
        line.put("product_id", l.productId());
        line.put("sku", l.sku());
        line.put("title", l.title());
        line.put("variant_title", l.variantTitle());
        line.put("name", l.variantTitle() == null ? l.title() : l.title() + " - " + l.variantTitle());
        line.put("quantity", l.quantity());
        line.put("current_quantity", l.currentQuantity());
        line.put("fulfillable_quantity", l.fulfillableQuantity());
        line.put("fulfillment_status", l.fulfilledQuantity() == 0 ? null
                : l.fulfilledQuantity() >= l.currentQuantity() ? "fulfilled" : "partial");
        line.put("requires_shipping", l.requiresShipping());
        line.put("gift_card", l.giftCard());
        line.put("grams", l.grams());
        line.put("price", l.price().toPlainString());
        line.put("price_set", moneySet(l.price(), currency));
        line.put("properties", List.of());
        return line;
    }

    private static Map<String, Object> address(Address a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("first_name", a.firstName());
        address.put("last_name", a.lastName());
        address.put("name", a.name());
        address.put("company", a.company());
        address.put("address1", a.address1());
        address.put("address2", a.address2());
        address.put("city", a.city());
        address.put("province", a.province());
        address.put("province_code", a.provinceCode());
        address.put("zip", a.zip());
        address.put("country", a.country());
        address.put("country_code", a.countryCode());
        address.put("phone", a.phone());
        return address;
    }

    private static Map<String, Object> moneySet(BigDecimal amount, String currency) {
        Map<String, Object> money = Map.of("amount", amount.toPlainString(), "currency_code", currency);
        return Map.of("shop_money", money, "presentment_money", money);
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toString();
    }

    /**
     * fulfillment_orders/placed_on_hold: the fulfillment order, held, with its holds and the one just placed
     * (https://shopify.dev/docs/api/webhooks/latest?reference=toml#list-of-topics-fulfillment_orders/placed_on_hold).
     */
    public static Map<String, Object> fulfillmentOrderHeld(FulfillmentOrder fo, FulfillmentOrder.Hold placed) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "gid://shopify/FulfillmentOrder/" + fo.id());
        order.put("status", fo.status().toLowerCase(java.util.Locale.ROOT));
        order.put("fulfillment_holds", fo.holds().stream().map(RestPayloads::hold).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fulfillment_order", order);
        body.put("created_fulfillment_hold", hold(placed));
        return body;
    }

    /** fulfillment_orders/hold_released: the fulfillment order as it now is. */
    public static Map<String, Object> fulfillmentOrderReleased(FulfillmentOrder fo) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "gid://shopify/FulfillmentOrder/" + fo.id());
        order.put("status", fo.status().toLowerCase(java.util.Locale.ROOT));
        return Map.of("fulfillment_order", order);
    }

    /** A fulfillment order as the fulfillment_orders/* webhooks name it: its gid, status, location and fulfil-at time. */
    public static Map<String, Object> fulfillmentOrderRef(FulfillmentOrder fo) {
        if (fo == null) {
            return null;
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", "gid://shopify/FulfillmentOrder/" + fo.id());
        ref.put("status", fo.status().toLowerCase(java.util.Locale.ROOT));
        ref.put("assigned_location_id", "gid://shopify/Location/" + fo.locationId());
        ref.put("fulfill_at", fo.fulfillAt() == null ? null : fo.fulfillAt().toString());
        ref.put("request_status", fo.requestStatus().toLowerCase(java.util.Locale.ROOT));
        return ref;
    }

    /**
     * fulfillment_orders/fulfillment_request_submitted and cancellation_request_submitted: the fulfillment order
     * before and as submitted, and the merchant's request with its message.
     */
    public static Map<String, Object> fulfillmentOrderRequested(FulfillmentOrder before, FulfillmentOrder after,
            FulfillmentOrder.MerchantRequest request) {
        Map<String, Object> merchantRequest = new LinkedHashMap<>();
        merchantRequest.put("id", "gid://shopify/FulfillmentOrderMerchantRequest/" + request.id());
        merchantRequest.put("message", request.message());
        merchantRequest.put("request_options", Map.of("notify_customer", request.notifyCustomer()));
        Map<String, Object> body = new LinkedHashMap<>();
        if ("CANCELLATION_REQUEST".equals(request.kind())) {
            body.put("fulfillment_order", fulfillmentOrderRef(after));
        } else {
            body.put("original_fulfillment_order", fulfillmentOrderRef(before));
            body.put("submitted_fulfillment_order", fulfillmentOrderRef(after));
            body.put("unsubmitted_fulfillment_order", null);
        }
        body.put("fulfillment_order_merchant_request", merchantRequest);
        return body;
    }

    /** fulfillment_orders/fulfillment_request_accepted, _rejected, cancellation_request_accepted, _rejected. */
    public static Map<String, Object> fulfillmentOrderAnswered(FulfillmentOrder fo, String message, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fulfillment_order", fulfillmentOrderRef(fo));
        body.put("message", message);
        if (reason != null) {
            body.put("reason", reason.toLowerCase(java.util.Locale.ROOT));
        }
        return body;
    }

    /**
     * fulfillment_orders/moved
     * (https://shopify.dev/docs/api/webhooks/latest?reference=toml#list-of-topics-fulfillment_orders/moved): the
     * original as it now is, the one holding the moved items, the destination and the source location.
     */
    public static Map<String, Object> fulfillmentOrderMoved(FulfillmentOrder original, FulfillmentOrder moved,
            long sourceLocationId, Map<Long, Integer> requested) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("original_fulfillment_order", fulfillmentOrderRef(original));
        body.put("moved_fulfillment_order", fulfillmentOrderRef(moved));
        body.put("destination_location_id", "gid://shopify/Location/" + moved.locationId());
        body.put("fulfillment_order_line_items_requested", requested == null ? null : requested.entrySet().stream()
                .map(e -> Map.of("id", "gid://shopify/FulfillmentOrderLineItem/" + e.getKey(), "quantity", e.getValue()))
                .toList());
        body.put("source_location", Map.of("id", "gid://shopify/Location/" + sourceLocationId));
        return body;
    }

    /** fulfillment_orders/split: the original as it now is, the new one holding the split items, and those items. */
    public static Map<String, Object> fulfillmentOrderSplit(FulfillmentOrder original, FulfillmentOrder remaining,
            Map<Long, Integer> split) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("split_line_items", split.entrySet().stream()
                .map(e -> Map.of("id", "gid://shopify/FulfillmentOrderLineItem/" + e.getKey(), "quantity", e.getValue()))
                .toList());
        body.put("fulfillment_order", fulfillmentOrderRef(original));
        body.put("remaining_fulfillment_order", fulfillmentOrderRef(remaining));
        body.put("replacement_fulfillment_order", null);
        return body;
    }

    /** fulfillment_orders/merged: the fulfillment orders merged, and the one they became. */
    public static Map<String, Object> fulfillmentOrdersMerged(List<FulfillmentOrder> merged, FulfillmentOrder into) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merge_intents", merged.stream().map(fo -> Map.of("fulfillment_order_id", fo.id())).toList());
        body.put("fulfillment_order_merges", List.of(Map.of("fulfillment_order", fulfillmentOrderRef(into))));
        return body;
    }

    /**
     * fulfillment_orders/rescheduled, scheduled_fulfillment_order_ready and order_routing_complete: the fulfillment
     * order as it now is (with its fulfil-at time when scheduled).
     */
    public static Map<String, Object> fulfillmentOrderScheduled(FulfillmentOrder fo) {
        return Map.of("fulfillment_order", fulfillmentOrderRef(fo));
    }

    private static Map<String, Object> hold(FulfillmentOrder.Hold h) {
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("id", "gid://shopify/FulfillmentHold/" + h.id());
        hold.put("reason", h.reason().toLowerCase(java.util.Locale.ROOT));
        hold.put("reason_notes", h.reasonNotes());
        hold.put("handle", h.handle());
        return hold;
    }
}
