-- The shortest auto-sync interval is the service's configuration (integration.settings.min-auto-sync-interval-minutes,
-- 15 by default); the table keeps only what is never valid.
ALTER TABLE shop_settings DROP CONSTRAINT shop_settings_interval_check;
ALTER TABLE shop_settings ADD CONSTRAINT shop_settings_interval_check
    CHECK (auto_sync_interval_minutes BETWEEN 1 AND 1440);
