#!/usr/bin/env bash
# Benchmark of the whole suite as run.sh starts it (all four services, the stand-in, PostgreSQL, a broker of its
# own), Shopify's webhooks coming in through the gateway from the load tool (deploy/local/bench/webhook-load) on the
# same machine:
#   0. warm-up: WARMUP seconds at saturation, not measured (the JIT compilers take minutes on 2 shared cores), then
#      the queue catches up;
#   1. sustained: new orders as fast as 64 connections take them for SECONDS: what the gateway took, how fast orders
#      entered the queue (rows committed per second in the window after the first 5 s), how long the queue took to
#      catch up, and the CPU each process spent per order in that window (what limits the rate on this machine);
#   2. latency: LATENCY_RATE new orders a second for 30 s: webhook 200 -> order in the queue (its imported_at,
#      stamped in the ingesting transaction), p50/p99/max;
#   3. memory after each phase: each service's resident set (RSS), heap committed, metaspace and code cache.
#   deploy/local/bench/suite.sh [SECONDS 60] [LATENCY_RATE 500] [WARMUP 90]
# Knobs: SERVICE_JAVA_OPTS (the services' JVM options, as run.sh takes them), BENCH_PORT_BASE (26080; every port
# stays below Linux's ephemeral range, 32768-60999, where a connection's source port can take a listener's).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$LOCAL_DIR/lib/postgres.sh"

SECONDS_=${1:-60}
LATENCY_RATE=${2:-500}
WARMUP=${3:-90}
export RUN_DIR="$LOCAL_DIR/.bench/suite"
export PORT_BASE=${BENCH_PORT_BASE:-26080}
export KAFKA_PORT=27092
export DB_SUFFIX=_bench_suite
export FRESH_DATABASES=yes
unset KAFKA_BOOTSTRAP_SERVERS
TOOL="$LOCAL_DIR/bench/webhook-load/target"
BODY="$LOCAL_DIR/test-infra/src/main/resources/shopify/samples/orders_create_sample.json"
DB=orders$DB_SUFFIX
SERVICES=(webhook-gateway order-service sync-service integration-service)

cleanup() { "$LOCAL_DIR/run.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [ ! -f "$TOOL/webhook-load.jar" ]; then
  (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests -pl deploy/local/bench/webhook-load) >&2
fi
mkdir -p "$RUN_DIR"
"$LOCAL_DIR/run.sh" --detach >"$RUN_DIR.log" 2>&1 || { tail -n 30 "$RUN_DIR.log" >&2; die "the suite did not start"; }
set -a; source "$RUN_DIR/env"; set +a

sql() { pg_psql -d "$DB" -tA -c "$1"; }
now() { date +%s.%N; }
load() { # LABEL FIRST_ID SECONDS (--concurrency C | --rate R) [more options]
  local label=$1 first=$2 seconds=$3
  shift 3
  java -Xmx1g -cp "$TOOL/webhook-load.jar:$TOOL/lib/*" com.proign.shopify.bench.WebhookLoad load --label "$label" \
    --url "$GATEWAY_URL/webhooks/shopify" --shop "$SHOP_DOMAIN" --secret "$WEBHOOK_SECRET" --body "$BODY" \
    --distinct true --first-id "$first" --seconds "$seconds" "$@"
}
rows_from() { sql "SELECT count(*) FROM shop_order WHERE shopify_order_id >= $1 AND shopify_order_id < $(($1 + 100000000))"; }
catch_up() { # FIRST_ID EXPECTED: waits until the queue holds them (5 minutes at most)
  local deadline=$((SECONDS + 300))
  while [ "$(rows_from "$1")" -lt "$2" ]; do
    [ $SECONDS -lt $deadline ] || die "only $(rows_from "$1") of $2 orders in the queue after 5 minutes"
    sleep 0.25
  done
}

# CPU time (user + system, clock ticks) of each process we care about: the services, the broker, PostgreSQL (all
# its processes), the load tool
cpu_ticks() { # PID...
  local total=0 pid stat
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    set -- $stat
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
declare -A CPU_PIDS
cpu_pids() { # LOAD_PID
  local s
  for s in "${SERVICES[@]}" shopify-standin; do CPU_PIDS[$s]=$(cat "$RUN_DIR/pids/$s"); done
  CPU_PIDS[kafka]=$(cat "$RUN_DIR/kafka/pid")
  CPU_PIDS[postgresql]=$(pgrep -u postgres -d ' ' postgres || true)
  CPU_PIDS[load-tool]=$1
}
declare -A CPU_BEFORE
cpu_mark() { local k; for k in "${!CPU_PIDS[@]}"; do CPU_BEFORE[$k]=$(cpu_ticks ${CPU_PIDS[$k]}); done; }
cpu_report() { # ORDERS WINDOW_SECONDS
  local k ticks per total=0 hz
  hz=$(getconf CLK_TCK)
  for k in webhook-gateway order-service postgresql kafka load-tool sync-service integration-service shopify-standin; do
    ticks=$(( $(cpu_ticks ${CPU_PIDS[$k]}) - CPU_BEFORE[$k] ))
    total=$((total + ticks))
    per=$(echo "$ticks * 1000000 / $hz / $1" | bc)
    printf 'cpu         %-20s %6.2f cores  %5d us per order\n' "$k" "$(echo "$ticks / $hz / $2" | bc -l)" "$per"
  done
  printf 'cpu         %-20s %6.2f cores  %5d us per order (of %d cores)\n' all "$(echo "$total / $hz / $2" | bc -l)" \
    "$(echo "$total * 1000000 / $hz / $1" | bc)" "$(nproc)"
}

memory() { # LABEL
  local service pid rss heap meta code
  for service in "${SERVICES[@]}"; do
    pid=$(cat "$RUN_DIR/pids/$service")
    rss=$(($(ps -o rss= -p "$pid") / 1024))
    heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -oE 'total [0-9]+K' | grep -oE '[0-9]+' | paste -sd+ | bc)
    meta=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -oE 'Metaspace +used [0-9]+K, committed [0-9]+K' | grep -oE '[0-9]+K$' | tr -dc '0-9')
    code=$(jcmd "$pid" Compiler.codecache 2>/dev/null | grep -oE ' used=[0-9]+Kb' | grep -oE '[0-9]+' | paste -sd+ | bc)
    printf 'memory      %-16s %-20s RSS %4d MB  heap %4d MB  metaspace %3d MB  code %3d MB\n' "$1" "$service" "$rss" \
      $(( ${heap:-0} / 1024 )) $(( ${meta:-0} / 1024 )) $(( ${code:-0} / 1024 ))
  done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; the whole suite up (run.sh), a broker of its own; the load tool on the same cores"
echo "services' JVM options: ${SERVICE_JAVA_OPTS:-as run.sh sets them}"
memory idle

# 0. warm-up
load warmup 6900000000000000000 "$WARMUP" --concurrency 64 --warmup 0 --accepted "$RUN_DIR/warmup.txt" >/dev/null
catch_up 6900000000000000000 "$(wc -l <"$RUN_DIR/warmup.txt")"
memory after-warmup

# 1. sustained rate, through the gateway into the queue
first=7100000000000000000
start=$(now)
load sustained "$first" "$SECONDS_" --concurrency 64 --warmup 0 --accepted "$RUN_DIR/sustained.txt" &
loader=$!
sleep 1
cpu_pids "$(pgrep -P "$loader" java || echo "$loader")"
sleep 4
t_a=$(now); n_a=$(rows_from "$first"); cpu_mark
sleep $((SECONDS_ - 10))
t_b=$(now); n_b=$(rows_from "$first")
window=$(echo "$t_b - $t_a" | bc)
cpu_report $((n_b - n_a)) "$window"
memory during
wait "$loader"
accepted=$(wc -l <"$RUN_DIR/sustained.txt")
catch_up "$first" "$accepted"
t_end=$(now)
printf 'sustained   64 connections for %d s: %d taken by the gateway; into the queue %.0f orders/s (steady window); all %d in the queue %.1f s after the first was sent (%.1f s after the last)\n' \
  "$SECONDS_" "$accepted" "$(echo "($n_b - $n_a) / $window" | bc -l)" "$accepted" \
  "$(echo "$t_end - $start" | bc)" "$(echo "$t_end - $start - $SECONDS_" | bc)"
memory after-sustained

# 2. latency at a fixed rate, the queue caught up
load latency 8100000000000000000 30 --rate "$LATENCY_RATE" --warmup 5 --accepted "$RUN_DIR/latency.txt"
catch_up 8100000000000000000 "$(wc -l <"$RUN_DIR/latency.txt")"
pg_psql -d "$DB" -tA -c "CREATE TABLE IF NOT EXISTS bench_accepted (id bigint PRIMARY KEY, at_us bigint NOT NULL); TRUNCATE bench_accepted;"
pg_psql -d "$DB" -c "\\copy bench_accepted FROM '$RUN_DIR/latency.txt' WITH (DELIMITER ' ')"
sql "WITH l AS (SELECT (extract(epoch FROM o.imported_at) * 1000000 - a.at_us) / 1000.0 AS ms
                FROM bench_accepted a JOIN shop_order o ON o.tenant = 'demo' AND o.shopify_order_id = a.id)
     SELECT format('latency     rate=%s/s  orders=%s  webhook 200 -> in the queue: p50=%s ms  p99=%s ms  max=%s ms  (missing: %s)',
       $LATENCY_RATE, count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), round(max(ms)::numeric, 1),
       $(wc -l <"$RUN_DIR/latency.txt") - count(*)) FROM l"
memory after-latency
