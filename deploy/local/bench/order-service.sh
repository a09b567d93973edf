#!/usr/bin/env bash
# Benchmark of order-service's ingestion on this machine, everything on loopback: a broker and a database of its
# own, the packaged webhook-gateway and order-service, and the load tool (deploy/local/bench/webhook-load), which
# also answers the gateway's store lookup. Reports
#   1. throughput: order-service warmed up first (WARMUP orders through it, so the JIT has compiled its path), then
#      stopped (SIGSTOP) while a backlog of BACKLOG new orders (signed deliveries through the gateway) fills
#      shopify.orders, resumed and timed draining it: events per second at steady state (between 20 % and 80 %);
#   2. latency: with order-service caught up, RATE new orders per second through the gateway for LATENCY_SECONDS;
#      for each, the time from the gateway's 200 to the order's row committed in the queue (what the API shows
#      next), p50 / p99 / max.
#   deploy/local/bench/order-service.sh [BACKLOG 60000] [RATE 200] [LATENCY_SECONDS 30] [WARMUP 30000]
# order-service runs with the JVM options of its image (SERVICE_JAVA_OPTS as in run.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$LOCAL_DIR/lib/kafka.sh"
source "$LOCAL_DIR/lib/postgres.sh"

BACKLOG=${1:-60000}
RATE=${2:-200}
LATENCY_SECONDS=${3:-30}
WARMUP=${4:-30000}
STATE="$LOCAL_DIR/.bench/orders"
KAFKA_PORT=${BENCH_KAFKA_PORT:-29392}
CEILING_PORT=28391
GATEWAY_PORT=28381
ORDERS_PORT=28382
DB=orders_bench
SHOP=bench-store.myshopify.com
TENANT=bench   # the tenant the load tool answers the gateway's store lookup with
SECRET=bench-secret-$(date +%s)
BODY="$LOCAL_DIR/test-infra/src/main/resources/shopify/samples/orders_create_sample.json"
TOOL="$LOCAL_DIR/bench/webhook-load/target"
GATEWAY_JAR="$ROOT_DIR/webhook-gateway/target/quarkus-app/quarkus-run.jar"
ORDERS_JAR=${ORDERS_JAR:-"$ROOT_DIR/order-service/target/quarkus-app/quarkus-run.jar"}

cleanup() {
  stop_pidfile "$STATE/order-service.pid" order-service
  stop_pidfile "$STATE/gateway.pid" webhook-gateway
  stop_pidfile "$STATE/ceiling.pid" ceiling
  kafka_stop "$STATE"
  pg_stop "$STATE"
}
trap cleanup EXIT

if [ ! -f "$GATEWAY_JAR" ] || [ ! -f "$ORDERS_JAR" ] || [ ! -f "$TOOL/webhook-load.jar" ]; then
  (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests -pl webhook-gateway,order-service,deploy/local/bench/webhook-load -am) >&2
fi
rm -rf "$STATE/kafka"
mkdir -p "$STATE"
pg_start "$STATE"
DB_PASSWORD=$(openssl rand -hex 12)
pg_database "$DB" "$DB_PASSWORD" --fresh
kafka_start "$STATE" "$KAFKA_PORT"

sql() { pg_psql -d "$DB" -tA -c "$1"; }
source "$LOCAL_DIR/bench/rig.sh"
# order-service verifies bearer tokens at its API; it needs a key even if this benchmark calls no endpoint
bench_jwt_keys
start_ceiling "$CEILING_PORT" 128m
start_gateway "$GATEWAY_PORT" "$KAFKA_PORT" "$CEILING_PORT" 384m

start_orders() {
  start_process "$STATE/order-service.pid" "$STATE/order-service.log" env \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$ORDERS_PORT" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    DB_USER="$DB" DB_PASSWORD="$DB_PASSWORD" \
    DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    JWT_PUBLIC_KEY_LOCATION="$STATE/jwt/public-key.pem" QUARKUS_LOG_LEVEL=WARN \
    MALLOC_ARENA_MAX=2 java ${SERVICE_JAVA_OPTS:-$SERVICE_JAVA_OPTS_DEFAULT} -jar "$ORDERS_JAR"
  wait_http "http://127.0.0.1:$ORDERS_PORT/q/health/ready" 90 order-service "$STATE/order-service.pid" "$STATE/order-service.log"
}
deliveries() { sql "SELECT count(*) FROM processed_delivery"; }
backlog() { sql "SELECT count(*) FROM processed_delivery" | awk -v w="$WARMUP" '{print $1 - w}'; }
echo "machine: $(nproc) cores; $(free -g | awk '/Mem:/ {print $2}') GB; PostgreSQL, Kafka (acks=all), gateway and order-service on loopback"

# 1. throughput: warm order-service up, stop it, fill the backlog through the gateway, then time it draining that
start_orders
log "warming order-service up with $WARMUP orders"
tool load --label warmup --url "http://127.0.0.1:$GATEWAY_PORT/webhooks/shopify" --shop "$SHOP" --secret "$SECRET" \
  --body "$BODY" --distinct true --first-id 6000000000000000000 --total "$WARMUP" --concurrency 64 \
  --seconds 600 --warmup 0 >/dev/null
while [ "$(deliveries)" -lt "$WARMUP" ]; do sleep 0.5; done
orders_pid=$(cat "$STATE/order-service.pid")
kill -STOP "$orders_pid"
log "filling a backlog of $BACKLOG new orders through the gateway"
tool load --label backlog --url "http://127.0.0.1:$GATEWAY_PORT/webhooks/shopify" --shop "$SHOP" --secret "$SECRET" \
  --body "$BODY" --distinct true --first-id 7000000000000000000 --total "$BACKLOG" --concurrency 64 \
  --seconds 600 --warmup 0
kill -CONT "$orders_pid"   # it takes up where it stopped
t0=$(date +%s.%N)
low=$((BACKLOG * 20 / 100)) high=$((BACKLOG * 80 / 100)) t_low="" t_high=""
while :; do
  n=$(backlog)
  now=$(date +%s.%N)
  [ -z "$t_low" ] && [ "$n" -ge "$low" ] && t_low=$now && n_low=$n
  [ -z "$t_high" ] && [ "$n" -ge "$high" ] && t_high=$now && n_high=$n
  [ "$n" -ge "$BACKLOG" ] && break
  if [ "$(echo "$now - $t0 > 600" | bc)" = 1 ]; then die "order-service applied only $n of $BACKLOG in 10 minutes"; fi
  sleep 0.25
done
t_end=$(date +%s.%N)
printf 'throughput  backlog=%d  drained in %.1f s (from its resumption)  steady state (20%%..80%%): %.0f events/s\n' \
  "$BACKLOG" "$(echo "$t_end - $t0" | bc)" "$(echo "($n_high - $n_low) / ($t_high - $t_low)" | bc -l)"
printf 'queue       %s orders, %s lines (with the warm-up'"'"'s)\n' "$(sql "SELECT count(*) FROM shop_order")" "$(sql "SELECT count(*) FROM order_line")"
printf 'memory      order-service RSS %s MB\n' "$(( $(ps -o rss= -p "$(cat "$STATE/order-service.pid")") / 1024 ))"

# 2. latency at a fixed rate, order-service caught up
log "latency: $RATE new orders per second for $LATENCY_SECONDS s"
tool load --label latency --url "http://127.0.0.1:$GATEWAY_PORT/webhooks/shopify" --shop "$SHOP" --secret "$SECRET" \
  --body "$BODY" --distinct true --first-id 8000000000000000000 --rate "$RATE" --seconds "$LATENCY_SECONDS" \
  --warmup 5 --accepted "$STATE/accepted.txt"
expected=$(wc -l <"$STATE/accepted.txt")
for _ in $(seq 1 120); do
  [ "$(sql "SELECT count(*) FROM shop_order WHERE shopify_order_id >= 8000000000000000000")" -ge "$expected" ] && break
  sleep 0.5
done
pg_psql -d "$DB" -tA -c "CREATE TABLE IF NOT EXISTS bench_accepted (id bigint PRIMARY KEY, at_us bigint NOT NULL); TRUNCATE bench_accepted;"
pg_psql -d "$DB" -c "\\copy bench_accepted FROM '$STATE/accepted.txt' WITH (DELIMITER ' ')"
sql "WITH l AS (SELECT (extract(epoch FROM o.imported_at) * 1000000 - a.at_us) / 1000.0 AS ms
                FROM bench_accepted a JOIN shop_order o ON o.tenant = '$TENANT' AND o.shopify_order_id = a.id)
     SELECT format('latency     rate=%s/s  orders=%s  webhook 200 -> in the queue: p50=%s ms  p99=%s ms  max=%s ms  (missing: %s)',
       $RATE, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1),
       $expected - count(*)) FROM l"
