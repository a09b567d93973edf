package com.proign.shopify.orders;

/**
 * A shipping address, the one list of its fields: as an order event brings it (OrderSnapshot), as it is stored
 * (ShippingAddress, columns ship_*), and as the API shows it (OrderView). Shopify's own shape, with first and last
 * names, is read in ShopifyOrderMapper.
 */
public record Address(
        String name,
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
}
