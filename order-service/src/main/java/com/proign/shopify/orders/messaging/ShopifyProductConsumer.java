package com.proign.shopify.orders.messaging;


import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.orders.service.ProductSync;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** products/update deliveries into the tenant's products and variants; poison records to the dead-letter topic. */
@ApplicationScoped
public class ShopifyProductConsumer {

    private static final Logger LOG = Logger.getLogger(ShopifyProductConsumer.class);

    private final ProductSync products;
    private final MeterRegistry metrics;

    public ShopifyProductConsumer(ProductSync products, MeterRegistry metrics) {
        this.products = products;
        this.metrics = metrics;
    }

    @Incoming("shopify-products")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> DeliveryMetadata.from(record.headers()))
                .chain(delivery -> Outages.waitOut("product record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset(), Outages::cannotBeApplied, products.apply(delivery, products.read(record.value())))
                        .invoke(outcome -> metrics.counter("products.ingested", "outcome", outcome.name()).increment()))
                .onFailure().invoke(failure -> {
                    metrics.counter("products.ingested", "outcome", "failed").increment();
                    LOG.warnf("product record %s-%d@%d not applied, dead-lettering it: %s",
                            record.topic(), record.partition(), record.offset(), failure.getMessage());
                })
                .replaceWithVoid();
    }
}
