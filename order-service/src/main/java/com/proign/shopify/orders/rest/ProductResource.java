package com.proign.shopify.orders.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.orders.security.TenantPermissions;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenant's products and variants as Shopify last described them; by SKU to find what a line is. */
@Path("/api/{tenant}/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    public record VariantView(long shopifyVariantId, String sku, String title, BigDecimal price, Long shopifyInventoryItemId) {
    }

    public record ProductView(long shopifyProductId, String title, String status, OffsetDateTime shopifyUpdatedAt,
            List<VariantView> variants) {
    }

    private final Pool pool;

    public ProductResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The tenant's products")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<List<ProductView>> list(@RestPath String tenant, @RestQuery String sku,
            @RestQuery @DefaultValue("50") @Min(1) @Max(200) int limit) {
        String where = sku == null ? "p.tenant = $1"
                : "p.tenant = $1 AND EXISTS (SELECT 1 FROM product_variant s WHERE s.tenant = p.tenant"
                        + " AND s.shopify_product_id = p.shopify_product_id AND s.sku = $3)";
        String sql = "SELECT p.shopify_product_id, p.title, p.status, p.shopify_updated_at, v.shopify_variant_id, v.sku,"
                + " v.title AS variant_title, v.price, v.shopify_inventory_item_id"
                + " FROM (SELECT * FROM product p WHERE " + where + " ORDER BY p.shopify_product_id LIMIT $2) p"
                + " LEFT JOIN product_variant v ON v.tenant = p.tenant AND v.shopify_product_id = p.shopify_product_id"
                + " ORDER BY p.shopify_product_id, v.shopify_variant_id";
        Tuple params = sku == null ? Tuple.of(tenant, limit) : Tuple.of(tenant, limit, sku);
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            Map<Long, ProductView> products = new LinkedHashMap<>();
            for (Row row : rows) {
                ProductView product = products.computeIfAbsent(row.getLong("shopify_product_id"), id -> new ProductView(id,
                        row.getString("title"), row.getString("status"), row.getOffsetDateTime("shopify_updated_at"),
                        new ArrayList<>()));
                if (row.getLong("shopify_variant_id") != null) {
                    product.variants().add(new VariantView(row.getLong("shopify_variant_id"), row.getString("sku"),
                            row.getString("variant_title"), row.getBigDecimal("price"),
                            row.getLong("shopify_inventory_item_id")));
                }
            }
            return List.copyOf(products.values());
        });
    }
}
