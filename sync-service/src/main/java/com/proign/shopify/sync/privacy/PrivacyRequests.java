package com.proign.shopify.sync.privacy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shopify's privacy webhooks as far as this service holds anything
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance). It keeps no customer record, but its text
 * may quote one: a log line, a job's or a fulfillment's error as Shopify worded it, a dead letter's body.
 * customers/redact replaces every such text of the tenant that contains the customer's email or phone;
 * customers/data_request finds nothing to export here (order-service exports the orders); shop/redact deletes every
 * row of the tenant. Each delivery is applied once, in one transaction with its record in privacy_request.
 */
@ApplicationScoped
public class PrivacyRequests {

    private static final Logger LOG = Logger.getLogger(PrivacyRequests.class);
    static final String ERASED = "(erased: this text quoted a customer's personal data; customers/redact)";

    /** The text columns that may quote Shopify's or a customer's words, table by table. */
    private static final Map<String, List<String>> TEXTS = new LinkedHashMap<>();
    static {
        TEXTS.put("sync_log", List.of("message"));
        TEXTS.put("sync_job", List.of("error"));
        TEXTS.put("fulfillment_sync", List.of("last_error"));
        TEXTS.put("tenant_sync_state", List.of("last_error"));
        TEXTS.put("inventory_level", List.of("push_error"));
    }

    /** Every table with the tenant's rows, in an order foreign keys allow. */
    private static final List<String> TABLES = List.of("sync_log", "sync_job", "fulfillment_sync", "tenant_sync_state",
            "inventory_level", "inventory_item", "tenant_settings", "dead_letter");

    public enum Outcome {
        erased, nothing_held, already_applied
    }

    /** A privacy webhook as the gateway published it, with the customer's email and phone when it names one. */
    public record Request(String tenant, String topic, String webhookId, OffsetDateTime requestedAt, String email,
            String phone) {

        List<String> needles() {
            List<String> needles = new ArrayList<>();
            if (email != null && !email.isBlank()) {
                needles.add(email);
            }
            if (phone != null && !phone.isBlank()) {
                needles.add(phone);
            }
            return needles;
        }
    }

    private final Pool pool;

    public PrivacyRequests(Pool pool) {
        this.pool = pool;
    }

    public Uni<Outcome> apply(Request request) {
        return pool.withTransaction(c -> begin(c, request).chain(id -> id == null
                ? Uni.createFrom().item(Outcome.already_applied)
                : (switch (request.topic()) {
                    case "customers/redact" -> redactCustomer(c, request);
                    case "shop/redact" -> deleteTenant(c, request.tenant());
                    default -> Uni.createFrom().item(Map.<String, Integer>of());
                }).chain(counts -> {
                    String erased = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                            .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("nothing");
                    Outcome outcome = erased.equals("nothing") ? Outcome.nothing_held : Outcome.erased;
                    LOG.infof("privacy request %s (%s) of tenant %s: %s, erased %s", request.topic(), request.webhookId(),
                            request.tenant(), outcome, erased);
                    return c.preparedQuery("UPDATE privacy_request SET outcome = $3, erased = $4, completed_at = now() "
                            + "WHERE tenant = $1 AND id = $2")
                            .execute(Tuple.of(request.tenant(), id, outcome.name(), erased.length() > 500 ? erased.substring(0, 500) : erased))
                            .replaceWith(outcome);
                })));
    }

    /** The request's record; null when a delivery with its webhook id was recorded already. */
    private static Uni<UUID> begin(SqlConnection c, Request request) {
        UUID id = UUID.randomUUID();
        return c.preparedQuery("""
                INSERT INTO privacy_request (id, tenant, topic, webhook_id, requested_at, completed_at, outcome, erased)
                VALUES ($1, $2, $3, $4, $5, now(), 'started', '')
                ON CONFLICT (tenant, webhook_id) DO NOTHING""")
                .execute(Tuple.of(id, request.tenant(), request.topic(), request.webhookId(), request.requestedAt()))
                .map(rows -> rows.rowCount() == 0 ? null : id);
    }

    private static Uni<Map<String, Integer>> redactCustomer(SqlConnection c, Request request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> needles = request.needles();
        if (needles.isEmpty()) {
            return Uni.createFrom().item(counts);
        }
        String[] texts = needles.toArray(String[]::new);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<String>> table : TEXTS.entrySet()) {
            for (String column : table.getValue()) {
                String sql = "UPDATE " + table.getKey() + " SET " + column + " = $3 WHERE tenant = $1 AND " + column
                        + " IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS n(v) WHERE strpos(" + column + ", n.v) > 0)";
                chain = chain.chain(() -> c.preparedQuery(sql).execute(Tuple.of(request.tenant(), texts, ERASED))
                        .invoke(rows -> counts.merge(table.getKey() + "." + column, rows.rowCount(), Integer::sum))
                        .replaceWithVoid());
            }
        }
        Buffer[] bytes = needles.stream().map(n -> Buffer.buffer(n.getBytes(StandardCharsets.UTF_8))).toArray(Buffer[]::new);
        return chain.chain(() -> c.preparedQuery("""
                UPDATE dead_letter SET body = NULL
                 WHERE tenant = $1 AND body IS NOT NULL
                   AND EXISTS (SELECT 1 FROM unnest($2::bytea[]) AS n(v) WHERE position(n.v IN body) > 0)""")
                .execute(Tuple.of(request.tenant(), bytes)))
                .map(rows -> {
                    counts.put("dead_letter.body", rows.rowCount());
                    return counts;
                });
    }

    private static Uni<Map<String, Integer>> deleteTenant(SqlConnection c, String tenant) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : TABLES) {
            chain = chain.chain(() -> c.preparedQuery("DELETE FROM " + table + " WHERE tenant = $1").execute(Tuple.of(tenant))
                    .invoke(rows -> counts.put(table, rows.rowCount())).replaceWithVoid());
        }
        return chain.map(ignored -> counts);
    }
}
