package com.proign.shopify.sync;

import java.time.OffsetDateTime;

/**
 * A record this service could never apply, as its dead-letter topic holds it: where it came from, why it failed,
 * whether an operator replayed it. The body stays in the database (it may hold a customer's data); this view has
 * only its size.
 */
public record DeadLetter(long id, String tenant, String recordKey, String sourceTopic, Integer sourcePartition,
        Long sourceOffset, String reason, String cause, OffsetDateTime deadLetteredAt, int bodySize, String replayedFrom,
        OffsetDateTime replayedAt, String position) {
}
