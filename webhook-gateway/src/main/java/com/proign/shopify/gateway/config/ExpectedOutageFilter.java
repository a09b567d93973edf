package com.proign.shopify.gateway.config;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.apache.kafka.common.errors.RetriableException;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps the Kafka connector's per-record errors out of the log while Kafka is unreachable: a send that timed out
 * or met another retriable error is answered 503 and summarised by DeliveryOutcomes, so SmallRye's two ERROR
 * lines with a stack trace for each such record (SRMSG18206, SRMSG18212) add nothing but volume. Any other send
 * failure (a record too large, a serialization error) is still logged in full.
 */
@LoggingFilter(name = "expected-kafka-outage")
public final class ExpectedOutageFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (record.getLoggerName() == null || !record.getLoggerName().startsWith("io.smallrye.reactive.messaging.kafka")
                || message == null || !(message.startsWith("SRMSG18206") || message.startsWith("SRMSG18212"))) {
            return true;
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException
                    || (t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith("Retries exhausted"))) {
                return false;
            }
        }
        return true;
    }
}
