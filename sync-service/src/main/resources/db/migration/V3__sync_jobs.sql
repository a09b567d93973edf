-- History pulls on demand: one row per job, its checkpoint (the last page's cursor and counters) written after
-- every page, so a job whose instance stopped is taken up by another (lease expired) where it stood.
CREATE TABLE sync_job (
    id                uuid          PRIMARY KEY,
    tenant            varchar(63)   NOT NULL,
    kind              varchar(16)   NOT NULL,
    status            varchar(16)   NOT NULL,
    from_date         timestamptz   NOT NULL,
    to_date           timestamptz   NOT NULL,
    order_status      varchar(16)   NOT NULL,
    page_cursor       text,
    page_size         integer,
    pages             integer       NOT NULL DEFAULT 0,
    orders_seen       integer       NOT NULL DEFAULT 0,
    cost_points       double precision NOT NULL DEFAULT 0,
    -- the creation time of the last order pulled: how far through the range the job is
    reached           timestamptz,
    cancel_requested  boolean       NOT NULL DEFAULT false,
    error             text,
    lease_until       timestamptz,
    created_at        timestamptz   NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz   NOT NULL,
    CONSTRAINT sync_job_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT sync_job_order_status_check CHECK (order_status IN ('any', 'open', 'closed', 'cancelled'))
);
CREATE INDEX sync_job_tenant_created_idx ON sync_job (tenant, created_at DESC);
CREATE INDEX sync_job_runnable_idx ON sync_job (created_at) WHERE status IN ('queued', 'running');
