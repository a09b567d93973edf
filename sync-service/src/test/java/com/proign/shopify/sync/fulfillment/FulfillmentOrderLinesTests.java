package com.proign.shopify.sync.fulfillment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The rest of a fulfillment order's lines is read with every field the first page of them was read with. */
class FulfillmentOrderLinesTests {

    @Test
    void theRestOfTheLinesCarriesEveryFieldOfTheFirstPage() throws IOException {
        Set<String> rest = lineFields("FulfillmentOrderLineItems");
        for (String operation : new String[] {"OrderFulfillmentState", "OrderFulfillmentOrders", "FulfillmentRequestDetails",
                "OrderFulfillmentRequests"}) {
            Set<String> first = lineFields(operation);
            assertTrue(!first.isEmpty() && rest.containsAll(first), operation + " reads " + first + ", the rest " + rest);
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\w+|[{}]");

    /** The fields of a line in the operation's lineItems connection, as paths (lineItem.id). */
    private static Set<String> lineFields(String operation) throws IOException {
        String text;
        try (InputStream in = FulfillmentOrderLinesTests.class.getResourceAsStream("/shopify/graphql/" + operation + ".graphql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)#.*$", "")
                    .replaceAll("\\([^)]*\\)", "");
        }
        int open = text.indexOf('{', text.indexOf("nodes", text.indexOf("lineItems")));
        Set<String> fields = new LinkedHashSet<>();
        Deque<String> path = new ArrayDeque<>();
        String last = null;
        Matcher m = TOKEN.matcher(text).region(open + 1, text.length());
        while (m.find()) {
            String token = m.group();
            if (token.equals("{")) {
                fields.remove(String.join(".", path) + (path.isEmpty() ? "" : ".") + last);
                path.addLast(last);
            } else if (token.equals("}")) {
                if (path.isEmpty()) {
                    return fields;
                }
                path.removeLast();
            } else {
                last = token;
                fields.add(String.join(".", path) + (path.isEmpty() ? "" : ".") + token);
            }
        }
        throw new IllegalArgumentException("unbalanced braces in " + operation);
    }
}
