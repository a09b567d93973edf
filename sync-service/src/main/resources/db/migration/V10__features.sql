-- The features the store's app scopes allow, as integration-service publishes them (JSON list; null until known).
ALTER TABLE tenant_settings ADD COLUMN features text;
-- The sync log says when a feature turns off or on (kind connection).
ALTER TABLE sync_log DROP CONSTRAINT sync_log_kind_check;
ALTER TABLE sync_log ADD CONSTRAINT sync_log_kind_check
    CHECK (kind IN ('job', 'reconcile', 'fulfillment', 'inventory', 'webhooks', 'connection'));
