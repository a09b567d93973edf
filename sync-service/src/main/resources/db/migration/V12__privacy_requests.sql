-- The privacy webhooks this service was sent and what it did with each: who asked (Shopify's webhook id), when,
-- and what was erased, by kind and count, never the data itself. One row per delivery: a redelivery finds it and
-- does nothing again.
CREATE TABLE privacy_request (
    id            uuid          PRIMARY KEY,
    tenant        varchar(63)   NOT NULL,
    topic         varchar(32)   NOT NULL,
    webhook_id    varchar(128)  NOT NULL,
    requested_at  timestamptz,
    completed_at  timestamptz   NOT NULL,
    outcome       varchar(32)   NOT NULL,
    erased        varchar(500)  NOT NULL,
    CONSTRAINT privacy_request_webhook_key UNIQUE (tenant, webhook_id)
);
