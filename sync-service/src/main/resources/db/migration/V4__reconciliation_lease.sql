-- Interval reconciliation: the instance running a tenant's pass holds its lease, so exactly one replica pulls a
-- tenant at a time; a crashed instance's lease runs out.
ALTER TABLE tenant_sync_state ADD COLUMN lease_until timestamptz;
ALTER TABLE tenant_sync_state ADD COLUMN last_pass_orders integer;
