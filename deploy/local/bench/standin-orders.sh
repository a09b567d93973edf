#!/usr/bin/env bash
# Benchmark: the Shopify stand-in holding N generated orders (default 100,000) in a 1 GiB heap, paged through
# completely with orders(first: 250, after:), as a historical pull would. Prints the timings and the heap used.
# The store's restore rate is raised so that the stand-in, not Shopify's rate limit, is what is measured.
#   deploy/local/bench/standin-orders.sh [COUNT]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

COUNT=${1:-100000}
PORT=${BENCH_PORT:-28185}
STATE="$LOCAL_DIR/.bench"
JAR="$ROOT_DIR/deploy/local/shopify-standin/target/quarkus-app/quarkus-run.jar"
need_cmd jq
[ -f "$JAR" ] || (cd "$ROOT_DIR" && "$MVNW" -q -B -pl deploy/local/shopify-standin -am package -DskipTests)
mkdir -p "$STATE"
trap 'stop_pidfile "$STATE/standin.pid" "Shopify stand-in"' EXIT
start_process "$STATE/standin.pid" "$STATE/standin.log" env QUARKUS_HTTP_PORT="$PORT" \
  java -Xmx1g -Dstandin.plans.plus.restore-rate=1000000 -jar "$JAR"
wait_http "http://127.0.0.1:$PORT/q/health/ready" 60 "Shopify stand-in" "$STATE/standin.pid" "$STATE/standin.log"
pid=$(cat "$STATE/standin.pid")
base="http://127.0.0.1:$PORT"

token=$(curl -fsS -X POST "$base/_sim/stores" -H 'Content-Type: application/json' \
  -d '{"domain":"bench.myshopify.com","plan":"plus"}' | jq -r .access_token)
started=$(date +%s%N)
curl -fsS -X POST "$base/_sim/stores/bench.myshopify.com/orders/generate" -H 'Content-Type: application/json' \
  -d "{\"count\":$COUNT,\"seed\":1,\"created_from\":\"2026-10-01T00:00:00Z\",\"created_to\":\"2026-11-20T00:00:00Z\"}" >/dev/null
generated=$(date +%s%N)

cursor=null pages=0 seen=0
while :; do
  page=$(jq -n --argjson after "$cursor" \
    '{query: "query($after: String) { orders(first: 250, after: $after, query: \"status:any\") { nodes { id name createdAt updatedAt displayFinancialStatus displayFulfillmentStatus email } pageInfo { hasNextPage endCursor } } }", variables: {after: $after}}' \
    | curl -fsS "$base/admin/api/2026-10/graphql.json" -H "X-Shopify-Access-Token: $token" \
      -H 'Content-Type: application/json' --data-binary @-)
  if [ "$(jq -r '.errors // empty | length' <<<"$page")" != "" ]; then
    echo "error: $(jq -c .errors <<<"$page")" >&2
    exit 1
  fi
  pages=$((pages + 1))
  seen=$((seen + $(jq '.data.orders.nodes | length' <<<"$page")))
  [ "$(jq -r .data.orders.pageInfo.hasNextPage <<<"$page")" = true ] || break
  cursor=$(jq '.data.orders.pageInfo.endCursor' <<<"$page")
done
paged=$(date +%s%N)

heap_after=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen|total/ {print; exit}')
jcmd "$pid" GC.run >/dev/null
live=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") print $(i+1); exit}')
printf 'orders: %d generated in %.1f s; %d read in %d pages in %.1f s (%.0f orders/s)\n' \
  "$COUNT" "$(echo "($generated - $started) / 1000000000" | bc -l)" "$seen" "$pages" \
  "$(echo "($paged - $generated) / 1000000000" | bc -l)" "$(echo "$seen / (($paged - $generated) / 1000000000)" | bc -l)"
echo "heap: -Xmx1g; after paging: $heap_after"
echo "heap: live after a full GC: $live"
[ "$seen" -eq "$COUNT" ] || { echo "error: read $seen of $COUNT orders" >&2; exit 1; }
