package com.proign.shopify.sync.catalog;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.pull.PulledEvents;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The store's catalogue, a page at a time (ProductsPage.graphql, oldest product id first), into the webhooks' own
 * path: each product as a products/update event on shopify.products (event id {@code pull:product:<id>:<updated_at>},
 * key {@code tenant:product-id}), which order-service keeps as products and variants and this service as the
 * inventory items its SKUs stand for. A product with more variants than a page holds has the rest read before it
 * is published, so no variant is left out.
 */
@ApplicationScoped
public class ProductPull {

    private static final double MAX_QUERY_COST = 1000;
    /** Requested cost of one product in ProductsPage.graphql (see the file), and of the connection itself. */
    static final double PRODUCT_COST = 103;
    static final double CONNECTION_COST = 2;
    /** ProductVariantsPage.graphql: 1 + 2 + 250 × 2. */
    static final double VARIANTS_PAGE_COST = 503;

    /** One page: the products published, where the next starts, and what it cost. */
    public record Page(int products, boolean hasNext, String endCursor, double requestedCost, double actualCost) {
    }

    private final ShopifyGraphql shopify;
    private final MutinyEmitter<byte[]> products;

    public ProductPull(ShopifyGraphql shopify, @Channel("pulled-products") MutinyEmitter<byte[]> products) {
        this.shopify = shopify;
        this.products = products;
    }

    /** The largest page whose requested cost stays within Shopify's 1000 points per query. */
    public static int pageSize(double perProduct) {
        return (int) Math.max(1, Math.min(250, Math.floor((MAX_QUERY_COST - CONNECTION_COST) / perProduct)));
    }

    public static int firstPageSize() {
        return pageSize(PRODUCT_COST);
    }

    /** The page size that the last page's requested cost says fits. */
    public static int nextSize(Page page, int size) {
        return pageSize(Math.max(1, (page.requestedCost() - CONNECTION_COST) / Math.max(1, size)));
    }

    /** Reads a page of products (with all their variants) and publishes them; completes once Kafka has them. */
    public Uni<Page> pull(String tenant, int size, String after) {
        JsonObject variables = new JsonObject().put("first", size).put("after", after);
        return shopify.execute(tenant, "ProductsPage", variables, CONNECTION_COST + size * PRODUCT_COST).chain(answer -> {
            JsonObject connection = answer.data().getJsonObject("products");
            JsonObject info = connection.getJsonObject("pageInfo");
            JsonArray nodes = connection.getJsonArray("nodes");
            return Multi.createFrom().iterable(nodes).map(JsonObject.class::cast)
                    .onItem().transformToUniAndConcatenate(product -> allVariants(tenant, product)
                            .map(variants -> ProductPayloads.toRest(product, variants)))
                    .collect().asList()
                    .chain(bodies -> PulledEvents.publish(products, tenant, events(tenant, bodies)))
                    .replaceWith(new Page(nodes.size(), info.getBoolean("hasNextPage", false), info.getString("endCursor"),
                            answer.requestedCost(), answer.actualCost()));
        });
    }

    private Uni<JsonArray> allVariants(String tenant, JsonObject product) {
        JsonObject connection = product.getJsonObject("variants");
        JsonArray variants = connection.getJsonArray("nodes").copy();
        JsonObject info = connection.getJsonObject("pageInfo");
        return moreVariants(tenant, product.getString("id"), variants, info.getBoolean("hasNextPage", false),
                info.getString("endCursor"));
    }

    private Uni<JsonArray> moreVariants(String tenant, String productId, JsonArray variants, boolean more, String after) {
        if (!more) {
            return Uni.createFrom().item(variants);
        }
        return shopify.execute(tenant, "ProductVariantsPage", new JsonObject().put("id", productId).put("after", after),
                VARIANTS_PAGE_COST).chain(answer -> {
                    JsonObject product = answer.data().getJsonObject("product");
                    if (product == null) { // deleted meanwhile: what was read stands; products/delete is not followed
                        return Uni.createFrom().item(variants);
                    }
                    JsonObject connection = product.getJsonObject("variants");
                    connection.getJsonArray("nodes").forEach(variants::add);
                    JsonObject info = connection.getJsonObject("pageInfo");
                    return moreVariants(tenant, productId, variants, info.getBoolean("hasNextPage", false),
                            info.getString("endCursor"));
                });
    }

    private static List<PulledEvents.Event> events(String tenant, List<JsonObject> bodies) {
        List<PulledEvents.Event> events = new ArrayList<>(bodies.size());
        for (JsonObject body : bodies) {
            long id = body.getLong("id");
            events.add(PulledEvents.Event.of(tenant + ":" + id, "pull:product:" + id + ":" + body.getString("updated_at"),
                    "products/update", body));
        }
        return events;
    }
}
