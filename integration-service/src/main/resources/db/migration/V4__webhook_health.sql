-- Webhook health, as the last check of the store's subscriptions found it (at connect, on a settings change that
-- re-registers, and on every maintenance pass); part of the tenant's published state, so it raises version.
--   ok: every required subscription was there; restored: some had been removed by Shopify (deliveries kept
--   failing) and were created again; failing: the subscriptions could not be checked (webhooks_error says why).
ALTER TABLE shop_settings ADD COLUMN webhooks_status varchar(16);
ALTER TABLE shop_settings ADD COLUMN webhooks_checked_at timestamptz;
ALTER TABLE shop_settings ADD COLUMN webhooks_restored_at timestamptz;
ALTER TABLE shop_settings ADD COLUMN webhooks_restored_count integer NOT NULL DEFAULT 0;
ALTER TABLE shop_settings ADD COLUMN webhooks_error varchar(500);
ALTER TABLE shop_settings ADD CONSTRAINT shop_settings_webhooks_status_check
    CHECK (webhooks_status IS NULL OR webhooks_status IN ('ok', 'restored', 'failing'));
