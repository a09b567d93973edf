package com.proign.shopify.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

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
}
