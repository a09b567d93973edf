package com.proign.shopify.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * integration-service's internal endpoint, as its own tests pin it down (InternalShopResource): answers for the
 * stores below when called with the gateway's service token, 404 for any other store. The end-to-end test runs
 * the gateway against the real integration-service.
 */
public class IntegrationServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "gateway-test-token";
    public static final String SHOP = "acme-store.myshopify.com";
    public static final String TENANT = "acme";
    public static final String SECRET = "shpss_acme_current";
    public static final String PREVIOUS_SECRET = "shpss_acme_previous";

    /** The running stub, for tests that take integration-service down or change a secret. */
    public static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlEqualTo("/internal/shops/" + SHOP + "/webhook-secrets"))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"tenant\":\"" + TENANT + "\",\"shop_domain\":\"" + SHOP
                                + "\",\"secrets\":[\"" + SECRET + "\",\"" + PREVIOUS_SECRET + "\"]}")));
        server.stubFor(get(urlEqualTo("/internal/shops/unknown-store.myshopify.com/webhook-secrets"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"title\":\"Unknown store\"}")));
        return Map.of(
                "quarkus.rest-client.integration-service.url", server.baseUrl(),
                "gateway.integration-service-token", SERVICE_TOKEN,
                // short, so tests see refreshes, outages and changed secrets quickly
                "gateway.secrets.refresh-after", "1s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
