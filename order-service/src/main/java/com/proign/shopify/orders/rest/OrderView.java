package com.proign.shopify.orders.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.proign.shopify.orders.Address;
import com.proign.shopify.orders.Order;
import com.proign.shopify.orders.OrderLine;

/** An order of the queue as the API shows it (snake_case JSON). */
public record OrderView(
        UUID id,
        long shopifyOrderId,
        String shopifyOrderNumber,
        String status,
        long version,
        String holdReason,
        /** On hold because Shopify holds it (its reason in hold_reason): released in Shopify, not here. */
        boolean heldInShopify,
        boolean cancelledAfterShipping,
        /** Shopify changed the order's lines after picking started; picking stays as it was until acknowledged (edits). */
        boolean changedAfterPicking,
        /**
         * The warehouse as the store's fulfillment service: the merchant's fulfillment request (unsubmitted: assigned
         * to the service, not requested yet; submitted: waiting for the warehouse's answer; accepted; rejected) and cancellation request (requested, accepted, rejected), null when none; request_note says what
         * the merchant said and what was answered.
         */
        String fulfillmentRequest,
        String cancellationRequest,
        String requestNote,
        String financialStatus,
        String fulfillmentStatus,
        String currency,
        BigDecimal totalPrice,
        List<Item> items,
        Address shippingAddress,
        OffsetDateTime orderedAt,
        OffsetDateTime cancelledAt,
        OffsetDateTime importedAt,
        OffsetDateTime queuedAt,
        OffsetDateTime updatedAt,
        /** When the customer's personal data was erased (customers/redact, retention); the address is gone since. */
        OffsetDateTime personalDataErasedAt,
        List<ShipmentView> shipments) {

    /** A shipment and whether Shopify was told: pending, synced, or failed with the reason. */
    public record ShipmentView(UUID id, String carrier, String trackingNumber, String trackingUrl,
            List<String> trackingNumbers, List<String> trackingUrls, OffsetDateTime shippedAt, List<ShipmentLineView> lines, String syncStatus, String syncError,
            Long shopifyFulfillmentId, OffsetDateTime syncedAt) {

        public static ShipmentView of(com.proign.shopify.orders.Shipment s) {
            return new ShipmentView(s.id, s.carrier, s.trackingNumber, s.trackingUrl, List.of(s.trackingNumbers),
                    List.of(s.trackingUrls), s.shippedAt,
                    s.lines.stream().map(l -> new ShipmentLineView(l.shopifyLineItemId, l.quantity)).toList(),
                    s.syncStatus.name(), s.syncError, s.shopifyFulfillmentId, s.syncedAt);
        }
    }

    public record ShipmentLineView(long shopifyLineItemId, int quantity) {
    }

    public record Item(
            long shopifyLineItemId,
            Long shopifyVariantId,
            String sku,
            String title,
            String variantTitle,
            int quantity,
            int fulfillableQuantity,
            BigDecimal price,
            boolean requiresShipping,
            boolean giftCard,
            boolean pickable,
            int shippedQuantity,
            /** Units Shopify assigned to other locations or fulfillment services: not this warehouse's to pick. */
            int elsewhereQuantity,
            /** Where those are, in words ("Acme 3PL (a fulfillment service)"); null when none. */
            String assignedElsewhere,
            int quantityToPick) {

        static Item of(OrderLine line) {
            return new Item(line.shopifyLineItemId, line.shopifyVariantId, line.sku, line.title, line.variantTitle,
                    line.quantity, line.fulfillableQuantity, line.price, line.requiresShipping, line.giftCard,
                    line.pickable(), line.shippedQuantity, line.elsewhereQuantity,
                    line.elsewhereQuantity == 0 ? null : line.assignedElsewhere, line.quantityToPick());
        }
    }

    public static OrderView of(Order order) {
        return of(order, null);
    }

    /** With its shipments (the detail view); the list leaves them out. */
    public static OrderView of(Order order, List<com.proign.shopify.orders.Shipment> shipments) {
        return new OrderView(order.id, order.shopifyOrderId, order.shopifyOrderNumber, order.status.name(),
                order.version, order.holdReason, order.heldByShopify, order.cancelledAfterShipping, order.changedAfterPicking,
                order.fulfillmentRequest, order.cancellationRequest, order.requestNote,
                order.financialStatus, order.fulfillmentStatus, order.currency, order.totalPrice,
                order.lines.stream().map(Item::of).toList(), order.shippingAddress == null ? null : order.shippingAddress.toAddress(),
                order.shopifyCreatedAt, order.cancelledAt, order.importedAt, order.queuedAt, order.updatedAt,
                order.redactedAt, shipments == null ? null : shipments.stream().map(ShipmentView::of).toList());
    }
}
