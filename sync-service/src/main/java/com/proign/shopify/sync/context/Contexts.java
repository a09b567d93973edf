package com.proign.shopify.sync.context;

import java.util.function.Supplier;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * This service's one way onto a Vert.x context; nothing else in it calls {@code runOnContext}. Hibernate Reactive's
 * session lives in a Vert.x (duplicated) context, so work must continue where it started:
 * <ul>
 * <li>{@link #onContext}: a unit of work retried after a back-off (Outages) is subscribed, each time, on the
 * context it was started from, not on the timer's thread;</li>
 * <li>{@link #onCallersContext}: an acknowledgement that Kafka's producer thread delivers (a publish) is handed
 * back to the caller's context before the caller's chain goes on;</li>
 * <li>{@link #onNewContext}: long work that must not share a session with its starter (each sync job) runs on a
 * new duplicated context of its own; its entry method carries {@code @io.quarkus.vertx.SafeVertxContext}, Quarkus's
 * public way to declare such a context safe for Hibernate Reactive.</li>
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

    /** {@code uni}, its outcome delivered on the context of the caller (when there is one). */
    public static <T> Uni<T> onCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Subscribes to {@code work} on a new duplicated context of its own (fire and forget: {@code work} handles its end). */
    public static void onNewContext(Vertx vertx, Supplier<Uni<Void>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(ignored -> work.get().subscribe().with(done -> { }, failure -> { }));
    }
}
