package com.proign.shopify.sync.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.proign.shopify.testinfra.ServiceIdentityResource;
import com.proign.shopify.testinfra.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * integration-service's internal access endpoint for the sync-service's module tests (the real one is in the
 * end-to-end tests): a test says which store and token a tenant has, as integration-service would answer to a valid
 * token the sync-service signed with its own key (checked as integration-service checks it).
 */
public class IntegrationServiceStub implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;

    /** From now on, the tenant's access is this store and token (a permanent one). */
    public static void access(String tenant, String shop, String token) {
        server.stubFor(get(urlEqualTo("/internal/tenants/" + tenant + "/shopify-access"))
                .andMatching(request -> MatchResult.of(TestTokens.isServiceToken(request.getHeader("Authorization"), "sync-service")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"tenant\":\"" + tenant + "\",\"shop_domain\":\"" + shop + "\",\"access_token\":\""
                                + token + "\",\"api_version\":\"2026-10\",\"expires_at\":null}")));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("quarkus.rest-client.integration-service.url", server.baseUrl(),
                "sync.identity.private-key", ServiceIdentityResource.privateKey("sync-service").toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
