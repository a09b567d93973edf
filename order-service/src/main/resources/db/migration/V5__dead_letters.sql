-- This service's dead letters (order-service.dlq), for operators to read and replay once the cause is fixed
-- (GET /ops/orders/dead-letters, POST .../replay): a row per record on the topic, with the record as it came. The
-- body is never answered by the API; rows go when the topic's retention would have removed the record.
CREATE TABLE dead_letter (
    id                 bigserial     PRIMARY KEY,
    dlq_partition      integer       NOT NULL,
    dlq_offset         bigint        NOT NULL,
    -- the record's ce_tenant; null when it named none (which is why some are dead letters)
    tenant             varchar(63),
    record_key         text,
    source_topic       varchar(255),
    source_partition   integer,
    source_offset      bigint,
    reason             text          NOT NULL,
    cause              text,
    dead_lettered_at   timestamptz   NOT NULL,
    -- [[name, base64 value], ...] as they came, the dead-letter-* ones left out
    headers            jsonb         NOT NULL,
    body               bytea,
    body_size          integer       NOT NULL,
    -- a replay that failed again names the dead letter it replayed (topic@partition:offset)
    replayed_from      varchar(255),
    replay_started_at  timestamptz,
    replayed_at        timestamptz,
    CONSTRAINT dead_letter_position_key UNIQUE (dlq_partition, dlq_offset)
);
CREATE INDEX dead_letter_time_idx ON dead_letter (dead_lettered_at DESC, id DESC);
