package com.proign.shopify.sync.job;

import java.time.OffsetDateTime;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.pull.OrderStatusFilter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** What the two kinds of orders pull share: the search over the job's range, and the scope a long range needs. */
final class OrderRanges {

    private OrderRanges() {
    }

    /** Shopify's search syntax for the job's orders: its creation range and its status. */
    static String search(SyncJob job) {
        return "created_at:>='" + job.fromDate.toInstant() + "' created_at:<='" + job.toDate.toInstant() + "' "
                + OrderStatusFilter.valueOf(job.orderStatus).search();
    }

    /**
     * A range older than 60 days needs read_all_orders (https://shopify.dev/docs/api/usage/access-scopes#orders-permissions):
     * without it the job fails with that reason instead of pulling less than asked.
     */
    static Uni<Void> checkScopes(ShopifyGraphql shopify, SyncJob job) {
        if (!job.fromDate.isBefore(OffsetDateTime.now().minusDays(60))) {
            return Uni.createFrom().voidItem();
        }
        return shopify.execute(job.tenant, "AccessScopes", new JsonObject(), 2).invoke(answer -> {
            boolean granted = answer.data().getJsonObject("currentAppInstallation").getJsonArray("accessScopes").stream()
                    .anyMatch(s -> "read_all_orders".equals(((JsonObject) s).getString("handle")));
            if (!granted) {
                throw new ShopifyException("orders older than 60 days need the read_all_orders scope, which the app "
                        + "lacks: add it to the app's Admin API scopes in Shopify, approve the update, and start the sync again", false);
            }
        }).replaceWithVoid();
    }
}
