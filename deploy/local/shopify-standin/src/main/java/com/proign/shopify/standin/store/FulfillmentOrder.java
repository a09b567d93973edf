package com.proign.shopify.standin.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What one location must still ship of an order (Shopify's fulfillment order), immutable, with its holds
 * (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentHold): held, it is ON_HOLD and cannot be
 * fulfilled until every hold is released. One assigned to a fulfillment service carries the request the merchant
 * sent that service and its answer (requestStatus, merchant requests:
 * https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps/build-for-fulfillment-services).
 */
public record FulfillmentOrder(long id, long orderId, long locationId, String status, List<Line> lines, List<Hold> holds,
        OffsetDateTime fulfillAt, boolean atFulfillmentService, OffsetDateTime updatedAt, String requestStatus,
        List<MerchantRequest> requests) {

    /** A line of a fulfillment order: its own id, the order's line item, how many are left to ship. */
    public record Line(long id, long lineItemId, int totalQuantity, int remainingQuantity) {
    }

    /**
     * A hold: Shopify's reason (FulfillmentHoldReason), the notes, the placing app's handle (null for the merchant's
     * own hold in the admin), and whether an app placed it.
     */
    public record Hold(long id, String reason, String reasonNotes, String handle, boolean byApp) {
    }

    /**
     * What the merchant asked the fulfillment service (FULFILLMENT_REQUEST or CANCELLATION_REQUEST), with their
     * message, when, and the service's answer (its message; a rejection's reason).
     */
    public record MerchantRequest(long id, String kind, String message, OffsetDateTime sentAt, boolean notifyCustomer,
            String responseMessage, String rejectionReason) {
    }

    /** Shopify allows up to ten holds on one fulfillment order (2025-01 and later). */
    public static final int MAX_HOLDS = 10;

    public FulfillmentOrder(long id, long orderId, long locationId, String status, List<Line> lines) {
        this(id, orderId, locationId, status, lines, List.of(), null, false, now(), "UNSUBMITTED", List.of());
    }

    /**
     * The actions Shopify offers an order-management app for a fulfillment order in this status: at a
     * merchant-managed location it may fulfil, hold, move and split it; one assigned to a fulfillment service may
     * only be requested from that service or moved (since 2024-10 another app cannot fulfil it), and is fulfilled by
     * that service once it accepted the request; a scheduled one can be opened early.
     */
    public List<String> supportedActions() {
        if (atFulfillmentService) {
            return switch (status) {
                case "OPEN" -> "SUBMITTED".equals(requestStatus) ? List.of("CANCEL_FULFILLMENT_ORDER")
                        : List.of("REQUEST_FULFILLMENT", "MOVE");
                case "IN_PROGRESS" -> "CANCELLATION_REQUESTED".equals(requestStatus) ? List.of()
                        : List.of("CREATE_FULFILLMENT", "REQUEST_CANCELLATION");
                case "SCHEDULED" -> List.of("MARK_AS_OPEN");
                default -> List.of();
            };
        }
        return switch (status) {
            case "OPEN", "IN_PROGRESS" -> remaining() > 1 ? List.of("CREATE_FULFILLMENT", "HOLD", "MOVE", "SPLIT")
                    : List.of("CREATE_FULFILLMENT", "HOLD", "MOVE");
            case "ON_HOLD" -> holds.size() < MAX_HOLDS ? List.of("RELEASE_HOLD", "HOLD") : List.of("RELEASE_HOLD");
            case "SCHEDULED" -> List.of("MARK_AS_OPEN", "MOVE");
            default -> List.of();
        };
    }

    /** Each change is a new record, updated now (Shopify's times have whole seconds). */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** How many units are left to ship of it. */
    public int remaining() {
        return lines.stream().mapToInt(Line::remainingQuantity).sum();
    }

    public FulfillmentOrder with(String newStatus, List<Line> newLines) {
        return new FulfillmentOrder(id, orderId, locationId, newStatus, newLines, holds, fulfillAt, atFulfillmentService,
                now(), requestStatus, requests);
    }

    /** Assigned to another location (a fulfillment service's, or not): a request to the one before does not follow. */
    public FulfillmentOrder at(long newLocationId, boolean service) {
        return new FulfillmentOrder(id, orderId, newLocationId, status, lines, holds, fulfillAt, service, now(),
                "UNSUBMITTED", List.of());
    }

    /** Scheduled to be fulfilled at {@code when} (a prepaid subscription's later delivery), or open now (null). */
    public FulfillmentOrder scheduled(OffsetDateTime when) {
        return new FulfillmentOrder(id, orderId, locationId, when == null ? "OPEN" : "SCHEDULED", lines, holds, when,
                atFulfillmentService, now(), requestStatus, requests);
    }

    /** With these holds: ON_HOLD while there is one, otherwise open again (in progress when some was shipped). */
    public FulfillmentOrder withHolds(List<Hold> newHolds) {
        String released = lines.stream().anyMatch(l -> l.remainingQuantity() < l.totalQuantity()) ? "IN_PROGRESS" : "OPEN";
        return new FulfillmentOrder(id, orderId, locationId, newHolds.isEmpty() ? released : "ON_HOLD", lines,
                List.copyOf(newHolds), fulfillAt, atFulfillmentService, now(), requestStatus, requests);
    }

    /** The merchant asked the fulfillment service (a request of {@code kind}): the request is in {@code newRequestStatus}. */
    public FulfillmentOrder requested(String newRequestStatus, MerchantRequest request) {
        List<MerchantRequest> all = new ArrayList<>(requests);
        all.add(request);
        return new FulfillmentOrder(id, orderId, locationId, status, lines, holds, fulfillAt, atFulfillmentService, now(),
                newRequestStatus, List.copyOf(all));
    }

    /**
     * The fulfillment service answered the newest request of {@code kind}: the fulfillment order is in
     * {@code newStatus} and its request in {@code newRequestStatus}.
     */
    public FulfillmentOrder answered(String kind, String newStatus, String newRequestStatus, String message, String reason) {
        List<MerchantRequest> all = new ArrayList<>(requests);
        for (int i = all.size() - 1; i >= 0; i--) {
            MerchantRequest r = all.get(i);
            if (r.kind().equals(kind)) {
                all.set(i, new MerchantRequest(r.id(), r.kind(), r.message(), r.sentAt(), r.notifyCustomer(), message, reason));
                break;
            }
        }
        return new FulfillmentOrder(id, orderId, locationId, newStatus, lines, holds, fulfillAt, atFulfillmentService, now(),
                newRequestStatus, List.copyOf(all));
    }
}
