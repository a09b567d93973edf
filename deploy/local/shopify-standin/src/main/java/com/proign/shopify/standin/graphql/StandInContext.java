package com.proign.shopify.standin.graphql;

import java.time.Instant;

import com.proign.shopify.standin.store.AccessToken;
import com.proign.shopify.standin.store.Store;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

/** Who is calling: the store and the token (with its scopes), available to every data fetcher. */
record StandInContext(Store store, AccessToken token, Instant now, String baseUrl, Bulk bulk) {

    /** Set while a bulk operation runs: the root connection is served in chunks, nested ones whole. */
    record Bulk(int offset, int limit) {
    }

    StandInContext(Store store, AccessToken token, Instant now, String baseUrl) {
        this(store, token, now, baseUrl, null);
    }

    static StandInContext of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(StandInContext.class);
    }

    /** Shopify's ACCESS_DENIED error for a field the token lacks the scope for, the field itself null. */
    static <T> DataFetcherResult<T> denied(DataFetchingEnvironment env, String scope) {
        String field = env.getField().getName();
        return DataFetcherResult.<T> newResult()
                .error(GraphqlErrorBuilder.newError(env)
                        .message("Access denied for " + field + " field. Required access: `" + scope + "` access scope.")
                        .extensions(java.util.Map.of("code", "ACCESS_DENIED",
                                "documentation", "https://shopify.dev/api/usage/access-scopes",
                                "requiredAccess", "`" + scope + "` access scope."))
                        .build())
                .build();
    }
}
