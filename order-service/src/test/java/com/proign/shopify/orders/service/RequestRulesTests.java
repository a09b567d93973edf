package com.proign.shopify.orders.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.service.RequestRules.Requested;
import com.proign.shopify.orders.service.RequestRules.Requests;

class RequestRulesTests {

    @Test
    void aRequestWaitingMakesAPendingOrderRequestedAndItsAnswerMovesItOn() {
        Requests submitted = RequestRules.of(List.of(new Requested("OPEN", "SUBMITTED", "ship before Friday", null)));
        assertEquals("submitted", submitted.fulfillment());
        assertEquals("Fulfillment requested by the merchant: ship before Friday", submitted.note());
        assertEquals(OrderStatus.requested, RequestRules.status(OrderStatus.pending, submitted));
        assertEquals(OrderStatus.picking, RequestRules.status(OrderStatus.picking, submitted), "a stage past pending stays");

        Requests accepted = RequestRules.of(List.of(new Requested("IN_PROGRESS", "ACCEPTED", null, "on its way")));
        assertEquals(OrderStatus.pending, RequestRules.status(OrderStatus.requested, accepted));
        assertNull(accepted.note());

        Requests rejected = RequestRules.of(List.of(new Requested("OPEN", "REJECTED", null, "invalid sku: The warehouse does not stock GHOST-1")));
        assertEquals(OrderStatus.rejected, RequestRules.status(OrderStatus.requested, rejected));
        assertEquals("Fulfillment request rejected: invalid sku: The warehouse does not stock GHOST-1", rejected.note());
        // assigned to the service, the merchant not asking yet: not pickable either
        Requests unsubmitted = RequestRules.of(List.of(new Requested("OPEN", "UNSUBMITTED", null, null)));
        assertEquals("unsubmitted", unsubmitted.fulfillment());
        assertEquals(OrderStatus.requested, RequestRules.status(OrderStatus.pending, unsubmitted));
        // the merchant asks again
        assertEquals(OrderStatus.requested, RequestRules.status(OrderStatus.rejected, submitted));
    }

    @Test
    void anAcceptedCancellationCancelsWhatHasNotShipped() {
        Requests requested = RequestRules.of(List.of(new Requested("IN_PROGRESS", "CANCELLATION_REQUESTED", "changed their mind", null)));
        assertEquals("accepted", requested.fulfillment());
        assertEquals("requested", requested.cancellation());
        assertEquals(OrderStatus.picking, RequestRules.status(OrderStatus.picking, requested));
        Requests accepted = RequestRules.of(List.of(new Requested("CANCELLED", "CANCELLATION_ACCEPTED", null, "Nothing was picked yet")));
        assertEquals(OrderStatus.cancelled, RequestRules.status(OrderStatus.pending, accepted));
        assertEquals(OrderStatus.shipped, RequestRules.status(OrderStatus.shipped, accepted));
        Requests refused = RequestRules.of(List.of(new Requested("IN_PROGRESS", "CANCELLATION_REJECTED", null, "The order is packed")));
        assertEquals("rejected", refused.cancellation());
        assertEquals(OrderStatus.packed, RequestRules.status(OrderStatus.packed, refused));
        assertEquals("Cancellation rejected: The order is packed", refused.note());
    }

    @Test
    void theCancellationRuleAcceptsBeforePickingRejectsOncePackedAndLeavesPickingToTheWarehouse() {
        assertTrue(RequestRules.cancellationRule(OrderStatus.pending, null).accept());
        assertTrue(RequestRules.cancellationRule(OrderStatus.on_hold, OrderStatus.pending).accept());
        assertNull(RequestRules.cancellationRule(OrderStatus.picking, null));
        assertNull(RequestRules.cancellationRule(OrderStatus.on_hold, OrderStatus.picking));
        assertFalse(RequestRules.cancellationRule(OrderStatus.packed, null).accept());
        assertEquals("The order has shipped from the warehouse", RequestRules.cancellationRule(OrderStatus.shipped, null).message());
    }
}
