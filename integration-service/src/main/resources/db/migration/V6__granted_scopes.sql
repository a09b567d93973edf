-- The Admin API access scopes the store's app granted, as last read from Shopify (at connect, Test Connection and each
-- webhook maintenance pass): which features are on (Feature). Null until read (connections made before this column).
ALTER TABLE shop_connection ADD COLUMN granted_scopes varchar(2000);
