package com.proign.shopify.sync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.proign.shopify.testinfra.JwtKeysResource;
import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.PostgresResource;
import com.proign.shopify.testinfra.ShopifyStandInResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A {@code @QuarkusTest} of sync-service: real PostgreSQL, Kafka, JWTs and the Shopify stand-in. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "sync_test"))
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(IntegrationServiceStub.class)
@WithTestResource(value = ShopifyStandInResource.class, initArgs = @ResourceArg(name = "url-property", value = "sync.shopify.admin-base-url"))
public @interface SyncServiceTest {
}
