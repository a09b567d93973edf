-- One Shopify store per tenant. Credentials are stored encrypted (SecretCipher): "<key id>:<base64 nonce+ciphertext>".
CREATE TABLE shop_connection (
    id                          uuid         PRIMARY KEY,
    tenant                      varchar(63)  NOT NULL,
    shop_domain                 varchar(255) NOT NULL,
    credential_kind             varchar(32)  NOT NULL,
    access_token                text         NOT NULL,
    webhook_secret              text         NOT NULL,
    -- the secret before the last rotation, still accepted until previous_secret_expires_at
    previous_webhook_secret     text,
    previous_secret_expires_at  timestamptz,
    status                      varchar(16)  NOT NULL,
    connected_at                timestamptz  NOT NULL,
    updated_at                  timestamptz  NOT NULL,
    version                     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT shop_connection_tenant_key UNIQUE (tenant),
    CONSTRAINT shop_connection_shop_domain_key UNIQUE (shop_domain),
    CONSTRAINT shop_connection_status_check CHECK (status IN ('connected', 'disconnected'))
);
