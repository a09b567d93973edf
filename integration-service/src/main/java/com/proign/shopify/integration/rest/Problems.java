package com.proign.shopify.integration.rest;

import java.util.List;
import java.util.Map;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** Problem details of the kinds this API answers, in the same shape as bean validation's. */
final class Problems {

    private Problems() {
    }

    /** A field of the request is wrong: {@code violations} names it, as for constraint violations. */
    static HttpProblem field(int status, String title, String field, String message) {
        return HttpProblem.builder().withStatus(status).withTitle(title).withDetail(field + ": " + message)
                .with("violations", List.of(Map.of("field", field, "in", "body", "message", message)))
                .build();
    }

    static HttpProblem notConnected(String tenant) {
        return HttpProblem.builder().withStatus(404).withTitle("Not connected")
                .withDetail("tenant " + tenant + " has no Shopify store connected").build();
    }
}
