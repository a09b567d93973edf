package com.proign.shopify.sync.context;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This service's one way onto a Vert.x context; nothing else in it calls {@code runOnContext}. Hibernate Reactive's
 * session lives in a Vert.x (duplicated) context, so work must continue where it started:
 * <ul>
 * <li>{@link #onContext}: a unit of work retried after a back-off (Outages) is subscribed, each time, on the
 * context it was started from, not on the timer's thread;</li>
 * <li>{@link #deliverOn} and {@link #onCallersContext}: an outcome that another thread delivers (Kafka's producer
 * acknowledging a send, a call shared between callers) is handed back to the context before the chain goes on.</li>
 * </ul>
 */
public final class Contexts {

    private Contexts() {
    }

    /** {@code uni}, subscribed (and so each retry of it) on {@code context}; as it is without one. */
    public static <T> Uni<T> onContext(Context context, Uni<T> uni) {
        return context == null ? uni : Uni.createFrom().deferred(() -> uni)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** {@code uni}, its outcome delivered on {@code context}; as it is without one. */
    public static <T> Uni<T> deliverOn(Context context, Uni<T> uni) {
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** {@code uni}, its outcome delivered on the caller's context (when there is one). */
    public static <T> Uni<T> onCallersContext(Uni<T> uni) {
        return deliverOn(Vertx.currentContext(), uni);
    }
}
