#!/usr/bin/env bash
# The local infrastructure, one verb at a time; run.sh, test.sh and the Java test resources all go through here.
#   infra.sh postgres-start STATE_DIR        start PostgreSQL if it is down (installs it if absent)
#   infra.sh postgres-stop STATE_DIR         stop it, only if postgres-start of STATE_DIR started it
#   infra.sh postgres-db NAME PASSWORD [--fresh]   role NAME owning database NAME (recreated with --fresh)
#   infra.sh postgres-refuse NAME            database NAME refuses connections and drops the ones it has (an outage)
#   infra.sh postgres-accept NAME            database NAME takes connections again
#   infra.sh kafka-start STATE_DIR PORT      KRaft broker on 127.0.0.1:PORT (controller PORT+1), topics created
#   infra.sh kafka-stop STATE_DIR            stop the broker of STATE_DIR, by PID
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$LOCAL_DIR/lib/postgres.sh"
source "$LOCAL_DIR/lib/kafka.sh"

verb=${1:-}
shift || true
case "$verb" in
  postgres-start) pg_start "$@" ;;
  postgres-stop) pg_stop "$@" ;;
  postgres-db) pg_database "$@" ;;
  postgres-refuse) pg_refuse "$@" ;;
  postgres-accept) pg_accept "$@" ;;
  kafka-start) kafka_start "$@" ;;
  kafka-stop) kafka_stop "$@" ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
