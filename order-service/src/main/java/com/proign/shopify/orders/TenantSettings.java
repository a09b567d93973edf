package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What order-service follows of a tenant's integration settings (integration.settings). */
@Entity
@Table(name = "tenant_settings")
public class TenantSettings {

    /** Used until the tenant's settings arrive; integration-service's default too. */
    public static final String DEFAULT_FILTER = "paid";

    @Id
    public String tenant;

    /** any, authorized or paid. */
    @Column(name = "order_status_filter", nullable = false)
    public String orderStatusFilter;

    /** accept_before_picking or manual: how the merchant's cancellation requests are answered. */
    @Column(name = "cancellation_request_rule", nullable = false)
    public String cancellationRequestRule = "accept_before_picking";

    @Column(name = "settings_version", nullable = false)
    public long settingsVersion;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Shopify financial statuses each filter lets into the queue; null for any. */
    public static Set<String> admitted(String filter) {
        return switch (filter) {
            case "any" -> null;
            case "authorized" -> Set.of("authorized", "partially_paid", "paid", "partially_refunded");
            default -> Set.of("paid", "partially_refunded");
        };
    }

    /** Whether an order with this financial status enters the queue under the filter. */
    public static boolean passes(String filter, String financialStatus) {
        Set<String> admitted = admitted(filter);
        return admitted == null || (financialStatus != null && admitted.contains(financialStatus));
    }
}
