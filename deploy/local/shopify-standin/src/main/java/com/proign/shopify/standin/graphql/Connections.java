package com.proign.shopify.standin.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.GraphqlErrorException;
import graphql.schema.DataFetchingEnvironment;

/**
 * Relay connections as Shopify serves them: {@code first}/{@code after} or {@code last}/{@code before}, at most
 * 250 per page, opaque cursors, {@code edges}, {@code nodes} and {@code pageInfo}.
 */
final class Connections {

    static final int MAX_PAGE = 250;

    private Connections() {
    }

    /** A page of ITEMS (already filtered and in order); each item's cursor is its position key. */
    static <T> Map<String, Object> page(DataFetchingEnvironment env, String typeName, List<T> items,
            Function<T, String> positionKey, Function<T, Object> view) {
        StandInContext.Bulk bulk = StandInContext.of(env).bulk();
        if (bulk != null) {
            // a bulk query reads whole connections; the root one is read in chunks by the runner
            boolean root = env.getExecutionStepInfo().getPath().getLevel() == 1;
            List<T> chunk = root ? items.subList(Math.min(bulk.offset(), items.size()),
                    Math.min(bulk.offset() + bulk.limit(), items.size())) : items;
            return of(typeName, chunk, false, false, positionKey, view);
        }
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        int size = pageSize(env);
        int from = 0;
        int to = items.size();
        if (after != null) {
            from = indexAfter(items, positionKey, decode(after));
        }
        if (before != null) {
            to = indexBefore(items, positionKey, decode(before));
        }
        List<T> window = items.subList(from, Math.max(from, to));
        List<T> page = first != null
                ? window.subList(0, Math.min(size, window.size()))
                : window.subList(Math.max(0, window.size() - size), window.size());
        boolean hasNext = first != null ? window.size() > page.size() || to < items.size() : to < items.size();
        boolean hasPrevious = last != null ? window.size() > page.size() || from > 0 : from > 0;
        return of(typeName, page, hasNext, hasPrevious, positionKey, view);
    }

    /** The page size asked for: one of first or last, at most 250. */
    static int pageSize(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        if (first == null && last == null) {
            throw error("you must provide one of first or last");
        }
        if (first != null && last != null) {
            throw error("providing both first and last is not supported");
        }
        int size = first != null ? first : last;
        if (size < 0 || size > MAX_PAGE) {
            throw error("the page size must be between 0 and " + MAX_PAGE + ", " + size + " was given");
        }
        return size;
    }

    /** A connection of a page already cut. */
    static <T> Map<String, Object> of(String typeName, List<T> page, boolean hasNext, boolean hasPrevious,
            Function<T, String> positionKey, Function<T, Object> view) {

        List<Object> nodes = new ArrayList<>(page.size());
        List<Object> edges = new ArrayList<>(page.size());
        for (T item : page) {
            Object node = view.apply(item);
            nodes.add(node);
            edges.add(Map.of(SchemaWiring.TYPENAME, typeName.replace("Connection", "Edge"),
                    "cursor", encode(positionKey.apply(item)), "node", node));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put(SchemaWiring.TYPENAME, "PageInfo");
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        pageInfo.put("startCursor", page.isEmpty() ? null : encode(positionKey.apply(page.get(0))));
        pageInfo.put("endCursor", page.isEmpty() ? null : encode(positionKey.apply(page.get(page.size() - 1))));
        return Map.of(SchemaWiring.TYPENAME, typeName, "nodes", nodes, "edges", edges, "pageInfo", pageInfo);
    }

    private static <T> int indexAfter(List<T> items, Function<T, String> key, String position) {
        for (int i = 0; i < items.size(); i++) {
            if (key.apply(items.get(i)).equals(position)) {
                return i + 1;
            }
        }
        throw error("invalid cursor");
    }

    private static <T> int indexBefore(List<T> items, Function<T, String> key, String position) {
        for (int i = 0; i < items.size(); i++) {
            if (key.apply(items.get(i)).equals(position)) {
                return i;
            }
        }
        throw error("invalid cursor");
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw error("invalid cursor");
        }
    }

    static GraphqlErrorException error(String message) {
        return GraphqlErrorException.newErrorException().message(message).build();
    }
}
