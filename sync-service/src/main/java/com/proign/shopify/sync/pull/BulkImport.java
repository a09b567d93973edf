package com.proign.shopify.sync.pull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.config.SyncConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * A history import through a Shopify bulk operation (https://shopify.dev/docs/api/usage/bulk-operations/queries): starts the export, waits for it, then reads its
 * JSONL as a stream, never whole: lines are split as the bytes come, an order is complete when the next order's
 * row arrives (its line items follow it with {@code __parentId}), and orders are published in groups with the
 * stream paused meanwhile, so memory stays flat however many orders there are.
 */
@ApplicationScoped
public class BulkImport {

    private static final Logger LOG = Logger.getLogger(BulkImport.class);

    private final ShopifyGraphql shopify;
    private final PulledOrders pulled;
    private final Vertx vertx;
    private final HttpClient http;
    private final int group;
    private final long checkpointEvery;

    public BulkImport(ShopifyGraphql shopify, PulledOrders pulled, Vertx vertx, SyncConfig config) {
        this.checkpointEvery = config.jobs().bulkCheckpointEvery();
        this.shopify = shopify;
        this.pulled = pulled;
        this.vertx = vertx;
        this.http = vertx.createHttpClient();
        this.group = config.jobs().bulkPublishGroup();
    }

    static String innerQuery(String search) {
        return "{ orders(query: \"" + search.replace("\\", "\\\\").replace("\"", "\\\"") + "\", sortKey: CREATED_AT) "
                + "{ edges { node { " + OrderSelection.BULK + " } } } }";
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
     * the rest in groups (each told to {@code published} once Kafka has it), and reports the running count and the last
     * order published after each group to {@code checkpoint}; the orders read.
     */
    public Uni<Long> stream(String tenant, String url, long skip, java.util.function.Consumer<List<PulledEvents.Event>> published,
            java.util.function.BiFunction<Long, JsonObject, Uni<Void>> checkpoint) {
        return http.request(new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .chain(request -> request.send())
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().<Long>failure(new ShopifyException("the bulk export's results answered "
                                + response.statusCode(), response.statusCode() >= 500));
                    }
                    return Uni.createFrom().<Long>emitter(emitter -> new JsonlReader(response.getDelegate(), tenant, skip,
                            group, checkpointEvery, events -> pulled.publish(tenant, events).invoke(() -> published.accept(events)),
                            checkpoint, emitter).start());
                })
                .invoke(count -> LOG.debugf("bulk export of tenant %s: %d orders read", tenant, count));
    }

    /**
     * Reads one JSONL response with explicit flow control: the bytes of one network read are split into lines and
     * assembled into orders; once a group is full the response is paused until the group is published and its
     * checkpoint saved, then resumed. So at most a group (plus the orders of one read) is held, whatever the size
     * of the export, and the stand-in or Shopify simply waits on the socket.
     */
    static final class JsonlReader {

        private final io.vertx.core.http.HttpClientResponse response;
        private final String tenant;
        private final long skip;
        private final int groupSize;
        private final long checkpointEvery;
        private final Function<List<PulledEvents.Event>, Uni<Void>> publish;
        private final java.util.function.BiFunction<Long, JsonObject, Uni<Void>> checkpoint;
        private final io.smallrye.mutiny.subscription.UniEmitter<? super Long> done;
        private final OrderAssembler assembler = new OrderAssembler();
        /** The bytes after the last newline read (a line may span reads, and so may a character's bytes). */
        private io.vertx.core.buffer.Buffer partial = io.vertx.core.buffer.Buffer.buffer();
        /** Orders ready to go, encoded at once: the parsed rows are not kept. */
        private List<PulledEvents.Event> group = new ArrayList<>();
        /** The last order read (for the checkpoint's progress: how far through the range). */
        private JsonObject lastInGroup;
        private long orders;
        private long checkpointed;
        private boolean flushing;
        private boolean ended;
        private boolean failed;

        JsonlReader(io.vertx.core.http.HttpClientResponse response, String tenant, long skip, int groupSize,
                long checkpointEvery, Function<List<PulledEvents.Event>, Uni<Void>> publish,
                java.util.function.BiFunction<Long, JsonObject, Uni<Void>> checkpoint,
                io.smallrye.mutiny.subscription.UniEmitter<? super Long> done) {
            this.response = response;
            this.tenant = tenant;
            this.skip = skip;
            this.groupSize = groupSize;
            this.checkpointEvery = checkpointEvery;
            this.publish = publish;
            this.checkpoint = checkpoint;
            this.done = done;
        }

        void start() {
            response.exceptionHandler(this::fail);
            response.endHandler(ignored -> {
                ended = true;
                if (!flushing) {
                    finish();
                }
            });
            response.handler(this::read);
        }

        private void read(io.vertx.core.buffer.Buffer buffer) {
            if (failed) {
                return;
            }
            try {
                partial.appendBuffer(buffer);
                int start = 0;
                for (int i = 0; i < partial.length(); i++) {
                    if (partial.getByte(i) == '\n') { // never inside a UTF-8 sequence
                        if (i > start) {
                            accept(assembler.apply(partial.getString(start, i, "UTF-8")));
                        }
                        start = i + 1;
                    }
                }
                partial = start == 0 ? partial : partial.getBuffer(start, partial.length());
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (group.size() >= groupSize) {
                response.pause();
                flush(() -> {
                    if (ended) {
                        finish();
                    } else {
                        response.resume();
                    }
                });
            }
        }

        private void accept(Iterable<JsonObject> complete) {
            for (JsonObject order : complete) {
                if (++orders > skip) {
                    group.add(PulledOrders.event(tenant, order));
                    lastInGroup = new JsonObject().put("createdAt", order.getString("createdAt"));
                }
            }
        }

        /** Publishes the group; saves the checkpoint every {@code checkpointEvery} orders and at the end. */
        private void flush(Runnable then) {
            if (group.isEmpty()) {
                then.run();
                return;
            }
            List<PulledEvents.Event> batch = group;
            JsonObject last = lastInGroup;
            long count = orders;
            group = new ArrayList<>(groupSize);
            flushing = true;
            boolean save = ended || count - checkpointed >= checkpointEvery;
            publish.apply(batch)
                    .chain(() -> save ? checkpoint.apply(count, last).invoke(() -> checkpointed = count) : Uni.createFrom().voidItem())
                    .subscribe().with(ignored -> {
                        flushing = false;
                        then.run();
                    }, this::fail);
        }

        private void finish() {
            if (failed) {
                return;
            }
            try {
                if (partial.length() > 0) {
                    accept(assembler.apply(partial.toString(StandardCharsets.UTF_8)));
                    partial = io.vertx.core.buffer.Buffer.buffer();
                }
                accept(assembler.apply(OrderAssembler.END));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            flush(() -> done.complete(orders));
        }

        private void fail(Throwable e) {
            if (!failed) {
                failed = true;
                response.request().reset();
                done.fail(e);
            }
        }
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
