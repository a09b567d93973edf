package com.proign.shopify.orders;

import java.util.List;

import com.proign.shopify.testinfra.PackageLayoutCheck;

/** This service's package rules (PackageLayoutCheck; docs/decisions.md, "Package layout"). */
class PackageLayoutTests extends PackageLayoutCheck {

    @Override
    protected String root() {
        return "com.proign.shopify.orders";
    }

    @Override
    protected List<String> transport() {
        return List.of("rest", "messaging");
    }
}
