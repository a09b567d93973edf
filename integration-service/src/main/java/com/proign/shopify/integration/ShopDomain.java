package com.proign.shopify.integration;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A store's permanent domain, {@code name.myshopify.com}: the key Shopify puts in X-Shopify-Shop-Domain.
 * Accepts what a person pastes (scheme, upper case, trailing slash) and normalises it; nothing else passes.
 */
public record ShopDomain(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}\\.myshopify\\.com");

    public ShopDomain {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a myshopify.com store domain: " + value);
        }
    }

    public static ShopDomain parse(String input) {
        if (input == null) {
            throw new IllegalArgumentException("a store domain is required, like your-store.myshopify.com");
        }
        String s = input.strip().toLowerCase(Locale.ROOT);
        s = s.replaceFirst("^https?://", "");
        s = s.replaceFirst("/+$", "");
        if (!VALID.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "'" + input + "' is not a store's permanent domain; use the name.myshopify.com form");
        }
        return new ShopDomain(s);
    }

    @Override
    public String toString() {
        return value;
    }
}
