package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The stand-in's control API (/_sim/stores/...) and Admin API for tests: JSON in, JSON text out, an error for
 * any answer outside 2xx. See SimulatorResource in deploy/local/shopify-standin for the calls.
 */
public final class ShopifyStandIn {

    private static volatile String url;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ShopifyStandIn() {
    }

    static void use(String baseUrl) {
        url = baseUrl;
    }

    public static String url() {
        if (url == null) {
            throw new IllegalStateException("no Shopify stand-in: annotate the test with ShopifyStandInResource");
        }
        return url;
    }

    /** POST of a JSON body to a control API path such as {@code /_sim/stores}; the JSON answer. */
    public static String post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** PUT of a JSON body to a control API path such as {@code /_sim/stores/{domain}/inventory}; the JSON answer. */
    public static String put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    /** A GraphQL document for the Admin API, as the app with TOKEN; the whole JSON answer. */
    public static String graphql(String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/admin/api/2026-10/graphql.json"))
                .header("Content-Type", "application/json").header("X-Shopify-Access-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
