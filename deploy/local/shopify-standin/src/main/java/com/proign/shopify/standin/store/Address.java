package com.proign.shopify.standin.store;

/** A mailing address as Shopify holds it. */
public record Address(
        String firstName,
        String lastName,
        String company,
        String address1,
        String address2,
        String city,
        String province,
        String provinceCode,
        String zip,
        String country,
        String countryCode,
        String phone) {

    public String name() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }
}
