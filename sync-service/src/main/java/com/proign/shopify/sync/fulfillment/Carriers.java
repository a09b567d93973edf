package com.proign.shopify.sync.fulfillment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The carrier as the warehouse names it, turned into the name Shopify knows (its list of supported tracking
 * companies: https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentTrackingInfo#supported-tracking-companies).
 * Shopify builds the tracking link and the customer's tracking page for a company it knows; a name it does not know
 * is passed as it is, with the warehouse's tracking URL.
 */
public final class Carriers {

    /** What warehouses write (lower case, spaces, dots and dashes dropped) → Shopify's name. */
    private static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        known("UPS", "ups", "unitedparcelservice");
        known("USPS", "usps", "unitedstatespostalservice", "uspostalservice", "uspostal");
        known("FedEx", "fedex", "federalexpress", "fedexground", "fedexexpress");
        known("DHL Express", "dhl", "dhlexpress");
        known("DHL eCommerce", "dhlecommerce", "dhlecom");
        known("Canada Post", "canadapost", "postescanada");
        known("Purolator", "purolator");
        known("Royal Mail", "royalmail");
        known("Parcelforce", "parcelforce", "parcelforceworldwide");
        known("DPD", "dpd");
        known("DPD UK", "dpduk");
        known("GLS", "gls");
        known("PostNL", "postnl");
        known("Australia Post", "australiapost", "auspost");
        known("New Zealand Post", "newzealandpost", "nzpost");
        known("La Poste", "laposte", "colissimo");
        known("Deutsche Post", "deutschepost");
        known("OnTrac", "ontrac");
        known("Amazon Logistics US", "amazonlogistics", "amazonlogisticsus", "amazonshipping");
        known("Evri", "evri", "hermesuk", "myhermes");
        known("Yodel", "yodel");
        known("TNT", "tnt");
        known("Aramex", "aramex");
        known("Japan Post (EN)", "japanpost");
        known("Sendle", "sendle");
    }

    private Carriers() {
    }

    private static void known(String shopify, String... spellings) {
        for (String spelling : spellings) {
            KNOWN.put(spelling, shopify);
        }
    }

    /** Shopify's name for the carrier, or the name as given when Shopify's list has no such carrier; null for none. */
    public static String shopifyName(String carrier) {
        if (carrier == null || carrier.isBlank()) {
            return null;
        }
        String key = carrier.toLowerCase(Locale.ROOT).replaceAll("[\\s.\\-_]", "");
        return KNOWN.getOrDefault(key, carrier.strip());
    }
}
