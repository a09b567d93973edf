# shellcheck shell=bash
# PostgreSQL from Debian's package: installed if absent, started with pg_ctlcluster, one role and database per use.
# Sourced after common.sh. Listens on localhost only (Debian's default).

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1; }

# as the postgres superuser over the local socket, whatever PGHOST the caller exported for the services
pg_psql() { runuser -u postgres -- env -u PGHOST -u PGHOSTADDR psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Starts the cluster if it is down; writes STATE_DIR/postgres.started with the PID when this call started it.
pg_start() { # STATE_DIR
  local state=$1 version
  need_cmd curl
  if [ -z "$(pg_version)" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    need_cmd pg_ctlcluster postgresql
  fi
  version=$(pg_version)
  [ -n "$version" ] || die "PostgreSQL is not installed"
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating PostgreSQL $version cluster 'main'"
    pg_createcluster "$version" main >&2
  fi
  if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    return 0
  fi
  log "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start
  mkdir -p "$state"
  head -n 1 "/var/lib/postgresql/$version/main/postmaster.pid" >"$state/postgres.started"
}

# Stops the cluster only if pg_start of this STATE_DIR started it and it is still that process.
pg_stop() { # STATE_DIR
  local state=$1 version pid
  [ -f "$state/postgres.started" ] || return 0
  version=$(pg_version)
  pid=$(cat "$state/postgres.started")
  if [ -f "/var/lib/postgresql/$version/main/postmaster.pid" ] \
    && [ "$(head -n 1 "/var/lib/postgresql/$version/main/postmaster.pid")" = "$pid" ]; then
    log "stopping PostgreSQL $version (pid $pid)"
    pg_ctlcluster "$version" main stop
  fi
  rm -f "$state/postgres.started"
}

# Creates (or with --fresh, recreates) a login role and a database it owns. Idempotent.
pg_database() { # NAME PASSWORD [--fresh]
  local name=$1 password=$2 fresh=${3:-}
  pg_psql -d postgres -v name="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'name', :'password') \gexec
SQL
  if [ "$fresh" = "--fresh" ]; then
    pg_psql -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"
  fi
  pg_psql -d postgres -v name="$name" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SQL
}

# An outage of one database, the others untouched: new connections are refused ("database is not currently
# accepting connections") and the open ones terminated, until pg_accept.
pg_refuse() { # NAME
  pg_psql -d postgres -v name="$1" <<'SQL'
SELECT format('ALTER DATABASE %I ALLOW_CONNECTIONS false', :'name') \gexec
SELECT count(pg_terminate_backend(pid)) AS dropped FROM pg_stat_activity WHERE datname = :'name' AND pid <> pg_backend_pid();
SQL
}

pg_accept() { # NAME
  pg_psql -d postgres -v name="$1" <<'SQL'
SELECT format('ALTER DATABASE %I ALLOW_CONNECTIONS true', :'name') \gexec
SQL
}
