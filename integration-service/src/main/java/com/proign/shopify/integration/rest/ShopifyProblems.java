package com.proign.shopify.integration.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.proign.shopify.integration.client.ShopifyAccessException;
import com.proign.shopify.integration.client.ShopifyUnavailableException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** What Shopify answered, when it decides a request: refused credentials (422) or no answer (502). */
public class ShopifyProblems {

    @ServerExceptionMapper
    public Response refused(ShopifyAccessException e) {
        return HttpProblem.builder().withStatus(422).withTitle("Credentials refused").withDetail(e.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(ShopifyUnavailableException e) {
        return HttpProblem.builder().withStatus(502).withTitle("Shopify unreachable").withDetail(e.getMessage()).build().toResponse();
    }
}
