package com.proign.shopify.orders.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.repository.ProcessedDeliveryRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the tenant's products and variants as Shopify last described them (products/update): a delivery seen
 * before is skipped, an older description never replaces a newer one, and variants no longer in the product go.
 */
@ApplicationScoped
public class ProductSync {

    public enum Outcome {
        applied, stale, duplicate
    }

    private final ProcessedDeliveryRepository deliveries;
    private final ObjectMapper json;

    public ProductSync(ProcessedDeliveryRepository deliveries, ObjectMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    /** Reads a products/update body; a poison record if it is not one. */
    public JsonNode read(byte[] body) {
        try {
            JsonNode product = json.readTree(body);
            if (product == null || !product.path("id").canConvertToLong() || !product.hasNonNull("updated_at")
                    || !product.hasNonNull("title")) {
                throw new PoisonRecordException("a products/update body without id, title or updated_at");
            }
            OffsetDateTime.parse(product.get("updated_at").asText());
            return product;
        } catch (IOException | DateTimeParseException e) {
            throw new PoisonRecordException("an unreadable products/update body: " + e.getMessage());
        }
    }

    @WithTransaction
    public Uni<Outcome> apply(Delivery delivery, JsonNode product) {
        String tenant = delivery.tenant();
        long productId = product.get("id").asLong();
        OffsetDateTime updatedAt = OffsetDateTime.parse(product.get("updated_at").asText());
        return deliveries.recordFirstSight(tenant, delivery.id(), delivery.topic()).chain(first -> {
            if (!first) {
                return Uni.createFrom().item(Outcome.duplicate);
            }
            return Panache.getSession().chain(session -> session.createNativeQuery("""
                    INSERT INTO product (tenant, shopify_product_id, title, status, shopify_updated_at, updated_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, now())
                    ON CONFLICT (tenant, shopify_product_id) DO UPDATE
                      SET title = excluded.title, status = excluded.status,
                          shopify_updated_at = excluded.shopify_updated_at, updated_at = now()
                      WHERE product.shopify_updated_at < excluded.shopify_updated_at""")
                    .setParameter(1, tenant).setParameter(2, productId).setParameter(3, product.get("title").asText())
                    .setParameter(4, product.path("status").asText(null)).setParameter(5, updatedAt)
                    .executeUpdate()
                    .chain(changed -> changed == 0
                            ? Uni.createFrom().item(Outcome.stale)
                            : replaceVariants(session, tenant, productId, product).replaceWith(Outcome.applied)));
        });
    }

    private Uni<Void> replaceVariants(org.hibernate.reactive.mutiny.Mutiny.Session session, String tenant, long productId,
            JsonNode product) {
        Uni<Integer> chain = session.createNativeQuery(
                "DELETE FROM product_variant WHERE tenant = ?1 AND shopify_product_id = ?2")
                .setParameter(1, tenant).setParameter(2, productId).executeUpdate();
        for (JsonNode variant : product.path("variants")) {
            if (!variant.path("id").canConvertToLong()) {
                continue;
            }
            chain = chain.chain(() -> session.createNativeQuery("""
                    INSERT INTO product_variant (tenant, shopify_variant_id, shopify_product_id, sku, title, price,
                                                 shopify_inventory_item_id)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, tenant).setParameter(2, variant.get("id").asLong()).setParameter(3, productId)
                    .setParameter(4, blankToNull(variant.path("sku").asText(null)))
                    .setParameter(5, variant.path("title").asText(null))
                    .setParameter(6, variant.hasNonNull("price") ? new BigDecimal(variant.get("price").asText()) : null)
                    .setParameter(7, variant.path("inventory_item_id").canConvertToLong()
                            ? variant.get("inventory_item_id").asLong() : null)
                    .executeUpdate());
        }
        return chain.replaceWithVoid();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
