package com.proign.shopify.orders.messaging;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.Shipment;
import com.proign.shopify.orders.service.PoisonRecordException;

/**
 * What sync-service.fulfillment-results carries (docs/asyncapi.yaml, message fulfillmentResult): a shipment synced
 * to Shopify (with its fulfillment id) or failed (with the reason).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FulfillmentResult(String tenant, UUID shipmentId, Shipment.SyncStatus status, String error,
        Long shopifyFulfillmentId) {

    /** The record's result; a PoisonRecordException says why it can never be applied. */
    static FulfillmentResult read(ObjectMapper json, String value) {
        FulfillmentResult result;
        try {
            result = value == null ? null : json.readValue(value, FulfillmentResult.class);
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("unreadable fulfillment result: not JSON of its shape (shipment_id a UUID, status synced or failed)");
        }
        if (result == null || result.shipmentId() == null || result.status() == null) {
            throw new PoisonRecordException("unreadable fulfillment result: it needs shipment_id and status");
        }
        if (result.tenant() == null || result.status() == Shipment.SyncStatus.pending) {
            throw new PoisonRecordException("fulfillment result without tenant or final status");
        }
        return result;
    }
}
