package com.proign.shopify.sync.fulfillment;

import java.util.UUID;

/**
 * What sync-service.fulfillment-results carries (docs/asyncapi.yaml, message fulfillmentResult): a shipment synced to
 * Shopify, with the fulfillment's id, or failed, with Shopify's reason.
 */
public record FulfillmentResult(String tenant, UUID shipmentId, String status, String error, Long shopifyFulfillmentId) {
}
