package com.proign.shopify.orders.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.proign.shopify.orders.mapping.OrderSnapshot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An order edit's changes and lines as kept in order_edit (JSON), and back. */
public final class EditJson {

    private EditJson() {
    }

    /** The changes, each {kind, shopify_line_item_id, sku, title, from, to, where, text}. */
    public static String of(List<QueueRules.LineEdit> edits) {
        JsonArray array = new JsonArray();
        for (QueueRules.LineEdit edit : edits) {
            array.add(new JsonObject().put("kind", edit.kind().name()).put("shopify_line_item_id", edit.shopifyLineItemId())
                    .put("sku", edit.sku()).put("title", edit.title()).put("from", edit.from()).put("to", edit.to())
                    .put("where", edit.where()).put("text", edit.text()));
        }
        return array.encode();
    }

    /** The changes kept as JSON (empty for none). */
    public static List<QueueRules.LineEdit> edits(String json) {
        List<QueueRules.LineEdit> edits = new ArrayList<>();
        if (json == null) {
            return edits;
        }
        for (Object item : new JsonArray(json)) {
            JsonObject edit = (JsonObject) item;
            edits.add(new QueueRules.LineEdit(QueueRules.LineEdit.Kind.valueOf(edit.getString("kind")),
                    edit.getLong("shopify_line_item_id"), edit.getString("sku"), edit.getString("title"),
                    edit.getInteger("from"), edit.getInteger("to"), edit.getString("where")));
        }
        return edits;
    }

    /** The order's lines as Shopify has them. */
    public static String lines(List<OrderSnapshot.Line> lines) {
        JsonArray array = new JsonArray();
        for (OrderSnapshot.Line line : lines) {
            array.add(new JsonObject().put("shopify_line_item_id", line.shopifyLineItemId()).put("variant_id", line.variantId())
                    .put("product_id", line.productId()).put("sku", line.sku()).put("title", line.title())
                    .put("variant_title", line.variantTitle()).put("quantity", line.quantity())
                    .put("fulfillable_quantity", line.fulfillableQuantity())
                    .put("price", line.price() == null ? null : line.price().toPlainString())
                    .put("requires_shipping", line.requiresShipping()).put("gift_card", line.giftCard()));
        }
        return array.encode();
    }

    /** The lines kept as JSON. */
    public static List<OrderSnapshot.Line> linesOf(String json) {
        List<OrderSnapshot.Line> lines = new ArrayList<>();
        for (Object item : new JsonArray(json)) {
            JsonObject line = (JsonObject) item;
            lines.add(new OrderSnapshot.Line(line.getLong("shopify_line_item_id"), line.getLong("variant_id"),
                    line.getLong("product_id"), line.getString("sku"), line.getString("title"),
                    line.getString("variant_title"), line.getInteger("quantity"), line.getInteger("fulfillable_quantity"),
                    line.getString("price") == null ? null : new BigDecimal(line.getString("price")),
                    line.getBoolean("requires_shipping"), line.getBoolean("gift_card")));
        }
        return lines;
    }
}
