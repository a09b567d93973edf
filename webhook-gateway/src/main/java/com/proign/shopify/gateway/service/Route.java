package com.proign.shopify.gateway.service;

/** Where a delivery goes: the Kafka topic, and the key that keeps one resource's events in one partition. */
public record Route(String kafkaTopic, String key) {
}
