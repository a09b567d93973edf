package com.proign.shopify.standin.graphql;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.proign.shopify.standin.store.Address;
import com.proign.shopify.standin.store.LineItem;
import com.proign.shopify.standin.store.Location;
import com.proign.shopify.standin.store.ShopOrder;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.WebhookSubscription;

/** The stand-in's records as GraphQL values: maps keyed by Shopify's field names, with their __typename. */
final class GraphqlViews {

    private GraphqlViews() {
    }

    static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The numeric id of a gid of TYPE, or null when it is not one. */
    static Long idOf(String type, String gid) {
        String prefix = "gid://shopify/" + type + "/";
        if (gid == null || !gid.startsWith(prefix)) {
            return null;
        }
        try {
            return Long.parseLong(gid.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Map<String, Object> order(ShopOrder o) {
        Map<String, Object> view = typed("Order");
        view.put("id", gid("Order", o.id()));
        view.put("legacyResourceId", Long.toString(o.id()));
        view.put("name", o.name());
        view.put("email", o.email());
        view.put("createdAt", time(o.createdAt()));
        view.put("processedAt", time(o.createdAt()));
        view.put("updatedAt", time(o.updatedAt()));
        view.put("cancelledAt", time(o.cancelledAt()));
        view.put("cancelReason", o.cancelReason() == null ? null : o.cancelReason().toUpperCase(Locale.ROOT));
        view.put("closedAt", time(o.closedAt()));
        view.put("closed", o.closedAt() != null);
        view.put("confirmed", true);
        view.put("test", false);
        view.put("note", o.note());
        view.put("phone", null);
        view.put("tags", o.tags());
        view.put("currencyCode", o.currency());
        view.put("displayFinancialStatus", o.financialStatus().toUpperCase(Locale.ROOT));
        String fulfillment = o.fulfillmentStatus();
        view.put("displayFulfillmentStatus",
                fulfillment == null ? "UNFULFILLED" : fulfillment.equals("partial") ? "PARTIALLY_FULFILLED" : "FULFILLED");
        view.put("requiresShipping", o.lineItems().stream().anyMatch(LineItem::requiresShipping));
        view.put("subtotalPriceSet", money(o.subtotal(), o.currency()));
        view.put("totalPriceSet", money(o.subtotal(), o.currency()));
        view.put("shippingAddress", mailingAddress(o.shippingAddress()));
        view.put(SOURCE, o);
        return view;
    }

    /** The record behind a view, for fields computed by data fetchers (lineItems, fulfillmentOrders). */
    static final String SOURCE = "__source";

    static Map<String, Object> lineItem(LineItem l, String currency) {
        Map<String, Object> view = typed("LineItem");
        view.put("id", gid("LineItem", l.id()));
        view.put("sku", l.sku());
        view.put("title", l.title());
        view.put("name", l.variantTitle() == null ? l.title() : l.title() + " - " + l.variantTitle());
        view.put("variantTitle", l.variantTitle());
        view.put("quantity", l.quantity());
        view.put("currentQuantity", l.currentQuantity());
        view.put("unfulfilledQuantity", l.fulfillableQuantity());
        view.put("fulfillableQuantity", l.fulfillableQuantity());
        view.put("nonFulfillableQuantity", 0);
        view.put("requiresShipping", l.requiresShipping());
        view.put("isGiftCard", l.giftCard());
        view.put("originalUnitPriceSet", money(l.price(), currency));
        view.put("variant", l.variantId() == null ? null
                : Map.of(SchemaWiring.TYPENAME, "ProductVariant", "id", gid("ProductVariant", l.variantId()),
                        "legacyResourceId", Long.toString(l.variantId()), "sku", l.sku() == null ? "" : l.sku(),
                        "title", l.variantTitle() == null ? "Default Title" : l.variantTitle()));
        return view;
    }

    static Map<String, Object> mailingAddress(Address a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> view = typed("MailingAddress");
        view.put("name", a.name());
        view.put("firstName", a.firstName());
        view.put("lastName", a.lastName());
        view.put("company", a.company());
        view.put("address1", a.address1());
        view.put("address2", a.address2());
        view.put("city", a.city());
        view.put("province", a.province());
        view.put("provinceCode", a.provinceCode());
        view.put("zip", a.zip());
        view.put("country", a.country());
        view.put("countryCodeV2", a.countryCode());
        view.put("phone", a.phone());
        return view;
    }

    static Map<String, Object> location(Location l) {
        Map<String, Object> view = typed("Location");
        view.put("id", gid("Location", l.id()));
        view.put("legacyResourceId", Long.toString(l.id()));
        view.put("name", l.name());
        view.put("isActive", l.active());
        view.put("fulfillsOnlineOrders", l.fulfillsOnlineOrders());
        Address a = l.address();
        Map<String, Object> address = typed("LocationAddress");
        if (a != null) {
            address.put("address1", a.address1());
            address.put("address2", a.address2());
            address.put("city", a.city());
            address.put("province", a.province());
            address.put("provinceCode", a.provinceCode());
            address.put("zip", a.zip());
            address.put("country", a.country());
            address.put("countryCode", a.countryCode());
            address.put("phone", a.phone());
        }
        address.put("formatted", a == null ? List.of() : List.of(a.address1(), a.city() + " " + a.zip(), a.country()));
        view.put("address", address);
        view.put("isFulfillmentService", l.fulfillmentService());
        if (l.fulfillmentService()) {
            Map<String, Object> service = typed("FulfillmentService");
            service.put("id", gid("FulfillmentService", l.id()));
            service.put("handle", l.serviceHandle());
            service.put("serviceName", l.serviceName());
            service.put("type", "THIRD_PARTY");
            service.put("inventoryManagement", false);
            service.put("trackingSupport", true);
            service.put("requiresShippingMethod", false);
            view.put("fulfillmentService", service);
        } else {
            view.put("fulfillmentService", null);
        }
        return view;
    }

    static Map<String, Object> shop(Store s) {
        Map<String, Object> view = typed("Shop");
        view.put("id", gid("Shop", Math.abs((long) s.domain().hashCode())));
        view.put("name", s.name());
        view.put("myshopifyDomain", s.domain());
        view.put("email", "owner@" + s.domain());
        view.put("currencyCode", "USD");
        view.put("ianaTimezone", "America/New_York");
        view.put("plan", Map.of(SchemaWiring.TYPENAME, "ShopPlan", "displayName", s.plan(), "publicDisplayName", s.plan(),
                "partnerDevelopment", false, "shopifyPlus", s.plan().equalsIgnoreCase("plus")));
        view.put("primaryDomain", Map.of(SchemaWiring.TYPENAME, "Domain", "host", s.domain(),
                "url", "https://" + s.domain(), "sslEnabled", true, "id", gid("Domain", 1)));
        return view;
    }

    static Map<String, Object> webhookSubscription(WebhookSubscription w) {
        Map<String, Object> view = typed("WebhookSubscription");
        view.put("id", w.gid());
        view.put("topic", w.topic());
        view.put("uri", w.uri());
        view.put("callbackUrl", w.uri());
        view.put("name", w.name());
        view.put("format", "JSON");
        view.put("includeFields", List.of());
        view.put("filter", null);
        view.put("createdAt", time(w.createdAt()));
        view.put("updatedAt", time(w.createdAt()));
        view.put("apiVersion", Map.of(SchemaWiring.TYPENAME, "ApiVersion", "handle", w.apiVersion(),
                "displayName", w.apiVersion(), "supported", true));
        return view;
    }

    static Map<String, Object> userError(List<String> field, String message) {
        Map<String, Object> view = typed("UserError");
        view.put("field", field);
        view.put("message", message);
        return view;
    }

    static Map<String, Object> money(BigDecimal amount, String currency) {
        Map<String, Object> value = Map.of(SchemaWiring.TYPENAME, "MoneyV2", "amount", amount.toPlainString(),
                "currencyCode", currency);
        return Map.of(SchemaWiring.TYPENAME, "MoneyBag", "shopMoney", value, "presentmentMoney", value);
    }

    static Map<String, Object> typed(String type) {
        Map<String, Object> view = new HashMap<>();
        view.put(SchemaWiring.TYPENAME, type);
        return view;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(java.time.ZoneOffset.UTC).toString();
    }
}
