package com.proign.shopify.sync.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order fields a pull reads, written once: in OrdersPage.graphql. A bulk export
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries) selects the same fields, derived from that file: its
 * connections as {@code edges { node { ... } } } without paging arguments or what follows {@code nodes} (the
 * lines' {@code pageInfo}), which Shopify's bulk queries read in full.
 * So a bulk import and a paged pull can never select different fields.
 */
final class OrderSelection {

    private static final Pattern CONNECTION = Pattern.compile("(\\w+)\\s*(\\([^)]*\\))?\\s*\\{\\s*nodes\\s*\\{");

    /** The fields of OrdersPage.graphql's orders, as a bulk operation's inner query selects them. */
    static final String BULK = bulk(resource("/shopify/graphql/OrdersPage.graphql"));

    private OrderSelection() {
    }

    /** The selection of {@code orders { nodes { ... } } } in the paged query, its connections in bulk form. */
    static String bulk(String pagedQuery) {
        String text = pagedQuery.replaceAll("(?m)#.*$", "");
        int orders = text.indexOf("orders(");
        int nodes = text.indexOf("nodes", orders);
        int open = text.indexOf('{', nodes);
        return connectionsToEdges(text.substring(open + 1, close(text, open))).replaceAll("\\s+", " ").strip();
    }

    private static String connectionsToEdges(String selection) {
        Matcher m = CONNECTION.matcher(selection);
        if (!m.find()) {
            return selection;
        }
        int innerOpen = m.end() - 1;
        int innerClose = close(selection, innerOpen);
        int outerClose = close(selection, selection.lastIndexOf('{', innerOpen - 1));
        return selection.substring(0, m.start()) + m.group(1) + " { edges { node { "
                + connectionsToEdges(selection.substring(innerOpen + 1, innerClose)) + " } } }"
                + connectionsToEdges(selection.substring(outerClose + 1));
    }

    /** The index of the brace closing the one at {@code open}. */
    private static int close(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces in OrdersPage.graphql");
    }

    private static String resource(String path) {
        try (InputStream in = OrderSelection.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
