package com.proign.shopify.orders.service;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.repository.PrivacyRepository;
import com.proign.shopify.orders.repository.PrivacyRepository.ExportedOrder;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Shopify's privacy webhooks as the queue applies them
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance):
 * <ul>
 * <li>customers/redact: the personal data of the orders Shopify names (ship-to name, company, address, phone) is
 * erased, and so are dead letters quoting the customer and their data exports; order number, lines, quantities, SKUs
 * and tracking stay, as the warehouse must keep them;</li>
 * <li>customers/data_request: the customer's data the queue holds becomes a JSON document the tenant's owner fetches
 * (GET /api/{tenant}/privacy/data-requests/{id}), kept for {@code orders.privacy.export-kept-for};</li>
 * <li>shop/redact: every row of the store goes.</li>
 * </ul>
 * Each delivery is applied once, in one transaction with its record in privacy_request (what was erased, by kind and
 * count, never the data).
 */
@ApplicationScoped
public class CustomerPrivacy {

    private static final Logger LOG = Logger.getLogger(CustomerPrivacy.class);
    /** The JSON of the exports: snake_case keys as written here, ISO times. */
    private static final ObjectMapper DOCUMENT = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Outcome {
        erased, exported, nothing_held, already_applied
    }

    /** What a privacy webhook says: the customer (id, email, phone) and their orders, or only the store. */
    public record Request(Long customerId, String email, String phone, List<Long> orders, Long dataRequestId) {

        /** Reads the body of customers/redact, customers/data_request or shop/redact; PoisonRecordException if it cannot. */
        public static Request read(String topic, byte[] body) {
            JsonNode root;
            try {
                root = body == null ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new PoisonRecordException("unreadable " + topic + ": not JSON");
            }
            if (root == null || !root.isObject()) {
                throw new PoisonRecordException("unreadable " + topic + ": not a JSON object");
            }
            if (topic.equals("shop/redact")) {
                return new Request(null, null, null, List.of(), null);
            }
            JsonNode customer = root.path("customer");
            JsonNode orders = root.path(topic.equals("customers/redact") ? "orders_to_redact" : "orders_requested");
            if (!customer.isObject() || !orders.isArray()) {
                throw new PoisonRecordException("unreadable " + topic + ": it needs customer and "
                        + (topic.equals("customers/redact") ? "orders_to_redact" : "orders_requested"));
            }
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : orders) {
                if (!id.canConvertToExactIntegral() || !id.canConvertToLong()) {
                    throw new PoisonRecordException("unreadable " + topic + ": an order id that is not a whole number");
                }
                ids.add(id.longValue());
            }
            JsonNode request = root.path("data_request").path("id");
            return new Request(customer.path("id").canConvertToLong() ? customer.path("id").longValue() : null,
                    text(customer, "email"), text(customer, "phone"), List.copyOf(ids),
                    request.canConvertToLong() ? request.longValue() : null);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.path(field);
            return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
        }

        /** What identifies the customer in a raw payload: email, phone, and each order's id. */
        List<String> needles() {
            List<String> needles = new ArrayList<>();
            if (email != null) {
                needles.add(email);
            }
            if (phone != null) {
                needles.add(phone);
            }
            orders.forEach(id -> needles.add(Long.toString(id)));
            return needles;
        }
    }

    private final PrivacyRepository repository;
    private final PrivacySettings settings;

    public CustomerPrivacy(PrivacyRepository repository, PrivacySettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** Applies the delivery once; a redelivery changes nothing and answers already_applied. */
    public Uni<Outcome> apply(Delivery delivery, OffsetDateTime requestedAt, Request request) {
        return repository.inTransaction(c -> repository.begin(c, delivery.tenant(), delivery.topic(), delivery.id(), requestedAt)
                .chain(recorded -> recorded.isEmpty()
                        ? Uni.createFrom().item(Outcome.already_applied)
                        : switch (delivery.topic()) {
                            case "customers/redact" -> redact(c, delivery, recorded.get(), request);
                            case "customers/data_request" -> export(c, delivery, recorded.get(), request);
                            case "shop/redact" -> redactShop(c, delivery, recorded.get());
                            default -> Uni.createFrom().failure(new PoisonRecordException(
                                    "not a privacy topic: " + delivery.topic()));
                        }));
    }

    private Uni<Outcome> redact(SqlConnection c, Delivery delivery, UUID id, Request request) {
        return repository.redactOrders(c, delivery.tenant(), request.orders())
                .chain(orders -> repository.redactDeadLetters(c, delivery.tenant(), request.needles())
                        .chain(deadLetters -> (request.customerId() == null ? Uni.createFrom().item(0)
                                : repository.deleteExportsOf(c, delivery.tenant(), request.customerId()))
                                .chain(exports -> {
                                    String erased = kinds(Map.of("orders' ship-to name, company, address and phone", orders,
                                            "dead letters' bodies", deadLetters, "data exports", exports));
                                    Outcome outcome = orders + deadLetters + exports == 0 ? Outcome.nothing_held : Outcome.erased;
                                    LOG.infof("customers/redact %s of tenant %s: %s (%d of %d orders held here)",
                                            delivery.id(), delivery.tenant(), erased, orders, request.orders().size());
                                    return repository.complete(c, delivery.tenant(), id, outcome.name(), orders, erased)
                                            .replaceWith(outcome);
                                })));
    }

    private Uni<Outcome> export(SqlConnection c, Delivery delivery, UUID id, Request request) {
        return repository.exportOrders(c, delivery.tenant(), request.orders()).chain(orders -> {
            UUID export = UUID.randomUUID();
            String document = document(delivery, request, orders);
            OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(settings.exportKeptFor());
            return repository.saveExport(c, delivery.tenant(), export, id, request.dataRequestId(), request.customerId(),
                    expires, orders.size(), document)
                    .chain(() -> repository.complete(c, delivery.tenant(), id, Outcome.exported.name(), orders.size(),
                            "nothing (export " + export + ")"))
                    .invoke(() -> LOG.infof("customers/data_request %s of tenant %s is ready: export %s, %d of %d orders "
                            + "held here, GET /api/%s/privacy/data-requests/%s until %s", delivery.id(), delivery.tenant(),
                            export, orders.size(), request.orders().size(), delivery.tenant(), export, expires))
                    .replaceWith(Outcome.exported);
        });
    }

    private Uni<Outcome> redactShop(SqlConnection c, Delivery delivery, UUID id) {
        return repository.deleteTenant(c, delivery.tenant()).chain(deleted -> {
            String erased = kinds(deleted);
            int orders = deleted.getOrDefault("shop_order", 0);
            LOG.infof("shop/redact %s of tenant %s: deleted %s", delivery.id(), delivery.tenant(), erased);
            return repository.complete(c, delivery.tenant(), id, Outcome.erased.name(), orders, erased).replaceWith(Outcome.erased);
        });
    }

    /** The document of a data request: what the queue holds of the customer, order by order. */
    static String document(Delivery delivery, Request request, List<ExportedOrder> orders) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data_request_id", request.dataRequestId());
        root.put("tenant", delivery.tenant());
        root.put("customer_id", request.customerId());
        root.put("held_by", "order-service (the fulfillment queue): the orders' ship-to person and address, lines and shipments");
        root.put("generated_at", OffsetDateTime.now(ZoneOffset.UTC));
        root.put("orders_requested", request.orders());
        List<Long> held = orders.stream().map(ExportedOrder::shopifyOrderId).toList();
        root.put("orders_not_held", request.orders().stream().filter(o -> !held.contains(o)).toList());
        root.put("orders", orders.stream().map(o -> {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("shopify_order_id", o.shopifyOrderId());
            order.put("order_number", o.orderNumber());
            order.put("status", o.status());
            order.put("imported_at", o.importedAt());
            order.put("personal_data_erased_at", o.redactedAt());
            order.put("shipping_address", o.shippingAddress());
            order.put("lines", o.lines());
            order.put("shipments", o.shipments());
            return order;
        }).toList());
        try {
            return DOCUMENT.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "orders 2, dead letters 1", the kinds with something, or "nothing". */
    static String kinds(Map<String, Integer> counts) {
        String joined = counts.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("nothing");
        return joined.length() > 500 ? joined.substring(0, 500) : joined;
    }
}
