#!/usr/bin/env bash
# Benchmark of a history import through a Shopify bulk operation, per size: COUNT orders created over the last
# 50 days in a stand-in store, one manual sync over 55 days (a bulk export, as for every range over a month), and
#   time from the request to the last order in order-service's queue (what its API lists), and
#   the sync-service's peak heap while it ran: the peak live heap (what it holds: the heap after a full GC,
#   forced every 2 s with jcmd GC.run, as the JVM's own GC log reports it, so no allocation after the collection
#   counts), the peak heap after any collection (young ones leave garbage in the old generation), and, for
#   reference, the peak used heap between collections (jstat every 200 ms; it follows G1's young-generation
#   sizing more than what the service holds); a fresh sync-service per size so the sizes compare.
# Everything on loopback: its own broker and databases, the stand-in, order-service, sync-service, and the load
# tool standing in for integration-service's access endpoint.
#   deploy/local/bench/sync-bulk.sh [COUNT ... default: 10000 100000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$LOCAL_DIR/lib/kafka.sh"
source "$LOCAL_DIR/lib/postgres.sh"

if [ $# -gt 0 ]; then COUNTS=("$@"); else COUNTS=(10000 100000); fi
STATE="$LOCAL_DIR/.bench/sync-bulk"
KAFKA_PORT=${BENCH_KAFKA_PORT:-29592}
ACCESS_PORT=28591
STANDIN_PORT=28595
SYNC_PORT=28583
ORDERS_PORT=28582
TOKEN=shpat_bench
TOOL="$LOCAL_DIR/bench/webhook-load/target"
SYNC_JAR="$ROOT_DIR/sync-service/target/quarkus-app/quarkus-run.jar"
ORDERS_JAR="$ROOT_DIR/order-service/target/quarkus-app/quarkus-run.jar"
STANDIN_JAR="$LOCAL_DIR/shopify-standin/target/quarkus-app/quarkus-run.jar"

cleanup() {
  stop_pidfile "$STATE/sync-service.pid" sync-service
  stop_pidfile "$STATE/order-service.pid" order-service
  stop_pidfile "$STATE/standin.pid" shopify-standin
  stop_pidfile "$STATE/access.pid" access
  kafka_stop "$STATE"
  pg_stop "$STATE"
}
trap cleanup EXIT

if [ ! -f "$SYNC_JAR" ] || [ ! -f "$ORDERS_JAR" ] || [ ! -f "$STANDIN_JAR" ] || [ ! -f "$TOOL/webhook-load.jar" ]; then
  (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests \
    -pl sync-service,order-service,deploy/local/shopify-standin,deploy/local/bench/webhook-load -am) >&2
fi
rm -rf "$STATE/kafka"
mkdir -p "$STATE"
pg_start "$STATE"
PASSWORD=$(openssl rand -hex 12)
pg_database sync_bulk "$PASSWORD" --fresh
pg_database orders_bulk "$PASSWORD" --fresh
kafka_start "$STATE" "$KAFKA_PORT"
source "$LOCAL_DIR/bench/rig.sh"
bench_jwt_keys
start_access "$ACCESS_PORT" "$TOKEN"
start_standin "$STANDIN_PORT" 2g
service_env() { # NAME DB PORT
  echo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$3" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    DB_USER="$2" DB_PASSWORD="$PASSWORD" DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$2" \
    DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$2" JWT_PUBLIC_KEY_LOCATION="$STATE/jwt/public-key.pem" QUARKUS_LOG_LEVEL=WARN
}
# shellcheck disable=SC2046
start_process "$STATE/order-service.pid" "$STATE/order-service.log" env $(service_env orders_bulk orders_bulk "$ORDERS_PORT") \
  java -Xms256m -Xmx512m -jar "$ORDERS_JAR"
wait_http "http://127.0.0.1:$ORDERS_PORT/q/health/ready" 90 order-service "$STATE/order-service.pid" "$STATE/order-service.log"

sql() { pg_psql -d "$1" -tA -c "$2"; }
heap_mb() { # PID -> "used old" in MB, from jstat -gc (KB columns: S0U S1U EU OU at 3,4,6,8)
  jstat -gc "$1" 2>/dev/null | awk 'NR == 2 {printf "%d %d\n", ($3 + $4 + $6 + $8) / 1024, $8 / 1024}'
}
echo "machine: $(nproc) cores; sizes: ${COUNTS[*]}; sync-service -Xmx512m"
for count in "${COUNTS[@]}"; do
  tenant="bulk-$count"
  shop="$tenant.myshopify.com"
  stop_pidfile "$STATE/sync-service.pid" sync-service
  # shellcheck disable=SC2046
  start_process "$STATE/sync-service.pid" "$STATE/sync-service.log" env $(service_env sync_bulk sync_bulk "$SYNC_PORT") \
    INTEGRATION_SERVICE_URL="http://127.0.0.1:$ACCESS_PORT" SERVICE_IDENTITY_KEY="$(bench_identity_key)" \
    SHOPIFY_ADMIN_URL="http://127.0.0.1:$STANDIN_PORT" \
    java -Xms64m -Xmx512m "-Xlog:gc:file=$STATE/gc-$count.log" -jar "$SYNC_JAR"
  wait_http "http://127.0.0.1:$SYNC_PORT/q/health/ready" 90 sync-service "$STATE/sync-service.pid" "$STATE/sync-service.log"
  pid=$(cat "$STATE/sync-service.pid")
  curl -sf -X POST "http://127.0.0.1:$STANDIN_PORT/_sim/stores" -H 'Content-Type: application/json' \
    -d "{\"domain\":\"$shop\",\"access_token\":\"${TOKEN}_$tenant\",\"plan\":\"plus\"}" >/dev/null
  curl -sf -X POST "http://127.0.0.1:$STANDIN_PORT/_sim/stores/$shop/orders/generate" -H 'Content-Type: application/json' \
    -d "{\"count\":$count,\"seed\":7,\"created_from\":\"$(date -u -d '50 days ago' +%Y-%m-%dT%H:%M:%SZ)\"}" >/dev/null
  sql sync_bulk "INSERT INTO tenant_settings (tenant, settings_version, connection_status, shop_domain, auto_sync_interval_minutes,
       inventory_sync, notify_customer, updated_at) VALUES ('$tenant', 1, 'connected', '$shop', 1440, false, true, now())
       ON CONFLICT (tenant) DO NOTHING" >/dev/null
  user=$(RUN_DIR="$STATE" "$LOCAL_DIR/mint-token.sh" --tenant "$tenant" --roles admin)
  read -r base_used base_old < <(heap_mb "$pid")
  t0=$(date +%s.%N)
  gc_since=$(ps -o etimes= -p "$pid" | tr -d ' ')
  job=$(curl -sf -X POST "http://127.0.0.1:$SYNC_PORT/api/$tenant/sync/shopify" -H "Authorization: Bearer $user" \
    -H 'Content-Type: application/json' \
    -d "{\"from_date\":\"$(date -u -d '55 days ago' +%F)\",\"to_date\":\"$(date -u +%F)\"}" | jq -r .job_id)
  peak_used=0 peak_old=0 tick=0
  while :; do
    read -r used old < <(heap_mb "$pid")
    [ "$used" -gt "$peak_used" ] && peak_used=$used
    [ "$old" -gt "$peak_old" ] && peak_old=$old
    if [ $((tick % 10)) = 0 ]; then
      jcmd "$pid" GC.run >/dev/null 2>&1 || true
    fi
    tick=$((tick + 1))
    visible=$(sql orders_bulk "SELECT count(*) FROM shop_order WHERE tenant = '$tenant'")
    [ "$visible" -ge "$count" ] && break
    status=$(sql sync_bulk "SELECT status FROM sync_job WHERE id = '$job'")
    case "$status" in failed|cancelled) die "job $job $status: $(sql sync_bulk "SELECT error FROM sync_job WHERE id = '$job'")" ;; esac
    if [ "$(echo "$(date +%s.%N) - $t0 > 900" | bc)" = 1 ]; then die "only $visible of $count orders in 15 minutes"; fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  # G1's log: "GC(12) Pause Full (System.gc()) 85M->31M(128M) 45.678ms"; after the request only
  gc_after() { # PATTERN -> the largest heap after such a collection, MB
    awk -v since="$gc_since" -v pat="$1" '$0 ~ pat { t = substr($1, 2) + 0; if (t < since) next
      if (match($0, /->[0-9]+M/)) { v = substr($0, RSTART + 2, RLENGTH - 3) + 0; if (v > m) m = v } } END { print m + 0 }' \
      "$STATE/gc-$count.log"
  }
  peak_live=$(gc_after "Pause Full")
  peak_after=$(gc_after "Pause")
  jobtime=$(sql sync_bulk "SELECT round(extract(epoch FROM finished_at - created_at)::numeric, 1) FROM sync_job WHERE id = '$job'")
  printf 'bulk %7d orders: request -> last order in the queue %.1f s (sync job %s s); sync-service heap: peak live %d MB (after full GCs), peak after any GC %d MB, peak used %d MB, peak old gen %d MB (at start %d / %d MB)\n' \
    "$count" "$(echo "$t1 - $t0" | bc)" "$jobtime" "$peak_live" "$peak_after" "$peak_used" "$peak_old" "$base_used" "$base_old"
done
