#!/usr/bin/env bash
# Benchmark of the webhook-gateway on this machine, everything on loopback: a broker of its own, the packaged
# gateway, and the load tool (deploy/local/bench/webhook-load), which also serves the bare ceiling (verify the
# HMAC, answer) and the store lookup the gateway caches. Signed deliveries of Shopify's sample order, each of a
# thousand order ids; reports deliveries per second and p50/p99/max latency at a fixed rate and at saturation,
# for the gateway and for the ceiling.
#   deploy/local/bench/webhook-gateway.sh [SECONDS per run, default 30]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$LOCAL_DIR/lib/kafka.sh"

SECONDS_PER_RUN=${1:-30}
STATE="$LOCAL_DIR/.bench/gateway"
KAFKA_PORT=${BENCH_KAFKA_PORT:-29292}
CEILING_PORT=28291
GATEWAY_PORT=28281
SHOP=bench-store.myshopify.com
SECRET=bench-secret-$(date +%s)
BODY="$LOCAL_DIR/test-infra/src/main/resources/shopify/samples/orders_create_sample.json"
TOOL="$LOCAL_DIR/bench/webhook-load/target"
GATEWAY_JAR="$ROOT_DIR/webhook-gateway/target/quarkus-app/quarkus-run.jar"

cleanup() {
  stop_pidfile "$STATE/gateway.pid" webhook-gateway
  stop_pidfile "$STATE/ceiling.pid" ceiling
  kafka_stop "$STATE"
}
trap cleanup EXIT

if [ ! -f "$GATEWAY_JAR" ] || [ ! -f "$TOOL/webhook-load.jar" ]; then
  (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests -pl webhook-gateway,deploy/local/bench/webhook-load -am) >&2
fi
rm -rf "$STATE/kafka"
mkdir -p "$STATE"
kafka_start "$STATE" "$KAFKA_PORT"
source "$LOCAL_DIR/bench/rig.sh"
start_ceiling "$CEILING_PORT"
start_gateway "$GATEWAY_PORT" "$KAFKA_PORT" "$CEILING_PORT"

run() { # LABEL URL ARGS...
  local label=$1 url=$2
  shift 2
  tool load --label "$label" --url "$url" --shop "$SHOP" --secret "$SECRET" --body "$BODY" "$@"
}
gateway="http://127.0.0.1:$GATEWAY_PORT/webhooks/shopify"
ceiling="http://127.0.0.1:$CEILING_PORT/webhooks/shopify"
echo "machine: $(nproc) cores; body $(wc -c <"$BODY") bytes; $SECONDS_PER_RUN s per run; Kafka acks=all on loopback"
# each run warms up for 5 s at its own load before measuring; this first one also warms the gateway's JIT
run warmup "$gateway" --seconds 10 --concurrency 32 >/dev/null
run ceiling "$ceiling" --seconds "$SECONDS_PER_RUN" --rate 1000
run ceiling "$ceiling" --seconds "$SECONDS_PER_RUN" --concurrency 64
run gateway "$gateway" --seconds "$SECONDS_PER_RUN" --rate 1000
run gateway "$gateway" --seconds "$SECONDS_PER_RUN" --rate 3000
run gateway "$gateway" --seconds "$SECONDS_PER_RUN" --concurrency 64
