package com.proign.shopify.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShopDomainTests {

    @ParameterizedTest
    @ValueSource(strings = { "demo-store.myshopify.com", "  Demo-Store.MyShopify.com ", "https://demo-store.myshopify.com/",
            "http://demo-store.myshopify.com" })
    void normalisesWhatPeoplePaste(String input) {
        assertEquals("demo-store.myshopify.com", ShopDomain.parse(input).value());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "demo-store", "demo-store.com", "shop.example.com", "demo.myshopify.com.evil.com",
            "-demo.myshopify.com", "demo_store.myshopify.com", "a.b.myshopify.com", "demo.myshopify.com/admin" })
    void rejectsAnythingElse(String input) {
        assertThrows(IllegalArgumentException.class, () -> ShopDomain.parse(input));
    }
}
