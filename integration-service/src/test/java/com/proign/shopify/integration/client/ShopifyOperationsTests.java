package com.proign.shopify.integration.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.ShopifySchema;

/** Every operation this service sends validates against Shopify's Admin schema, 2026-10. */
class ShopifyOperationsTests {

    @Test
    void everyOperationValidatesAgainstShopifysSchema() throws IOException {
        List<Path> operations = ShopifySchema.operationsOf(Path.of("").toAbsolutePath());
        assertFalse(operations.isEmpty());
        for (Path operation : operations) {
            assertEquals(List.of(), ShopifySchema.validate(Files.readString(operation)), operation.getFileName().toString());
        }
    }

    @Test
    void andTheCheckCatchesAMisspeltField() {
        assertFalse(ShopifySchema.validate("query { shop { nmae } }").isEmpty());
    }
}
