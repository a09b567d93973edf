package com.proign.shopify.integration.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.proign.shopify.integration.ShopSettings;
import com.proign.shopify.integration.ShopSettings.CancellationRequestRule;
import com.proign.shopify.integration.ShopSettings.FulfillmentMode;
import com.proign.shopify.integration.ShopSettings.FulfillmentRequestRule;
import com.proign.shopify.integration.ShopSettings.OrderStatusFilter;

/**
 * The whole settings document (PUT replaces it): an omitted field takes its default, so read, change and send
 * back. {@code fulfillment_location_id} is the location's id, as a number or Shopify's global id.
 */
public record SettingsRequest(
        OrderStatusFilter orderStatusFilter,
        @Pattern(regexp = "(gid://shopify/Location/)?[1-9][0-9]{0,18}",
                message = "must be a location id of the store, like 12345 or gid://shopify/Location/12345")
        String fulfillmentLocationId,
        @Min(value = 1, message = "must be at least 1 minute")
        @Max(value = ShopSettings.MAX_AUTO_SYNC_INTERVAL_MINUTES,
                message = "must be at most " + ShopSettings.MAX_AUTO_SYNC_INTERVAL_MINUTES + " minutes (a day)")
        Integer autoSyncIntervalMinutes,
        Boolean inventorySync,
        Boolean notifyCustomer,
        /** merchant_managed (the default) or fulfillment_service. */
        FulfillmentMode fulfillmentMode,
        /** The fulfillment service's name in Shopify (fulfillment_service mode); "PROIGN Warehouse" when omitted. */
        @Size(min = 1, max = 255) @Pattern(regexp = "\\S(.*\\S)?", message = "must not be blank or start or end with a space")
        String fulfillmentServiceName,
        /** accept_when_stocked (the default) or manual: how fulfillment requests are answered (fulfillment_service mode). */
        FulfillmentRequestRule fulfillmentRequestRule,
        /** accept_before_picking (the default) or manual: how cancellation requests are answered. */
        CancellationRequestRule cancellationRequestRule) {

    public FulfillmentRequestRule fulfillmentRequestRuleOrDefault() {
        return fulfillmentRequestRule == null ? FulfillmentRequestRule.accept_when_stocked : fulfillmentRequestRule;
    }

    public CancellationRequestRule cancellationRequestRuleOrDefault() {
        return cancellationRequestRule == null ? CancellationRequestRule.accept_before_picking : cancellationRequestRule;
    }

    public FulfillmentMode fulfillmentModeOrDefault() {
        return fulfillmentMode == null ? FulfillmentMode.merchant_managed : fulfillmentMode;
    }

    public String fulfillmentServiceNameOrDefault() {
        return fulfillmentServiceName == null ? ShopSettings.DEFAULT_FULFILLMENT_SERVICE_NAME : fulfillmentServiceName;
    }

    public OrderStatusFilter orderStatusFilterOrDefault() {
        return orderStatusFilter == null ? ShopSettings.DEFAULT_ORDER_STATUS_FILTER : orderStatusFilter;
    }

    /** The numeric id, or null for none. */
    public Long locationId() {
        if (fulfillmentLocationId == null) {
            return null;
        }
        return Long.parseLong(fulfillmentLocationId.substring(fulfillmentLocationId.lastIndexOf('/') + 1));
    }

    public int autoSyncIntervalOrDefault() {
        return autoSyncIntervalMinutes == null ? ShopSettings.DEFAULT_AUTO_SYNC_INTERVAL_MINUTES : autoSyncIntervalMinutes;
    }
}
