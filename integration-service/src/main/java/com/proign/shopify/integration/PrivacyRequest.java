package com.proign.shopify.integration;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One privacy webhook and what this service did with it: the audit trail, without the data. */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest {

    public enum Outcome {
        /** What the request named was erased here (see erased). */
        erased,
        /** This service held nothing the request names. */
        nothing_held,
        /** Not applied: the store is connected again, so shop/redact concerns an install that is not the current one. */
        kept_connected
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String topic;

    @Column(name = "webhook_id", nullable = false)
    public String webhookId;

    @Column(name = "shop_domain", nullable = false)
    public String shopDomain;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(name = "completed_at", nullable = false)
    public OffsetDateTime completedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    /** What was erased, by kind ("store connection, webhook secret, settings"), or "nothing". */
    @Column(nullable = false)
    public String erased;
}
