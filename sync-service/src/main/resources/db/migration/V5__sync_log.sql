-- What the sync did, for the tenant to read (GET /api/{tenant}/sync/logs): jobs, reconciliation passes and
-- fulfillments, by level and kind. Never a credential.
CREATE TABLE sync_log (
    id       bigserial     PRIMARY KEY,
    tenant   varchar(63)   NOT NULL,
    at       timestamptz   NOT NULL,
    level    varchar(8)    NOT NULL,
    kind     varchar(16)   NOT NULL,
    message  text          NOT NULL,
    ref      varchar(64),
    CONSTRAINT sync_log_level_check CHECK (level IN ('info', 'warn', 'error')),
    CONSTRAINT sync_log_kind_check CHECK (kind IN ('job', 'reconcile', 'fulfillment'))
);
CREATE INDEX sync_log_tenant_id_idx ON sync_log (tenant, id DESC);
