package com.proign.shopify.sync.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bulk export selects what OrdersPage.graphql selects, in bulk form. */
class OrderSelectionTests {

    @Test
    void connectionsBecomeEdgesWithoutPagingOrPageInfoAndCommentsGo() {
        String paged = """
                # a comment { with braces }
                query Q($first: Int!) {
                  orders(first: $first) {
                    pageInfo { hasNextPage }
                    nodes {
                      id # trailing
                      shippingAddress { city }
                      lineItems(first: 10) {
                        nodes {
                          id
                          variant { id }
                          discountAllocations(first: 5) { nodes { allocatedAmount { amount } } }
                        }
                        pageInfo { hasNextPage endCursor }
                      }
                      name
                    }
                  }
                }""";
        assertEquals("id shippingAddress { city } lineItems { edges { node { id variant { id } "
                + "discountAllocations { edges { node { allocatedAmount { amount } } } } } } } name", OrderSelection.bulk(paged));
    }

    @Test
    void theBulkSelectionIsOrdersPages() {
        assertEquals("id legacyResourceId name createdAt updatedAt cancelledAt currencyCode displayFinancialStatus "
                + "displayFulfillmentStatus totalPriceSet { shopMoney { amount } } shippingAddress { name company address1 "
                + "address2 city province provinceCode zip country countryCodeV2 phone } lineItems { edges { node { id sku "
                + "title variantTitle quantity currentQuantity unfulfilledQuantity requiresShipping isGiftCard "
                + "originalUnitPriceSet { shopMoney { amount } } variant { id } } } }", OrderSelection.BULK);
    }

    @Test
    void theRestOfAnOrdersLinesIsReadWithTheFieldsOfItsFirstTen() throws java.io.IOException {
        assertEquals(lineFields("OrdersPage"), lineFields("OrderLineItems"));
    }

    /** The selection of a line in the operation's first lineItems connection, comments and spacing gone. */
    private static String lineFields(String operation) throws java.io.IOException {
        String text;
        try (java.io.InputStream in = OrderSelectionTests.class.getResourceAsStream("/shopify/graphql/" + operation + ".graphql")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)#.*$", "");
        }
        int open = text.indexOf('{', text.indexOf("nodes", text.indexOf("lineItems(")));
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return text.substring(open, i + 1).replaceAll("\\s+", " ");
            }
        }
        throw new IllegalArgumentException("unbalanced braces in " + operation);
    }
}
