-- Dev Dashboard apps (client-credentials grant): the client id is an identifier and stays readable; the client
-- secret is kept in webhook_secret (it both signs webhooks and mints tokens); access_token holds the minted token,
-- renewed from token_refresh_at and no longer valid after token_expires_at.
ALTER TABLE shop_connection ADD COLUMN client_id varchar(255);
ALTER TABLE shop_connection ADD COLUMN token_expires_at timestamptz;
ALTER TABLE shop_connection ADD COLUMN token_refresh_at timestamptz;
-- why a connection ended: 'disconnected' (by the tenant) or 'app_uninstalled' (in Shopify)
ALTER TABLE shop_connection ADD COLUMN disconnect_reason varchar(32);
ALTER TABLE shop_connection ADD CONSTRAINT shop_connection_credential_kind_check
    CHECK (credential_kind IN ('admin_api_token', 'client_credentials'));
ALTER TABLE shop_connection ADD CONSTRAINT shop_connection_client_credentials_complete
    CHECK (status = 'disconnected' OR credential_kind <> 'client_credentials'
           OR (client_id IS NOT NULL AND token_expires_at IS NOT NULL AND token_refresh_at IS NOT NULL));

-- A tenant's integration settings, and the state the other services follow (published on integration.settings,
-- compacted, keyed by tenant). Every change of the settings or of the connection's state raises version; the
-- relay publishes the rows whose published_version is behind, so a crash between commit and Kafka loses nothing.
CREATE TABLE shop_settings (
    tenant                      varchar(63)  PRIMARY KEY,
    order_status_filter         varchar(32)  NOT NULL,
    fulfillment_location_id     bigint,
    fulfillment_location_name   varchar(255),
    auto_sync_interval_minutes  integer      NOT NULL,
    inventory_sync              boolean      NOT NULL,
    notify_customer             boolean      NOT NULL,
    updated_at                  timestamptz  NOT NULL,
    version                     bigint       NOT NULL DEFAULT 0,
    published_version           bigint       NOT NULL DEFAULT -1,
    CONSTRAINT shop_settings_status_filter_check CHECK (order_status_filter IN ('any', 'authorized', 'paid')),
    CONSTRAINT shop_settings_interval_check CHECK (auto_sync_interval_minutes BETWEEN 15 AND 1440)
);
CREATE INDEX shop_settings_unpublished ON shop_settings (tenant) WHERE published_version < version;
