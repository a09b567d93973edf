-- Per tenant: where the interval reconciliation stands. Rows appear with a tenant's first pass.
CREATE TABLE tenant_sync_state (
    tenant              varchar(63)  PRIMARY KEY,
    -- orders updated up to here are known to have been pulled
    orders_watermark    timestamptz,
    last_pass_started   timestamptz,
    last_pass_finished  timestamptz,
    last_error          text,
    version             bigint       NOT NULL DEFAULT 0
);
