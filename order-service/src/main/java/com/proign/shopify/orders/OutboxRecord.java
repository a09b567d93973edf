package com.proign.shopify.orders;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Kafka record to publish, written in the transaction of the change it announces (transactional outbox). */
@Entity
@Table(name = "outbox")
public class OutboxRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** The CloudEvents type, e.g. com.proign.fulfillment.requested. */
    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The CloudEvents id, which consumers deduplicate on. */
    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** The trace the record continues (W3C traceparent), or null. */
    public String traceparent;
}
