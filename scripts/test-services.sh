#!/usr/bin/env bash
# The servers the tests need, on loopback, owned by this checkout:
#   * PostgreSQL 15 (Debian's postgresql-15) on 127.0.0.1:54315, cluster in .build/pg15/,
#     role reembed / password reembed, database reembed_test;
#   * pgvector on 127.0.0.1:54318: PGlite (PostgreSQL 18 in WASM) with the vector extension,
#     served by tests/pglite/server.mjs; in memory, accepts any user/password/database.
#
# Usage: scripts/test-services.sh start|stop|status|env
#   start   installs postgresql-15 when missing (needs root and apt), starts both; reuses running ones
#   stop    stops both
#   status  exits 0 when both are running
#   env     prints REEMBED_TEST_PG=... and REEMBED_TEST_PGVECTOR=... (shell-quoted Npgsql connection strings)
# Ports can be moved with REEMBED_TEST_PG_PORT and REEMBED_TEST_PGVECTOR_PORT.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/.build"
pg_bin=/usr/lib/postgresql/15/bin
pg_port="${REEMBED_TEST_PG_PORT:-54315}"
vector_port="${REEMBED_TEST_PGVECTOR_PORT:-54318}"
pglite_dir="$root/tests/pglite"
pglite_pid="$build/pglite.pid"
pglite_log="$build/pglite.log"

die() { echo "test-services: $*" >&2; exit 1; }
note() { echo "test-services: $*" >&2; }

# As root the cluster belongs to the postgres OS user (the server refuses to run as root);
# otherwise to the calling user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster lives in .build/pg15 unless the postgres user cannot reach it (a checkout under /root, say):
# then in /tmp, under a name derived from this checkout, and .build/pg15.location says where.
pg_home() {
  local home="$build/pg15"
  if [[ -f "$build/pg15.location" ]]; then cat "$build/pg15.location"; return; fi
  mkdir -p "$home"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$home"
    if ! runuser -u postgres -- test -w "$home"; then
      home="/tmp/reembed-pg15-$(printf '%s' "$root" | sha256sum | cut -c1-12)"
      mkdir -p "$home" && chown postgres:postgres "$home" && chmod 700 "$home"
      echo "$home" >"$build/pg15.location"
    fi
  fi
  echo "$home"
}

install_postgres() {
  [[ -x $pg_bin/postgres ]] && return
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL 15 is not installed ($pg_bin/postgres missing); as root: apt-get install postgresql-15"
  command -v apt-get >/dev/null || die "PostgreSQL 15 is not installed and there is no apt-get to install it"
  note "installing postgresql-15 with apt-get"
  local log="$build/apt.log"
  # The package must not create and start its own cluster on 5432: ours is the only one.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/reembed-tests.conf
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "apt-get could not install postgresql-15 (full log: $log)"
  fi
  [[ -x $pg_bin/postgres ]] || die "postgresql-15 installed but $pg_bin/postgres is still missing"
}

pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -t 1 >/dev/null 2>&1; }

start_postgres() {
  install_postgres
  local home data run
  home="$(pg_home)"; data="$home/data"; run="$home/run"
  if as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    note "PostgreSQL 15 already running ($data)"
  else
    pg_ready && die "port $pg_port already answers but not with this checkout's cluster ($data); stop that server or set REEMBED_TEST_PG_PORT"
    if [[ ! -f $data/PG_VERSION ]]; then
      # Root reaches the superuser as the postgres OS user (peer); anyone else owns the cluster and its private socket.
      local local_auth=peer
      [[ $(id -u) -eq 0 ]] || local_auth=trust
      as_owner mkdir -p "$data"
      as_owner "$pg_bin/initdb" -D "$data" -U postgres --auth-local=$local_auth --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
        >"$home/initdb.log" 2>&1 || { cat "$home/initdb.log" >&2; die "initdb failed"; }
    fi
    as_owner mkdir -p "$run"
    # A throwaway test cluster: durability off for speed, room for the tests' pools.
    as_owner "$pg_bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $pg_port -k $run -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null || { tail -n 20 "$home/server.log" >&2; die "PostgreSQL 15 did not start (log: $home/server.log)"; }
  fi
  for _ in $(seq 60); do pg_ready && break; sleep 0.5; done
  pg_ready || die "PostgreSQL 15 is not accepting connections on 127.0.0.1:$pg_port"

  # Idempotent: the role and the database are made once, whatever the number of starts.
  as_owner "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$pg_port" -U postgres -d postgres >/dev/null <<'SQL' ||
SELECT 'CREATE ROLE reembed LOGIN CREATEDB PASSWORD ''reembed''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reembed')\gexec
SELECT 'CREATE DATABASE reembed_test OWNER reembed' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'reembed_test')\gexec
SQL
    die "could not create role reembed / database reembed_test"
}

stop_postgres() {
  local data
  data="$(pg_home)/data"
  [[ -x $pg_bin/pg_ctl && -f $data/PG_VERSION ]] || return 0
  if as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

pglite_running() {
  [[ -f $pglite_pid ]] || return 1
  local pid
  pid="$(cat "$pglite_pid")"
  # The pid must still be our server, not a reused number.
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'server.mjs'
}

start_pglite() {
  if pglite_running; then
    note "pgvector (PGlite) already running, pid $(cat "$pglite_pid")"
    return
  fi
  command -v node >/dev/null || die "node is not installed: pgvector tests need Node.js 18+ (apt-get install nodejs npm)"
  if [[ ! -d $pglite_dir/node_modules/@electric-sql/pglite-socket ]] ||
     [[ $pglite_dir/package-lock.json -nt $pglite_dir/node_modules/.package-lock.json ]]; then
    (cd "$pglite_dir" && npm ci --no-audit --no-fund --loglevel=error >"$build/npm.log" 2>&1) ||
      { tail -n 20 "$build/npm.log" >&2; die "npm ci failed in tests/pglite (log: $build/npm.log)"; }
  fi
  (cd "$pglite_dir" && exec node server.mjs "$vector_port" 127.0.0.1) >"$pglite_log" 2>&1 </dev/null &
  echo $! >"$pglite_pid"
  for _ in $(seq 120); do
    grep -q '^ready ' "$pglite_log" 2>/dev/null && return
    pglite_running || break
    sleep 0.5
  done
  cat "$pglite_log" >&2
  stop_pglite
  die "pgvector (PGlite) did not start on 127.0.0.1:$vector_port (log: $pglite_log)"
}

stop_pglite() {
  if pglite_running; then
    local pid
    pid="$(cat "$pglite_pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pglite_pid"
}

print_env() {
  echo "REEMBED_TEST_PG='Host=127.0.0.1;Port=$pg_port;Username=reembed;Password=reembed;Database=reembed_test'"
  # PGlite ignores user and password and has one database, "postgres"; no TLS.
  echo "REEMBED_TEST_PGVECTOR='Host=127.0.0.1;Port=$vector_port;Username=postgres;Password=postgres;Database=postgres;SSL Mode=Disable'"
}

mkdir -p "$build"
case "${1:-}" in
  start) start_postgres; start_pglite; note "ready: PostgreSQL 15 on 127.0.0.1:$pg_port, pgvector on 127.0.0.1:$vector_port" ;;
  stop) stop_pglite; stop_postgres ;;
  status) pglite_running && as_owner "$pg_bin/pg_ctl" -D "$(pg_home)/data" status >/dev/null 2>&1 ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
