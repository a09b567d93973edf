package com.proign.shopify.integration.rest;

/** Credentials to test before saving them; an empty body tests the saved ones. */
public record TestConnectionRequest(String shopDomain, String accessToken) {

    @Override
    public String toString() {
        return "TestConnectionRequest[shopDomain=" + shopDomain + ", accessToken=<redacted>]";
    }
}
