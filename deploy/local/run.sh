#!/usr/bin/env bash
# Runs the whole suite on this machine: PostgreSQL, a Kafka broker, the Shopify stand-in, the four services
# (packaged jars), and a demo tenant "demo" connected to the demo store.
#   deploy/local/run.sh            in the foreground; Ctrl-C stops everything it started
#   deploy/local/run.sh --detach   returns once every service reports healthy
#   deploy/local/run.sh stop       stops what it started, by PID
#   deploy/local/run.sh --build    rebuilds the services first (otherwise only when a jar is missing)
#   deploy/local/run.sh --replicas 2   two instances of every service (the second on each port + 100)
# Writes $RUN_DIR/env (KEY=value lines: URLs, RUN_DIR, TENANT, TOKEN, SHOP_DOMAIN, WEBHOOK_SECRET,
# SHOPIFY_ACCESS_TOKEN); `set -a; source "$RUN_DIR/env"; set +a` also tells mint-token.sh which run to sign for.
# Knobs: RUN_DIR (deploy/local/.run), PORT_BASE (8080: the local ingress, one origin for the console, the APIs and the
# webhooks; gateway +1, orders +2, sync +3, integration +4, Shopify +5),
# KAFKA_PORT (9092), KAFKA_BOOTSTRAP_SERVERS (use that broker instead of starting one), DB_SUFFIX (""),
# FRESH_DATABASES (no; yes drops and recreates the suite's databases), REPLICAS (1; or --replicas),
# SERVICE_JAVA_OPTS (the services' JVM options; by default those of the Kubernetes manifests, see deploy/README.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$LOCAL_DIR/lib/postgres.sh"
source "$LOCAL_DIR/lib/kafka.sh"
source "$LOCAL_DIR/lib/ingress.sh"

RUN_DIR=${RUN_DIR:-$LOCAL_DIR/.run}
PORT_BASE=${PORT_BASE:-8080}
KAFKA_PORT=${KAFKA_PORT:-9092}
DB_SUFFIX=${DB_SUFFIX:-}
FRESH_DATABASES=${FRESH_DATABASES:-no}
REPLICAS=${REPLICAS:-1}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-$SERVICE_JAVA_OPTS_DEFAULT}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
SERVICES=(integration-service webhook-gateway order-service sync-service)
# the services that call integration-service's internal endpoints, each with an identity (key pair) of its own
CALLERS=(webhook-gateway sync-service)
STANDIN=deploy/local/shopify-standin
export RUN_DIR

port_of() {
  case "$1" in
    webhook-gateway) echo $((PORT_BASE + 1)) ;;
    order-service) echo $((PORT_BASE + 2)) ;;
    sync-service) echo $((PORT_BASE + 3)) ;;
    integration-service) echo $((PORT_BASE + 4)) ;;
    shopify-standin) echo $((PORT_BASE + 5)) ;;
  esac
}

database_of() {
  case "$1" in
    order-service) echo "orders$DB_SUFFIX" ;;
    sync-service) echo "sync$DB_SUFFIX" ;;
    integration-service) echo "integration$DB_SUFFIX" ;;
  esac
}

# Instance k of a service: its PID file, log and port (the first keeps the plain names and the service's port).
instance_name() { [ "$2" = 1 ] && echo "$1" || echo "$1-$2"; } # SERVICE K
instance_port() { echo $(($(port_of "$1") + 100 * ($2 - 1))); } # SERVICE K

stop_all() {
  local service file
  local -a stoppers=()
  for service in "${SERVICES[@]}"; do
    # every instance this run folder started, however many replicas it was started with
    for file in "$RUN_DIR/pids/$service" "$RUN_DIR/pids/$service"-[0-9]*; do
      [ -f "$file" ] || continue
      stop_pidfile "$file" "$(basename "$file")" &
      stoppers+=($!)
    done
  done
  # only the stoppers: a bare wait would also wait for the broker this shell started
  stop_pidfile "$RUN_DIR/pids/ingress" "local ingress" &
  stoppers+=($!)
  stop_pidfile "$RUN_DIR/pids/shopify-standin" "Shopify stand-in" &
  stoppers+=($!)
  wait "${stoppers[@]}"
  kafka_stop "$RUN_DIR"
  pg_stop "$RUN_DIR"
}

build_if_needed() { # FORCE
  local missing=$1 service
  for service in "${SERVICES[@]}" "$STANDIN"; do
    [ -f "$ROOT_DIR/$service/target/quarkus-app/quarkus-run.jar" ] || missing=yes
  done
  if [ "$missing" = yes ]; then
    log "building the services (./mvnw package -DskipTests)"
    (cd "$ROOT_DIR" && "$MVNW" -q -B package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]},$STANDIN")" -am) >&2 \
      || die "build failed"
  fi
}

# Secrets made once per RUN_DIR and kept, so stored ciphertexts and connected stores survive restarts.
# Data encrypted under other secrets cannot be read, so new secrets mean fresh databases.
# Everything secret lives in $RUN_DIR/secrets (700), each file 600; public keys beside it in jwt/ and identity/.
make_secrets() {
  [ -f "$RUN_DIR/secrets/encryption-key" ] || FRESH_DATABASES=yes
  mkdir -p "$RUN_DIR/jwt" "$RUN_DIR/secrets/identity" "$RUN_DIR/identity"
  chmod 700 "$RUN_DIR/secrets" "$RUN_DIR/secrets/identity"
  # a run folder of an earlier version kept the issuer's key in jwt/
  if [ -f "$RUN_DIR/jwt/private-key.pem" ]; then
    mv "$RUN_DIR/jwt/private-key.pem" "$RUN_DIR/secrets/jwt-private-key.pem"
  fi
  (
    umask 077
    if [ ! -f "$RUN_DIR/secrets/jwt-private-key.pem" ]; then
      openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN_DIR/secrets/jwt-private-key.pem" 2>/dev/null
    fi
    local name
    for name in db-password webhook-secret encryption-key; do
      [ -f "$RUN_DIR/secrets/$name" ] || openssl rand -base64 32 | tr -d '\n' >"$RUN_DIR/secrets/$name"
    done
    [ -f "$RUN_DIR/secrets/access-token" ] || printf 'shpat_%s' "$(openssl rand -hex 16)" >"$RUN_DIR/secrets/access-token"
    # each calling service's own key pair: it signs its tokens for integration-service's internal endpoints
    for name in "${CALLERS[@]}"; do
      [ -f "$RUN_DIR/secrets/identity/$name.pem" ] \
        || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN_DIR/secrets/identity/$name.pem" 2>/dev/null
    done
    chmod 600 "$RUN_DIR"/secrets/* "$RUN_DIR"/secrets/identity/* 2>/dev/null || true
  )
  chmod 700 "$RUN_DIR/secrets/identity"
  openssl pkey -in "$RUN_DIR/secrets/jwt-private-key.pem" -pubout -out "$RUN_DIR/jwt/public-key.pem"
  for name in "${CALLERS[@]}"; do
    openssl pkey -in "$RUN_DIR/secrets/identity/$name.pem" -pubout -out "$RUN_DIR/identity/$name.pem"
  done
}

start_service() { # NAME [INSTANCE]
  local name=$1 instance=${2:-1} port database id
  local -a config
  port=$(instance_port "$name" "$instance")
  id=$(instance_name "$name" "$instance")
  if pidfile_alive "$RUN_DIR/pids/$id"; then
    return 0
  fi
  port_open "$port" && die "port $port (for $id) is taken by another process; set PORT_BASE"
  # plain log lines here (production logs JSON; LOG_JSON=true shows it)
  # KAFKA_INSTANCE_ID: the instance's stable name, its consumers' static group membership (a restart with the
  # same name takes the same partitions back at once)
  config=(QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" KAFKA_INSTANCE_ID="$name-$instance"
    JWT_PUBLIC_KEY_LOCATION="$RUN_DIR/jwt/public-key.pem" LOG_JSON="${LOG_JSON:-false}")
  database=$(database_of "$name")
  if [ -n "$database" ]; then
    config+=(DB_USER="$database" DB_PASSWORD="$(cat "$RUN_DIR/secrets/db-password")"
      DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$database"
      DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$database")
  fi
  # each secret goes only to the service that uses it
  case "$name" in
    integration-service)
      config+=(ENCRYPTION_KEYRING="$KEY_ID:$(cat "$RUN_DIR/secrets/encryption-key")" ENCRYPTION_ACTIVE_KEY="$KEY_ID"
        SHOPIFY_ADMIN_URL="http://127.0.0.1:$(port_of shopify-standin)"
        WEBHOOK_CALLBACK_URL="http://127.0.0.1:$(port_of webhook-gateway)/webhooks/shopify"
        WEBHOOK_GATEWAY_IDENTITY_PUBLIC_KEY="$RUN_DIR/identity/webhook-gateway.pem"
        SYNC_SERVICE_IDENTITY_PUBLIC_KEY="$RUN_DIR/identity/sync-service.pem") ;;
    webhook-gateway)
      config+=(INTEGRATION_SERVICE_URL="http://127.0.0.1:$(port_of integration-service)"
        SERVICE_IDENTITY_KEY="$RUN_DIR/secrets/identity/webhook-gateway.pem") ;;
    sync-service)
      config+=(INTEGRATION_SERVICE_URL="http://127.0.0.1:$(port_of integration-service)"
        SERVICE_IDENTITY_KEY="$RUN_DIR/secrets/identity/sync-service.pem"
        SHOPIFY_ADMIN_URL="http://127.0.0.1:$(port_of shopify-standin)") ;;
  esac
  log "starting $id on 127.0.0.1:$port"
  start_process "$RUN_DIR/pids/$id" "$RUN_DIR/logs/$id.log" \
    env "${config[@]}" java $SERVICE_JAVA_OPTS $(service_heap "$name") -jar "$ROOT_DIR/$name/target/quarkus-app/quarkus-run.jar"
}

start_standin() {
  local port
  port=$(port_of shopify-standin)
  pidfile_alive "$RUN_DIR/pids/shopify-standin" && return 0
  port_open "$port" && die "port $port (for the Shopify stand-in) is taken by another process; set PORT_BASE"
  log "starting the Shopify stand-in on 127.0.0.1:$port"
  start_process "$RUN_DIR/pids/shopify-standin" "$RUN_DIR/logs/shopify-standin.log" \
    env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    java -Xms64m -Xmx1g -jar "$ROOT_DIR/$STANDIN/target/quarkus-app/quarkus-run.jar"
}

# The demo store: the run's token and webhook secret, the app's privacy webhooks sent to the gateway (what
# compliance_topics in shopify.app.toml sets), a warehouse location, a month of orders.
# The stand-in keeps stores in memory, so this runs whenever it was (re)started.
seed_standin() {
  local url status
  url="http://127.0.0.1:$(port_of shopify-standin)/_sim/stores"
  # the stand-in's answer repeats the store's token and webhook secret: it stays in the secrets folder
  status=$(umask 077; curl -sS -o "$RUN_DIR/secrets/seed-standin.json" -w '%{http_code}' -X POST "$url" \
    -H 'Content-Type: application/json' --data-binary @- <<JSON
{"domain":"demo-store.myshopify.com","name":"Demo Store","plan":"advanced",
 "access_token":"$(cat "$RUN_DIR/secrets/access-token")",
 "webhook_secret":"$(cat "$RUN_DIR/secrets/webhook-secret")",
 "compliance_uri":"http://127.0.0.1:$(port_of webhook-gateway)/webhooks/shopify"}
JSON
  )
  case "$status" in
    201) ;;
    409) return 0 ;;
    *) die "seeding the demo store failed ($status; the answer is in $RUN_DIR/secrets/seed-standin.json)" ;;
  esac
  curl -fsS -o /dev/null -X POST "$url/demo-store.myshopify.com/locations" -H 'Content-Type: application/json' \
    -d '{"name":"PROIGN Warehouse","city":"Portland"}'
  curl -fsS -o /dev/null -X POST "$url/demo-store.myshopify.com/orders/generate" -H 'Content-Type: application/json' \
    -d '{"count":50,"seed":2026}'
}

seed_demo() {
  local token=$1 status
  status=$(curl -sS -o "$RUN_DIR/logs/seed.json" -w '%{http_code}' \
    -X POST "http://127.0.0.1:$(port_of integration-service)/api/demo/integrations/shopify" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary @- <<JSON
{"shop_domain":"demo-store.myshopify.com",
 "access_token":"$(cat "$RUN_DIR/secrets/access-token")",
 "api_secret_key":"$(cat "$RUN_DIR/secrets/webhook-secret")"}
JSON
  )
  [ "$status" = 200 ] || { cat "$RUN_DIR/logs/seed.json" >&2; die "connecting the demo store failed ($status)"; }
}

# The env file holds the demo's token and secrets: it lives in secrets/ (600), $RUN_DIR/env links to it.
write_env() { # TOKEN
  umask 077
  ln -sfn secrets/env "$RUN_DIR/env"
  cat >"$RUN_DIR/secrets/env" <<ENV
URL=http://127.0.0.1:$PORT_BASE
CONSOLE_URL=http://127.0.0.1:$PORT_BASE/console/#token=$1
GATEWAY_URL=http://127.0.0.1:$(port_of webhook-gateway)
SHOPIFY_URL=http://127.0.0.1:$(port_of shopify-standin)
ORDERS_URL=http://127.0.0.1:$(port_of order-service)
SYNC_URL=http://127.0.0.1:$(port_of sync-service)
INTEGRATION_URL=http://127.0.0.1:$(port_of integration-service)
REPLICAS=$REPLICAS
$(for k in $(seq 2 "$REPLICAS"); do
    printf 'GATEWAY_URL_%s=http://127.0.0.1:%s\n' "$k" "$(instance_port webhook-gateway "$k")"
    printf 'ORDERS_URL_%s=http://127.0.0.1:%s\n' "$k" "$(instance_port order-service "$k")"
    printf 'SYNC_URL_%s=http://127.0.0.1:%s\n' "$k" "$(instance_port sync-service "$k")"
    printf 'INTEGRATION_URL_%s=http://127.0.0.1:%s\n' "$k" "$(instance_port integration-service "$k")"
  done)
KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP
RUN_DIR=$RUN_DIR
TENANT=demo
TOKEN=$1
SHOP_DOMAIN=demo-store.myshopify.com
SHOPIFY_ACCESS_TOKEN=$(cat "$RUN_DIR/secrets/access-token")
WEBHOOK_SECRET=$(cat "$RUN_DIR/secrets/webhook-secret")
ENV
}

mode=foreground force_build=no
while [ $# -gt 0 ]; do
  case "$1" in
    --detach) mode=detach ;;
    --build) force_build=yes ;;
    --replicas) REPLICAS=${2:-}; shift ;;
    stop) mode=stop ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
  esac
  shift
done
[[ "$REPLICAS" =~ ^[1-9]$ ]] || die "--replicas takes 1 to 9"

if [ "$mode" = stop ]; then
  stop_all
  rm -f "$RUN_DIR/env" "$RUN_DIR/secrets/env"
  log "stopped"
  exit 0
fi

need_cmd curl
need_cmd openssl
need_cmd jq # the README's commands read the answers with it
mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
# a start that fails half-way leaves nothing running behind it
up=no
trap '[ $? -eq 0 ] || [ "$up" = yes ] || { log "start failed; stopping what it started"; stop_all; }' EXIT
[ "$mode" = foreground ] && trap 'log "stopping"; stop_all; exit 0' INT TERM
started=$SECONDS

build_if_needed "$force_build"
make_secrets
# the key's id names the key itself, so ciphertexts made under another key say so instead of failing obscurely
KEY_ID=local-$(openssl dgst -sha256 -r "$RUN_DIR/secrets/encryption-key" | cut -c1-8)
pg_start "$RUN_DIR"
[ "$FRESH_DATABASES" = yes ] && log "creating fresh databases"
for service in order-service sync-service integration-service; do
  pg_database "$(database_of "$service")" "$(cat "$RUN_DIR/secrets/db-password")" \
    "$([ "$FRESH_DATABASES" = yes ] && echo --fresh)"
done
if [ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  BOOTSTRAP=$KAFKA_BOOTSTRAP_SERVERS
  kafka_build
  kafka_topics "$BOOTSTRAP"
else
  BOOTSTRAP=127.0.0.1:$KAFKA_PORT
  kafka_start "$RUN_DIR" "$KAFKA_PORT"
fi

start_standin
for service in "${SERVICES[@]}"; do
  for k in $(seq 1 "$REPLICAS"); do
    start_service "$service" "$k"
  done
done
wait_http "http://127.0.0.1:$(port_of shopify-standin)/q/health/ready" 120 shopify-standin \
  "$RUN_DIR/pids/shopify-standin" "$RUN_DIR/logs/shopify-standin.log"
for service in "${SERVICES[@]}"; do
  for k in $(seq 1 "$REPLICAS"); do
    wait_http "http://127.0.0.1:$(instance_port "$service" "$k")/q/health/ready" 120 "$(instance_name "$service" "$k")" \
      "$RUN_DIR/pids/$(instance_name "$service" "$k")" "$RUN_DIR/logs/$(instance_name "$service" "$k").log"
  done
done
seed_standin
ingress_start "$PORT_BASE"
wait_http "http://127.0.0.1:$PORT_BASE/healthz" 30 "local ingress" "$RUN_DIR/pids/ingress" "$RUN_DIR/logs/ingress.log"

admin_token=$("$LOCAL_DIR/mint-token.sh" --tenant demo --roles owner --ttl 86400)
seed_demo "$admin_token"
write_env "$admin_token"
up=yes

cat <<SUMMARY
The suite is up ($((SECONDS - started)) s) at http://127.0.0.1:$PORT_BASE (console, APIs, webhooks; each service's own port below):
  webhook-gateway      http://127.0.0.1:$(port_of webhook-gateway)/webhooks/shopify
  order-service        http://127.0.0.1:$(port_of order-service)/api/demo/orders
  sync-service         http://127.0.0.1:$(port_of sync-service)/api/demo/sync/status
  integration-service  http://127.0.0.1:$(port_of integration-service)/api/demo/integrations/shopify
  Shopify stand-in     http://127.0.0.1:$(port_of shopify-standin)/admin/api/2026-10/graphql.json (control: /_sim/stores)
  Kafka                $BOOTSTRAP
  PostgreSQL           127.0.0.1:5432 (databases orders$DB_SUFFIX, sync$DB_SUFFIX, integration$DB_SUFFIX)
  instances            $REPLICAS of each service$([ "$REPLICAS" -gt 1 ] && echo " (instance k on each port + 100 (k - 1))")
  logs                 $RUN_DIR/logs
Tenant "demo" is connected to demo-store.myshopify.com (its webhooks registered at the stand-in).
The console, signed in as the demo tenant's owner for a day (the token rides in the fragment, never sent to a server):
  $([ -t 1 ] && echo "http://127.0.0.1:$PORT_BASE/console/#token=$admin_token" || echo "CONSOLE_URL in $RUN_DIR/env (printed here only on a terminal)")
For curl: source $RUN_DIR/env
SUMMARY

if [ "$mode" = detach ]; then
  exit 0
fi
log "running in the foreground; Ctrl-C stops everything"
while true; do
  for service in ingress shopify-standin $(for s in "${SERVICES[@]}"; do for k in $(seq 1 "$REPLICAS"); do instance_name "$s" "$k"; done; done); do
    if ! pidfile_alive "$RUN_DIR/pids/$service"; then
      log "$service exited (log: $RUN_DIR/logs/$service.log); stopping the rest"
      stop_all
      exit 1
    fi
  done
  sleep 2
done
