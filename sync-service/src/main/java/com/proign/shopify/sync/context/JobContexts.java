package com.proign.shopify.sync.context;

import java.util.function.Supplier;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The sync-service's jobs each run on a Vert.x context of their own, beside {@link Contexts} (the hops every service
 * has): long work that must not share a Hibernate Reactive session with whatever started it. The entry method the
 * work calls first carries {@code @io.quarkus.vertx.SafeVertxContext}, Quarkus's public way to declare such a context
 * safe for Hibernate Reactive.
 */
public final class JobContexts {

    private JobContexts() {
    }

    /** Subscribes to {@code work} on a new duplicated context of its own (fire and forget: {@code work} handles its end). */
    public static void onNewContext(Vertx vertx, Supplier<Uni<Void>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.runOnContext(ignored -> work.get().subscribe().with(done -> { }, failure -> { }));
    }
}
