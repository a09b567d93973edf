package com.proign.shopify.integration.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This service's one way onto a Vert.x context: work shared between callers, acknowledged by Kafka's threads or
 * retried after a back-off continues on the context it was started from, where Hibernate Reactive's session lives.
 */
public final class Contexts {

    private Contexts() {
    }

    /** {@code uni}, subscribed (and so each retry of it) on {@code context}; as it is without one. */
    public static <T> Uni<T> onContext(Context context, Uni<T> uni) {
        return context == null ? uni : Uni.createFrom().deferred(() -> uni)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    public static <T> Uni<T> onCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
