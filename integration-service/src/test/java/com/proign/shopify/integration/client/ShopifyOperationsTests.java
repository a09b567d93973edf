package com.proign.shopify.integration.client;

import com.proign.shopify.testinfra.ShopifyOperationsCheck;

/** This module's GraphQL operations against Shopify's schema. */
class ShopifyOperationsTests extends ShopifyOperationsCheck {
}
