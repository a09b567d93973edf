-- A disconnected store keeps its row (history, audit) but no credential: the secret columns may be empty.
ALTER TABLE shop_connection ALTER COLUMN access_token DROP NOT NULL;
ALTER TABLE shop_connection ALTER COLUMN webhook_secret DROP NOT NULL;
ALTER TABLE shop_connection ADD COLUMN disconnected_at timestamptz;
ALTER TABLE shop_connection ADD CONSTRAINT shop_connection_secrets_while_connected
    CHECK (status = 'disconnected' OR (access_token IS NOT NULL AND webhook_secret IS NOT NULL));
