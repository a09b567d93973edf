package com.proign.shopify.orders;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One line item of an order; SKU, variant and product may be absent (custom line items). */
@Entity
@Table(name = "order_line")
public class OrderLine {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public Order order;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "shopify_line_item_id", nullable = false)
    public long shopifyLineItemId;

    @Column(name = "shopify_variant_id")
    public Long shopifyVariantId;

    @Column(name = "shopify_product_id")
    public Long shopifyProductId;

    public String sku;

    @Column(nullable = false)
    public String title;

    @Column(name = "variant_title")
    public String variantTitle;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "fulfillable_quantity", nullable = false)
    public int fulfillableQuantity;

    @Column(nullable = false)
    public BigDecimal price;

    @Column(name = "requires_shipping", nullable = false)
    public boolean requiresShipping;

    @Column(name = "gift_card", nullable = false)
    public boolean giftCard;

    /** How much of this line the warehouse shipped (across shipments). */
    @Column(name = "shipped_quantity", nullable = false)
    public int shippedQuantity;

    /**
     * Units Shopify assigned to other locations or fulfillment services (shipped there or still to ship): not this
     * warehouse's to pick. Follows {@link #shopifyElsewhereQuantity} before picking starts, and once someone
     * acknowledges the change after.
     */
    @Column(name = "elsewhere_quantity", nullable = false)
    public int elsewhereQuantity;

    /** Units Shopify assigned elsewhere, as it last said. */
    @Column(name = "shopify_elsewhere_quantity", nullable = false)
    public int shopifyElsewhereQuantity;

    /** Where those units are, in words ("Acme 3PL (a fulfillment service)"), or null. */
    @Column(name = "assigned_elsewhere")
    public String assignedElsewhere;

    /** Whether the warehouse picks this line at all: physical goods only, never gift cards or digital items. */
    public boolean pickable() {
        return requiresShipping && !giftCard;
    }

    /**
     * What is left to pick: what Shopify still expects fulfilled (its fulfillable quantity, which also drops when
     * someone fulfils elsewhere), less what this warehouse shipped and Shopify may not have counted yet, less what
     * Shopify assigned to other locations or fulfillment services.
     */
    public int quantityToPick() {
        return toPick(pickable(), quantity, fulfillableQuantity, shippedQuantity, elsewhereQuantity);
    }

    /** {@link #quantityToPick()} of a line with these quantities. */
    public static int toPick(boolean pickable, int quantity, int fulfillable, int shipped, int elsewhere) {
        return pickable ? Math.max(0, Math.min(fulfillable, quantity - shipped - elsewhere)) : 0;
    }
}
