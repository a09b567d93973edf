package com.proign.shopify.integration.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Work shared between callers, or acknowledged by Kafka's threads, continues on the caller's Vert.x context. */
public final class Contexts {

    private Contexts() {
    }

    public static <T> Uni<T> onCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
