package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers: make a store through the control API and call its Admin GraphQL API. */
final class StandIn {

    record TestStore(String domain, String token, String clientId, String clientSecret, String webhookSecret) {
    }

    private StandIn() {
    }

    static TestStore store(Map<String, Object> extra) {
        String domain = "t" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("domain", domain);
        var answer = given().contentType(ContentType.JSON).body(body).post("/_sim/stores")
                .then().statusCode(201).extract().jsonPath();
        return new TestStore(domain, answer.getString("access_token"), answer.getString("client_id"),
                answer.getString("client_secret"), answer.getString("webhook_secret"));
    }

    static String token(TestStore store, List<String> scopes) {
        return given().contentType(ContentType.JSON).body(Map.of("scopes", scopes))
                .post("/_sim/stores/" + store.domain() + "/tokens").then().statusCode(200)
                .extract().path("access_token");
    }

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        return given().header("X-Shopify-Access-Token", token).contentType(ContentType.JSON).body(body)
                .post("/admin/api/2026-10/graphql.json").then();
    }

    static ValidatableResponse graphql(String token, String query) {
        return graphql(token, query, null);
    }
}
