package com.proign.shopify.integration.support;

import java.util.List;
import java.util.Map;

import com.proign.shopify.testinfra.ShopifyStandIn;

import io.restassured.path.json.JsonPath;

/** Stores in the Shopify stand-in, and what the tests read back from it. */
public final class Stores {

    /** Every scope the suite asks for, inventory included. */
    public static final List<String> ALL_SCOPES = List.of("read_orders", "read_all_orders", "read_products",
            "read_locations", "read_inventory", "write_inventory", "read_merchant_managed_fulfillment_orders",
            "write_merchant_managed_fulfillment_orders");

    /** The scopes connecting needs, without inventory. */
    public static final List<String> CORE_SCOPES = List.of("read_orders", "read_all_orders", "read_products",
            "read_locations", "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders");

    private Stores() {
    }

    /** A store whose admin-made app holds {@code scopes} and answers to {@code token}. */
    public static void withToken(String domain, String token, List<String> scopes) {
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + domain + "\",\"access_token\":\"" + token
                + "\",\"scopes\":" + json(scopes) + "}");
    }

    /** A store with a Dev Dashboard app: client id and secret, tokens minted for {@code lifetimeSeconds}. */
    public static void withClientCredentials(String domain, String clientId, String clientSecret, long lifetimeSeconds) {
        ShopifyStandIn.post("/_sim/stores", "{\"domain\":\"" + domain + "\",\"client_id\":\"" + clientId
                + "\",\"client_secret\":\"" + clientSecret + "\",\"token_lifetime_seconds\":" + lifetimeSeconds
                + ",\"scopes\":" + json(CORE_SCOPES) + "}");
    }

    /** Connects the tenant (as its owner) to the store with an admin-made app's token; the secret is tenant-secret. */
    public static void connect(String tenant, String shop, String token) {
        io.restassured.RestAssured.given().auth().oauth2(com.proign.shopify.testinfra.TestTokens.user(tenant, "owner"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("shop_domain", shop, "access_token", token, "api_secret_key", tenant + "-secret"))
                .post("/api/" + tenant + "/integrations/shopify").then().statusCode(200);
    }

    /** The app's webhook subscriptions, as the app sees them through GraphQL. */
    public static List<Map<String, Object>> subscriptions(String token) {
        String answer = ShopifyStandIn.graphql(token, "{\"query\":\"{ webhookSubscriptions(first: 50) { nodes { id topic uri } } }\"}");
        return JsonPath.from(answer).getList("data.webhookSubscriptions.nodes");
    }

    /** Tokens minted by client-credentials grants (prefix shpca_). */
    public static List<String> mintedTokens(String domain) {
        List<String> tokens = JsonPath.from(ShopifyStandIn.get("/_sim/stores/" + domain + "/tokens")).getList("access_token");
        return tokens.stream().filter(t -> t.startsWith("shpca_")).toList();
    }

    /** Whether Shopify takes the token now. */
    public static boolean accepts(String token) {
        try {
            return ShopifyStandIn.graphql(token, "{\"query\":\"{ shop { name } }\"}").contains("\"shop\":{");
        } catch (IllegalStateException refused) {
            return false;
        }
    }

    private static String json(List<String> values) {
        return values.isEmpty() ? "[]" : "[\"" + String.join("\",\"", values) + "\"]";
    }
}
