package com.proign.shopify.integration.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Constraint violations name fields as the client wrote them: the JSON is snake_case (quarkus.jackson
 * .property-naming-strategy), so {@code autoSyncIntervalMinutes} is reported as {@code auto_sync_interval_minutes}.
 */
@ApplicationScoped
public class SnakeCaseViolationNames implements PropertyNodeNameProvider {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Override
    public String getName(Property property) {
        return SNAKE_CASE.translate(property.getName());
    }
}
