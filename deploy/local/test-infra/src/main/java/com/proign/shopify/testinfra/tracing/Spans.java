package com.proign.shopify.testinfra.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Spans in memory, for the tests that follow a trace through a service: the exporter (a CDI bean the OpenTelemetry
 * extension picks up) and the profile that turns tracing on ({@link On}; the services ship with it off).
 */
@ApplicationScoped
public class Spans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** The spans of one trace exported so far. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> traceId.equals(s.getTraceId())).toList();
    }

    /** Tracing on (the suite's services have it off unless configured). */
    public static class On implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }

    /** A W3C traceparent header value of a new trace: its trace id is {@code traceId}. */
    public static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
