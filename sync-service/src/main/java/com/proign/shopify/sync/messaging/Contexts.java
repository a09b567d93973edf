package com.proign.shopify.sync.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * This service's one way onto a Vert.x context: work that Kafka's or Mutiny's threads would otherwise resume (a
 * retry after a back-off, an acknowledgement) is subscribed on the context it was started from, where Hibernate
 * Reactive's session lives.
 */
public final class Contexts {

    private Contexts() {
    }

    /** {@code uni}, subscribed (and so each retry of it) on {@code context}; as it is without one. */
    public static <T> Uni<T> onContext(Context context, Uni<T> uni) {
        return context == null ? uni : Uni.createFrom().deferred(() -> uni)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
