package com.proign.shopify.integration.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.proign.shopify.testinfra.JwtKeysResource;
import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.PostgresResource;
import com.proign.shopify.testinfra.ServiceIdentityResource;
import com.proign.shopify.testinfra.ShopifyStandInResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A {@code @QuarkusTest} of integration-service against real PostgreSQL, Kafka, signed JWTs (users' and the calling services' own) and the Shopify
 * stand-in (webhook retries compressed ten thousandfold). Every test class uses the same set, so one application
 * serves them all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "integration_test"))
@WithTestResource(JwtKeysResource.class)
@WithTestResource(ServiceIdentityResource.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = ShopifyStandInResource.class, initArgs = {
        @ResourceArg(name = "url-property", value = "integration.shopify.admin-base-url"),
        @ResourceArg(name = "webhook-time-scale", value = "0.0001") })
public @interface IntegrationServiceTest {
}
