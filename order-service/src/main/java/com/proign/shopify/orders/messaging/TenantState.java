package com.proign.shopify.orders.messaging;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.service.PoisonRecordException;

/**
 * What order-service reads of integration.settings (docs/asyncapi.yaml, message tenantState): the tenant, the
 * state's version, the order status filter and the rule for cancellation requests; the rest of the state is integration-service's and others'.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantState(String tenant, Long version, String orderStatusFilter, String cancellationRequestRule) {

    /** The rule for the merchant's cancellation requests; integration-service's default when not given. */
    public String cancellationRuleOrDefault() {
        return "manual".equals(cancellationRequestRule) ? "manual" : "accept_before_picking";
    }

    private static final Set<String> FILTERS = Set.of("any", "authorized", "paid");

    /** The record's state; a PoisonRecordException says why it can never be applied. */
    static TenantState read(ObjectMapper json, String value) {
        TenantState state;
        try {
            state = value == null ? null : json.readValue(value, TenantState.class);
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("integration.settings record is not a tenant state");
        }
        if (state == null || state.tenant() == null || state.version() == null || !FILTERS.contains(state.orderStatusFilter())) {
            throw new PoisonRecordException("integration.settings record without tenant, version or a known order_status_filter");
        }
        return state;
    }
}
