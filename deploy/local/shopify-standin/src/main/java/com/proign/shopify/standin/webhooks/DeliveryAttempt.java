package com.proign.shopify.standin.webhooks;

import java.time.Instant;

/** One attempt to deliver a webhook: status 0 when no HTTP answer came (refused, timed out). */
public record DeliveryAttempt(String webhookId, String eventId, String topic, String uri, int attempt, int status,
        String error, Instant at) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
