package com.proign.shopify.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every .graphql operation of the module under test (src/main/resources/shopify/graphql) validates against
 * Shopify's 2026-10 schema. A module's test extends this class; it runs in the module's directory.
 */
public abstract class ShopifyOperationsCheck {

    @Test
    void everyOperationValidatesAgainstShopifysSchema() throws IOException {
        List<Path> operations = ShopifySchema.operationsOf(Path.of("").toAbsolutePath());
        assertFalse(operations.isEmpty(), "the module has .graphql operations");
        for (Path operation : operations) {
            assertEquals(List.of(), ShopifySchema.validate(Files.readString(operation)), operation.getFileName().toString());
        }
    }

    @Test
    void andTheCheckCatchesAMisspeltField() {
        assertFalse(ShopifySchema.validate("query { shop { nmae } }").isEmpty());
    }

    @Test
    void andADeprecatedFieldOrArgument() {
        List<String> field = ShopifySchema.validate(
                "query { order(id: \"gid://shopify/Order/1\") { lineItems(first: 1) { nodes { fulfillableQuantity } } } }");
        assertEquals(1, field.size(), field.toString());
        assertTrue(field.get(0).startsWith("LineItem.fulfillableQuantity is deprecated"), field.get(0));
        assertTrue(ShopifySchema.validate("query { order(id: \"gid://shopify/Order/1\") { lineItems(first: 1) { nodes { "
                + "unfulfilledQuantity currentQuantity } } } }").isEmpty());
    }
}
