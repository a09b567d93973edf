# Sourced by the benchmarks: the load tool (webhook-load), its store-lookup server in place of
# integration-service, and the packaged webhook-gateway publishing to a broker on loopback.
# Needs STATE, TOOL, GATEWAY_JAR, SHOP, SECRET set, and common.sh sourced.

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
    INTEGRATION_SERVICE_URL="http://127.0.0.1:$3" INTEGRATION_SERVICE_TOKEN=bench \
    QUARKUS_LOG_LEVEL=WARN \
    java -Xms128m "-Xmx${4:-512m}" -jar "$GATEWAY_JAR"
  wait_http "http://127.0.0.1:$1/q/health/ready" 60 webhook-gateway "$STATE/gateway.pid" "$STATE/gateway.log"
}
