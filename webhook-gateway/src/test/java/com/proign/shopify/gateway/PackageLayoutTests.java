package com.proign.shopify.gateway;

import java.util.List;

import com.proign.shopify.testinfra.PackageLayoutCheck;

/** This service's package rules (PackageLayoutCheck; docs/decisions.md, "Package layout"). */
class PackageLayoutTests extends PackageLayoutCheck {

    @Override
    protected String root() {
        return "com.proign.shopify.gateway";
    }

    @Override
    protected List<String> transport() {
        return List.of("rest");
    }
}
