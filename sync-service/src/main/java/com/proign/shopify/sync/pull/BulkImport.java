package com.proign.shopify.sync.pull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * A history import through a Shopify bulk operation (FACTS §5): starts the export, waits for it, then reads its
 * JSONL as a stream, never whole: lines are split as the bytes come, an order is complete when the next order's
 * row arrives (its line items follow it with {@code __parentId}), and orders are published in groups with the
 * stream paused meanwhile, so memory stays flat however many orders there are.
 */
@ApplicationScoped
public class BulkImport {

    private static final Logger LOG = Logger.getLogger(BulkImport.class);

    /** The inner query: the fields of OrdersPage.graphql, as a bulk operation wants them (connections, no paging). */
    static final String ORDER_FIELDS = "id legacyResourceId name createdAt updatedAt cancelledAt currencyCode "
            + "displayFinancialStatus displayFulfillmentStatus totalPriceSet { shopMoney { amount } } "
            + "shippingAddress { name company address1 address2 city province provinceCode zip country countryCodeV2 phone } "
            + "lineItems { edges { node { id sku title variantTitle quantity fulfillableQuantity requiresShipping isGiftCard "
            + "originalUnitPriceSet { shopMoney { amount } } variant { id } } } }";

    private final ShopifyGraphql shopify;
    private final PulledOrders pulled;
    private final Vertx vertx;
    private final HttpClient http;
    private final int group;

    public BulkImport(ShopifyGraphql shopify, PulledOrders pulled, Vertx vertx,
            @ConfigProperty(name = "sync.jobs.bulk-publish-group", defaultValue = "250") int group) {
        this.shopify = shopify;
        this.pulled = pulled;
        this.vertx = vertx;
        this.http = vertx.createHttpClient();
        this.group = group;
    }

    static String innerQuery(String search) {
        return "{ orders(query: \"" + search.replace("\\", "\\\\").replace("\"", "\\\"") + "\", sortKey: CREATED_AT) "
                + "{ edges { node { " + ORDER_FIELDS + " } } } }";
    }

    /** Starts the export; its id. */
    public Uni<String> start(String tenant, String search) {
        return shopify.execute(tenant, "BulkOrders", new JsonObject().put("query", innerQuery(search)), 10).map(answer -> {
            JsonObject payload = answer.data().getJsonObject("bulkOperationRunQuery");
            JsonArray errors = payload.getJsonArray("userErrors");
            if (errors != null && !errors.isEmpty()) {
                throw new ShopifyException("Shopify refused the bulk export: " + errors.encode(), false);
            }
            return payload.getJsonObject("bulkOperation").getString("id");
        });
    }

    /** Waits for the export to finish, calling {@code heartbeat} at every poll; the URL of its JSONL (null: nothing found). */
    public Uni<String> awaitUrl(String tenant, String operationId, java.util.function.Supplier<Uni<Void>> heartbeat) {
        return shopify.execute(tenant, "BulkOperationStatus", new JsonObject().put("id", operationId), 2).chain(answer -> {
            JsonObject operation = answer.data().getJsonObject("bulkOperation");
            if (operation == null) {
                return Uni.createFrom().failure(new ShopifyException("Shopify has no bulk operation " + operationId
                        + " (its results expire after 7 days)", false));
            }
            String status = operation.getString("status");
            return switch (status) {
                case "COMPLETED" -> Uni.createFrom().item(operation.getString("url"));
                case "CREATED", "RUNNING" -> Uni.createFrom().emitter(e -> vertx.setTimer(2000, id -> e.complete(null)))
                        .chain(() -> heartbeat.get()).chain(() -> awaitUrl(tenant, operationId, heartbeat));
                default -> Uni.createFrom().failure(new ShopifyException("Shopify's bulk export ended " + status
                        + (operation.getString("errorCode") == null ? "" : " (" + operation.getString("errorCode") + ")"), false));
            };
        });
    }

    /**
     * Streams the JSONL at {@code url}, skips the first {@code skip} orders (published before a restart), publishes
     * the rest in groups, and reports the running count and the last order published after each group to
     * {@code checkpoint}; the orders read.
     */
    public Uni<Long> stream(String tenant, String url, long skip,
            java.util.function.BiFunction<Long, JsonObject, Uni<Void>> checkpoint) {
        AtomicLong orders = new AtomicLong();
        return http.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .chain(request -> request.send())
                .onItem().transformToMulti(response -> {
                    if (response.statusCode() != 200) {
                        return Multi.createFrom().failure(new ShopifyException("the bulk export's results answered "
                                + response.statusCode(), response.statusCode() >= 500));
                    }
                    return lines(response.toMulti());
                })
                .onCompletion().switchTo(() -> Multi.createFrom().item(OrderAssembler.END))
                .onItem().transformToIterable(new OrderAssembler())
                .filter(order -> orders.incrementAndGet() > skip)
                .group().intoLists().of(group)
                .onItem().transformToUniAndConcatenate(batch -> {
                    JsonArray nodes = new JsonArray();
                    batch.forEach(nodes::add);
                    return pulled.publish(tenant, nodes).chain(() -> checkpoint.apply(orders.get(), batch.get(batch.size() - 1)));
                })
                .collect().last()
                .map(ignored -> orders.get())
                .invoke(count -> LOG.debugf("bulk export of tenant %s: %d orders read", tenant, count));
    }

    /** Bytes to lines, across buffer boundaries. */
    private static Multi<String> lines(Multi<Buffer> buffers) {
        StringBuilder partial = new StringBuilder();
        return buffers.onItem().transformToIterable(buffer -> {
            partial.append(buffer.toString(StandardCharsets.UTF_8));
            List<String> complete = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < partial.length(); i++) {
                if (partial.charAt(i) == '\n') {
                    if (i > start) {
                        complete.add(partial.substring(start, i));
                    }
                    start = i + 1;
                }
            }
            partial.delete(0, start);
            return complete;
        }).onCompletion().switchTo(() -> partial.length() == 0 ? Multi.createFrom().empty()
                : Multi.createFrom().item(partial.toString()));
    }

    /**
     * Rows to orders, for one stream: an order row opens an order, its line item rows ({@code __parentId}) join
     * it, and it is handed on when the next order row (or the end, {@link #END}) arrives. Holds one order at a time.
     */
    static final class OrderAssembler implements Function<String, Iterable<JsonObject>> {

        /** Marks the end of the rows. */
        static final String END = "";
        private JsonObject open;

        @Override
        public Iterable<JsonObject> apply(String line) {
            if (line.isEmpty()) {
                JsonObject last = open;
                open = null;
                return last == null ? List.of() : List.of(last);
            }
            JsonObject row = new JsonObject(line);
            if (row.containsKey("__parentId")) {
                Object parent = row.remove("__parentId");
                if (open == null || !open.getString("id").equals(parent)) {
                    // streaming relies on Shopify writing an order's rows together; never drop a line silently
                    throw new ShopifyException("the bulk export put a line item of " + parent + " away from its order", false);
                }
                open.getJsonObject("lineItems").getJsonArray("nodes").add(row);
                return List.of();
            }
            JsonObject done = open;
            open = row.put("lineItems", new JsonObject().put("nodes", new JsonArray()));
            return done == null ? List.of() : List.of(done);
        }
    }
}
