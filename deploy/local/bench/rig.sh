# Sourced by the benchmarks: the load tool (webhook-load) and its servers in place of integration-service, the
# packaged webhook-gateway publishing to a broker on loopback, the Shopify stand-in, and JWT keys.
# Needs STATE and TOOL set (GATEWAY_JAR, SHOP, SECRET for the gateway; STANDIN_JAR for the stand-in), and
# common.sh sourced.

tool() { java -Xmx512m -cp "$TOOL/webhook-load.jar:$TOOL/lib/*" com.proign.shopify.bench.WebhookLoad "$@"; }

# The tool's server: verifies the HMAC and answers (the bare ceiling), and answers the gateway's store lookup.
start_ceiling() { # PORT [HEAP]
  start_process "$STATE/ceiling.pid" "$STATE/ceiling.log" \
    java "-Xmx${2:-256m}" -cp "$TOOL/webhook-load.jar:$TOOL/lib/*" com.proign.shopify.bench.WebhookLoad \
    serve --port "$1" --shop "$SHOP" --secret "$SECRET"
}

start_gateway() { # PORT KAFKA_PORT CEILING_PORT [HEAP]
  start_process "$STATE/gateway.pid" "$STATE/gateway.log" env \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$1" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$2" \
    INTEGRATION_SERVICE_URL="http://127.0.0.1:$3" SERVICE_IDENTITY_KEY="$(bench_identity_key)" \
    QUARKUS_LOG_LEVEL=WARN \
    java -Xms128m "-Xmx${4:-512m}" -jar "$GATEWAY_JAR"
  wait_http "http://127.0.0.1:$1/q/health/ready" 60 webhook-gateway "$STATE/gateway.pid" "$STATE/gateway.log"
}

# A key pair for the services' JWT verification ($STATE/jwt), so mint-token.sh (RUN_DIR=$STATE) can sign tokens.
bench_jwt_keys() {
  [ -f "$STATE/secrets/jwt-private-key.pem" ] && return 0
  mkdir -p "$STATE/jwt" "$STATE/secrets"
  chmod 700 "$STATE/secrets"
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$STATE/secrets/jwt-private-key.pem" 2>/dev/null)
  openssl pkey -in "$STATE/secrets/jwt-private-key.pem" -pubout -out "$STATE/jwt/public-key.pem"
}

# The private key a calling service signs its tokens with (the tool standing in for integration-service does not
# check them); prints its path.
bench_identity_key() {
  if [ ! -f "$STATE/secrets/identity.pem" ]; then
    mkdir -p "$STATE/secrets"
    chmod 700 "$STATE/secrets"
    (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$STATE/secrets/identity.pem" 2>/dev/null)
  fi
  echo "$STATE/secrets/identity.pem"
}

# The tool standing in for integration-service's access endpoint: tenant t, store t.myshopify.com, token TOKEN_t.
start_access() { # PORT TOKEN
  start_process "$STATE/access.pid" "$STATE/access.log" \
    java -Xmx128m -cp "$TOOL/webhook-load.jar:$TOOL/lib/*" com.proign.shopify.bench.WebhookLoad \
    serve --port "$1" --shop unused.myshopify.com --secret unused --token "$2"
}

start_standin() { # PORT HEAP (needs STANDIN_JAR)
  start_process "$STATE/standin.pid" "$STATE/standin.log" env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$1" \
    java -Xms256m "-Xmx$2" -jar "$STANDIN_JAR"
  wait_http "http://127.0.0.1:$1/q/health/ready" 60 shopify-standin "$STATE/standin.pid" "$STATE/standin.log"
}
