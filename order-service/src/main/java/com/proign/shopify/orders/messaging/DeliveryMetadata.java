package com.proign.shopify.orders.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.service.PoisonRecordException;

/**
 * Reads who and what a record is about from the CloudEvents headers the gateway (or sync-service) set, and the trace
 * it belongs to (traceparent, when tracing is on).
 */
public final class DeliveryMetadata {

    static final String TENANT = "ce_tenant";
    static final String ID = "ce_id";
    static final String TOPIC = "ce_shopifytopic";

    private DeliveryMetadata() {
    }

    public static Delivery from(Headers headers) {
        String tenant = header(headers, TENANT);
        String id = header(headers, ID);
        String topic = header(headers, TOPIC);
        if (tenant == null || id == null || topic == null) {
            throw new PoisonRecordException("missing CloudEvents header(s): " + TENANT + "=" + tenant + ", "
                    + ID + "=" + id + ", " + TOPIC + "=" + topic);
        }
        return new Delivery(tenant, id, topic, header(headers, "traceparent"));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
