package com.proign.shopify.orders.service;

import java.util.ArrayList;
import java.util.List;

import com.proign.shopify.orders.OrderStatus;

/**
 * The merchant's requests to the warehouse's fulfillment service in the queue
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps/build-for-fulfillment-services):
 * what the order's fulfillment orders at the service's location say of them, where that puts the order, and the
 * cancellation rule.
 */
public final class RequestRules {

    private RequestRules() {
    }

    /** A fulfillment order at the warehouse's fulfillment service's location as last read. */
    public record Requested(String status, String requestStatus, String requestMessage, String response) {
    }

    /**
     * The order's requests: {@code fulfillment} unsubmitted (assigned to the service, not requested yet), submitted,
     * accepted or rejected; {@code cancellation} requested,
     * accepted or rejected; null for none; {@code note} what the merchant said and what was answered, in words.
     */
    public record Requests(String fulfillment, String cancellation, String note) {
    }

    /** What Shopify's request statuses of the order's fulfillment orders at the service's location say. */
    public static Requests of(List<Requested> fulfillmentOrders) {
        String fulfillment = null;
        String cancellation = null;
        List<String> notes = new ArrayList<>();
        if (any(fulfillmentOrders, "SUBMITTED")) {
            fulfillment = "submitted";
            notes.add(note("Fulfillment requested by the merchant", message(fulfillmentOrders, "SUBMITTED", false)));
        } else if (any(fulfillmentOrders, "ACCEPTED") || any(fulfillmentOrders, "CANCELLATION_REQUESTED")
                || any(fulfillmentOrders, "CANCELLATION_REJECTED") || any(fulfillmentOrders, "CLOSED")) {
            fulfillment = "accepted";
        } else if (any(fulfillmentOrders, "REJECTED")) {
            fulfillment = "rejected";
            notes.add(note("Fulfillment request rejected", message(fulfillmentOrders, "REJECTED", true)));
        } else if (fulfillmentOrders.stream().anyMatch(fo -> "UNSUBMITTED".equals(fo.requestStatus()) && "OPEN".equals(fo.status()))) {
            fulfillment = "unsubmitted";
            notes.add("Assigned to the warehouse's fulfillment service: waiting for the merchant to request fulfillment");
        }
        if (any(fulfillmentOrders, "CANCELLATION_REQUESTED")) {
            cancellation = "requested";
            notes.add(note("Cancellation requested by the merchant", message(fulfillmentOrders, "CANCELLATION_REQUESTED", false)));
        } else if (any(fulfillmentOrders, "CANCELLATION_ACCEPTED")) {
            cancellation = "accepted";
            notes.add(note("Cancellation accepted", message(fulfillmentOrders, "CANCELLATION_ACCEPTED", true)));
        } else if (any(fulfillmentOrders, "CANCELLATION_REJECTED")) {
            cancellation = "rejected";
            notes.add(note("Cancellation rejected", message(fulfillmentOrders, "CANCELLATION_REJECTED", true)));
        }
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new Requests(fulfillment, cancellation, note == null || note.length() <= 1000 ? note : note.substring(0, 1000));
    }

    /**
     * Where the requests put the order: a fulfillment request waiting (or not yet sent) takes a pending order (or one
     * rejected before) to requested; accepted, it is pending; rejected, rejected; an accepted cancellation cancels what has
     * not shipped. Other stages stay as they are.
     */
    public static OrderStatus status(OrderStatus status, Requests requests) {
        if ("accepted".equals(requests.cancellation())) {
            return switch (status) {
                case shipped, partially_shipped, cancelled, refunded -> status;
                default -> OrderStatus.cancelled;
            };
        }
        boolean waiting = "submitted".equals(requests.fulfillment()) || "unsubmitted".equals(requests.fulfillment());
        if (waiting && (status == OrderStatus.pending || status == OrderStatus.rejected)) {
            return OrderStatus.requested;
        }
        if ("accepted".equals(requests.fulfillment()) && (status == OrderStatus.requested || status == OrderStatus.rejected)) {
            return OrderStatus.pending;
        }
        if ("rejected".equals(requests.fulfillment()) && status == OrderStatus.requested) {
            return OrderStatus.rejected;
        }
        return status;
    }

    /** The cancellation rule's answer: accept or reject with the message Shopify shows the merchant. */
    public record Answer(boolean accept, String message) {
    }

    /**
     * accept_before_picking: accepted while nothing of the order is picked, rejected once it is packed or shipped;
     * null while picking (the warehouse decides).
     */
    public static Answer cancellationRule(OrderStatus status, OrderStatus heldFrom) {
        OrderStatus stage = status == OrderStatus.on_hold && heldFrom != null ? heldFrom : status;
        return switch (stage) {
            case pending, requested, rejected, on_hold, assigned_elsewhere, filtered -> new Answer(true, "Nothing was picked yet");
            case packed -> new Answer(false, "The order is packed at the warehouse");
            case partially_shipped, shipped -> new Answer(false, "The order has shipped from the warehouse");
            default -> null;
        };
    }

    private static boolean any(List<Requested> fulfillmentOrders, String requestStatus) {
        return fulfillmentOrders.stream().anyMatch(fo -> requestStatus.equals(fo.requestStatus())
                && !("SUBMITTED".equals(requestStatus) && !"OPEN".equals(fo.status())));
    }

    private static String message(List<Requested> fulfillmentOrders, String requestStatus, boolean answer) {
        return fulfillmentOrders.stream().filter(fo -> requestStatus.equals(fo.requestStatus()))
                .map(fo -> answer ? fo.response() : fo.requestMessage())
                .filter(m -> m != null && !m.isBlank()).findFirst().orElse(null);
    }

    private static String note(String what, String said) {
        return said == null ? what : what + ": " + said.strip();
    }
}
