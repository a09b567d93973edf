package com.proign.shopify.integration.service;

import com.proign.shopify.integration.ShopDomain;

/** What a tenant hands over to connect an admin-made custom app: its Admin API token and API secret key. */
public record ConnectCommand(String tenant, ShopDomain shop, String accessToken, String webhookSecret) {

    @Override
    public String toString() {
        return "ConnectCommand[tenant=" + tenant + ", shop=" + shop + ", secrets=<redacted>]";
    }
}
