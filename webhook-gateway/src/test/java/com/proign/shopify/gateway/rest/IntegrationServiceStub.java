package com.proign.shopify.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.proign.shopify.testinfra.ServiceIdentityResource;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * integration-service's internal endpoint, as its own tests pin it down (InternalShopResource): answers for the
 * stores below when called with a valid token the gateway signed with its own key (checked as integration-service
 * checks it), 404 for any other store. The end-to-end tests run the gateway against the real integration-service.
 */
public class IntegrationServiceStub implements QuarkusTestResourceLifecycleManager {

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
                .andMatching(request -> com.github.tomakehurst.wiremock.matching.MatchResult.of(
                        TestTokens.isServiceToken(request.getHeader("Authorization"), "webhook-gateway")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"tenant\":\"" + TENANT + "\",\"shop_domain\":\"" + SHOP
                                + "\",\"secrets\":[\"" + SECRET + "\",\"" + PREVIOUS_SECRET + "\"]}")));
        server.stubFor(get(urlEqualTo("/internal/shops/unknown-store.myshopify.com/webhook-secrets"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"title\":\"Unknown store\"}")));
        return Map.of(
                "quarkus.rest-client.integration-service.url", server.baseUrl(),
                "gateway.identity.private-key", ServiceIdentityResource.privateKey("webhook-gateway").toString(),
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
