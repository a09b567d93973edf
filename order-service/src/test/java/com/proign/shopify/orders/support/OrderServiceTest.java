package com.proign.shopify.orders.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.proign.shopify.testinfra.JwtKeysResource;
import com.proign.shopify.testinfra.KafkaBrokerResource;
import com.proign.shopify.testinfra.PostgresResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A {@code @QuarkusTest} of order-service against real PostgreSQL, Kafka and signed JWTs; one application for all. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orders_test"))
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(JwtKeysResource.class)
public @interface OrderServiceTest {
}
