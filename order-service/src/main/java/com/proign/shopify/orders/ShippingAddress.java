package com.proign.shopify.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A shipping address as stored, in the order's ship_* columns (the fields are Address's). */
@Embeddable
public class ShippingAddress {

    @Column(name = "ship_name")
    public String name;

    @Column(name = "ship_company")
    public String company;

    @Column(name = "ship_address1")
    public String address1;

    @Column(name = "ship_address2")
    public String address2;

    @Column(name = "ship_city")
    public String city;

    @Column(name = "ship_province")
    public String province;

    @Column(name = "ship_province_code")
    public String provinceCode;

    @Column(name = "ship_zip")
    public String zip;

    @Column(name = "ship_country")
    public String country;

    @Column(name = "ship_country_code")
    public String countryCode;

    @Column(name = "ship_phone")
    public String phone;

    public Address toAddress() {
        return new Address(name, company, address1, address2, city, province, provinceCode, zip, country, countryCode, phone);
    }
}
