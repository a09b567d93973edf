#!/usr/bin/env bash
# Runs every test of the reactor against real PostgreSQL and Kafka: starts what the tests need (a fresh broker
# for this run, the machine's PostgreSQL), runs ./mvnw verify, and stops what it started.
#   deploy/local/test.sh [extra Maven arguments, e.g. -pl order-service -am]
# Knobs: TEST_KAFKA_PORT (19092).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$LOCAL_DIR/lib/postgres.sh"
source "$LOCAL_DIR/lib/kafka.sh"

STATE_DIR="$LOCAL_DIR/.test"
TEST_KAFKA_PORT=${TEST_KAFKA_PORT:-19092}
started=$SECONDS

cleanup() {
  kafka_stop "$STATE_DIR"
  pg_stop "$STATE_DIR"
}
trap cleanup EXIT

need_cmd curl
need_cmd openssl
# the console's browser tests (ConsoleIT): Debian's Chromium and its WebDriver
need_cmd chromium chromium
need_cmd chromedriver chromium-driver
# a broker left over from an interrupted run is stopped; each run starts on an empty one
kafka_stop "$STATE_DIR"
rm -rf "$STATE_DIR/kafka"
pg_start "$STATE_DIR"
kafka_start "$STATE_DIR" "$TEST_KAFKA_PORT"

export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$TEST_KAFKA_PORT" PGHOST=127.0.0.1 PGPORT=5432
log "infrastructure up in $((SECONDS - started)) s; running ./mvnw verify"
cd "$ROOT_DIR"
"$MVNW" -B verify "$@"
log "all tests passed in $((SECONDS - started)) s"
