# shellcheck shell=bash
# Paths and small helpers for the deploy/local scripts. Sourced, never run.

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_DIR=$(cd "$LOCAL_DIR/../.." && pwd)
MVNW="$ROOT_DIR/mvnw"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs a Debian package when its command is missing (these machines are root and reach Debian's mirror).
need_cmd() { # COMMAND [PACKAGE]
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing ${2:-$1} (for $1)"
  if [ ! -f /var/lib/apt/lists/.proign-updated ]; then
    apt-get update -qq >&2 && touch /var/lib/apt/lists/.proign-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" >&2 || die "could not install ${2:-$1}"
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pidfile_alive() { [ -f "$1" ] && pid_alive "$(cat "$1")"; }

# Starts a command in its own session, output to LOG, its PID in PIDFILE.
start_process() { # PIDFILE LOG COMMAND...
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  echo $! >"$pidfile"
}

# Stops the process whose PID is in PIDFILE (TERM, then KILL after 30 s) and removes the file.
stop_pidfile() { # PIDFILE NAME
  local pidfile=$1 name=$2 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if pid_alive "$pid"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do pid_alive "$pid" || break; sleep 0.5; done
    if pid_alive "$pid"; then
      log "$name did not stop within 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until URL answers 2xx, failing early if the process in PIDFILE died.
wait_http() { # URL SECONDS NAME [PIDFILE] [LOG]
  local url=$1 seconds=$2 name=$3 pidfile=${4:-} logfile=${5:-}
  local deadline=$((SECONDS + seconds))
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    if [ -n "$pidfile" ] && ! pidfile_alive "$pidfile"; then
      [ -n "$logfile" ] && tail -n 40 "$logfile" >&2
      die "$name exited before it became healthy (log: ${logfile:-none})"
    fi
    if [ $SECONDS -ge $deadline ]; then
      [ -n "$logfile" ] && tail -n 40 "$logfile" >&2
      die "$name not healthy at $url after ${seconds}s (log: ${logfile:-none})"
    fi
    sleep 0.5
  done
}

# The services' JVM options, as their images run them (src/main/docker/Dockerfile.jvm; deploy/README.md, Memory):
# serial GC and a 96 MiB heap, metaspace and code cache bounded, freed native memory given back every 10 s (with
# MALLOC_ARENA_MAX=2, two malloc arenas), and out of heap an exit (the supervisor restarts it; nothing acknowledged
# is lost) rather than a process that limps on
SERVICE_JAVA_OPTS_DEFAULT="-XX:+UseSerialGC -Xms32m -Xmx96m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m \
-Xss512k -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError"
# The heap a service needs beyond the default: the gateway holds the bodies being received and published (up to
# 8 MiB each), so it gets 160 MiB (its Dockerfile.jvm says the same)
service_heap() { # NAME
  [ "$1" = webhook-gateway ] && echo "-Xmx160m" || true
}
