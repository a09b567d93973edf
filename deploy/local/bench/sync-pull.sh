#!/usr/bin/env bash
# Benchmark of the sync-service's paged history pull against the Shopify stand-in, per plan: COUNT orders created
# over the last 28 days in a store of that plan, one manual sync job over them (under a month: paged, not a bulk
# export), and
#   time (job start to finish), Shopify cost points used (actual), the rate-limit floor (points / restore rate:
#   Plus 1000/s, Advanced 200/s, Standard 100/s), time / floor, THROTTLED answers seen, the page size chosen.
# The bucket starts full (20 s of restore), so a short pull can beat the floor by that much.
# Everything on loopback: its own broker and database, the stand-in, the sync-service, and the load tool standing
# in for integration-service's access endpoint.
#   deploy/local/bench/sync-pull.sh [COUNT 10000] [PLAN ... default: plus standard]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$LOCAL_DIR/lib/kafka.sh"
source "$LOCAL_DIR/lib/postgres.sh"

COUNT=${1:-10000}
shift || true
if [ $# -gt 0 ]; then PLANS=("$@"); else PLANS=(plus standard); fi
STATE="$LOCAL_DIR/.bench/sync-pull"
KAFKA_PORT=${BENCH_KAFKA_PORT:-29492}
ACCESS_PORT=28491
STANDIN_PORT=28495
SYNC_PORT=28483
DB=sync_bench
TOKEN=shpat_bench
TOOL="$LOCAL_DIR/bench/webhook-load/target"
SYNC_JAR="$ROOT_DIR/sync-service/target/quarkus-app/quarkus-run.jar"
STANDIN_JAR="$LOCAL_DIR/shopify-standin/target/quarkus-app/quarkus-run.jar"

cleanup() {
  stop_pidfile "$STATE/sync-service.pid" sync-service
  stop_pidfile "$STATE/standin.pid" shopify-standin
  stop_pidfile "$STATE/access.pid" access
  kafka_stop "$STATE"
  pg_stop "$STATE"
}
trap cleanup EXIT

if [ ! -f "$SYNC_JAR" ] || [ ! -f "$STANDIN_JAR" ] || [ ! -f "$TOOL/webhook-load.jar" ]; then
  (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests -pl sync-service,deploy/local/shopify-standin,deploy/local/bench/webhook-load -am) >&2
fi
rm -rf "$STATE/kafka"
mkdir -p "$STATE"
pg_start "$STATE"
DB_PASSWORD=$(openssl rand -hex 12)
pg_database "$DB" "$DB_PASSWORD" --fresh
kafka_start "$STATE" "$KAFKA_PORT"
source "$LOCAL_DIR/bench/rig.sh"
bench_jwt_keys
start_access "$ACCESS_PORT" "$TOKEN"
start_standin "$STANDIN_PORT" 1g
start_process "$STATE/sync-service.pid" "$STATE/sync-service.log" env \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$SYNC_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  DB_USER="$DB" DB_PASSWORD="$DB_PASSWORD" \
  DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  JWT_PUBLIC_KEY_LOCATION="$STATE/jwt/public-key.pem" \
  INTEGRATION_SERVICE_URL="http://127.0.0.1:$ACCESS_PORT" SERVICE_IDENTITY_KEY="$(bench_identity_key)" \
  SHOPIFY_ADMIN_URL="http://127.0.0.1:$STANDIN_PORT" QUARKUS_LOG_LEVEL=WARN \
  java -Xms128m -Xmx512m -jar "$SYNC_JAR"
wait_http "http://127.0.0.1:$SYNC_PORT/q/health/ready" 90 sync-service "$STATE/sync-service.pid" "$STATE/sync-service.log"

sql() { pg_psql -d "$DB" -tA -c "$1"; }
throttled() { curl -s "http://127.0.0.1:$SYNC_PORT/q/metrics" | awk '/^shopify_throttled_total/ {s += $2} END {print s + 0}'; }
echo "machine: $(nproc) cores; $COUNT orders per store; plans: ${PLANS[*]}"
for plan in "${PLANS[@]}"; do
  case "$plan" in plus) rate=1000 ;; advanced) rate=200 ;; standard) rate=100 ;; *) die "unknown plan $plan" ;; esac
  tenant="bench-$plan"
  shop="$tenant.myshopify.com"
  curl -sf -X POST "http://127.0.0.1:$STANDIN_PORT/_sim/stores" -H 'Content-Type: application/json' \
    -d "{\"domain\":\"$shop\",\"access_token\":\"${TOKEN}_$tenant\",\"plan\":\"$plan\"}" >/dev/null
  curl -sf -X POST "http://127.0.0.1:$STANDIN_PORT/_sim/stores/$shop/orders/generate" -H 'Content-Type: application/json' \
    -d "{\"count\":$COUNT,\"seed\":42,\"created_from\":\"$(date -u -d '28 days ago' +%Y-%m-%dT%H:%M:%SZ)\"}" >/dev/null
  sql "INSERT INTO tenant_settings (tenant, settings_version, connection_status, shop_domain, auto_sync_interval_minutes,
       inventory_sync, notify_customer, updated_at) VALUES ('$tenant', 1, 'connected', '$shop', 60, false, true, now())
       ON CONFLICT (tenant) DO NOTHING" >/dev/null
  user=$(RUN_DIR="$STATE" "$LOCAL_DIR/mint-token.sh" --tenant "$tenant" --roles admin)
  before=$(throttled)
  job=$(curl -sf -X POST "http://127.0.0.1:$SYNC_PORT/api/$tenant/sync/shopify" -H "Authorization: Bearer $user" \
    -H 'Content-Type: application/json' \
    -d "{\"from_date\":\"$(date -u -d '29 days ago' +%F)\",\"to_date\":\"$(date -u +%F)\"}" | jq -r .job_id)
  log "$plan: job $job pulling $COUNT orders (floor at $rate points/s)"
  while :; do
    status=$(sql "SELECT status FROM sync_job WHERE id = '$job'")
    case "$status" in completed) break ;; failed|cancelled) die "job $job $status: $(sql "SELECT error FROM sync_job WHERE id = '$job'")" ;; esac
    sleep 1
  done
  [ "$(sql "SELECT mode FROM sync_job WHERE id = '$job'")" = paged ] || die "job $job did not page"
  sql "SELECT format('%-9s orders=%s pages=%s page_size=%s time=%ss cost=%s points floor=%ss time/floor=%s throttled=%s',
         '$plan', orders_seen, pages, page_size, round(extract(epoch FROM finished_at - started_at)::numeric, 1),
         round(cost_points::numeric), round((cost_points / $rate)::numeric, 1),
         round((extract(epoch FROM finished_at - started_at) / (cost_points / $rate))::numeric, 3),
         $(throttled) - $before) FROM sync_job WHERE id = '$job'"
done
printf 'memory    sync-service RSS %s MB\n' "$(( $(ps -o rss= -p "$(cat "$STATE/sync-service.pid")") / 1024 ))"
