#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL cluster for the tests and print its SQLAlchemy URL.
#
#   scripts/ensure-postgres.sh          -> postgresql+psycopg://copydesk:...@127.0.0.1:PORT/copydesk
#   scripts/ensure-postgres.sh --stop   -> stop the recorded cluster and delete its data
#   scripts/ensure-postgres.sh --status -> exit 0 if the recorded cluster is running, else 1
#
# Installs Debian's postgresql with apt-get when its binaries are missing. The cluster listens on
# 127.0.0.1 only, on a free port, with its data in a temporary directory and durability switched
# off (fsync=off: it is for tests). PostgreSQL refuses to run as root, so as root the server runs
# as the `postgres` user (created by the Debian package). State lives in .cache/pg/ at the repo
# root, so a second call reuses the running cluster. Only the URL goes to stdout; logs to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${COPYDESK_PG_STATE_DIR:-$ROOT/.cache/pg}"
STATE="$STATE_DIR/state"
DB_NAME=copydesk
DB_USER=copydesk

log() { echo "ensure-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  fi
  # Debian keeps the server binaries out of PATH, one directory per major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

install_postgres() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and we are not root: apt-get install postgresql"
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is missing"
  log "installing Debian's postgresql (apt-get update && apt-get install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends postgresql >&2 || die "apt-get install postgresql failed"
}

# Run a command as the server's OS user: postgres refuses to run as root.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$SERVER_USER" -- "$@"
    else
      su -s /bin/sh "$SERVER_USER" -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  local port
  for port in $(seq 54329 54999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

is_running() {  # $1 data dir, $2 port
  [ -d "$1" ] && as_server_user "$BINDIR/pg_ctl" -D "$1" status >/dev/null 2>&1 &&
    "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$2" 2>/dev/null
}

stop_cluster() {
  [ -f "$STATE" ] || { log "no cluster recorded in $STATE"; return 0; }
  # shellcheck disable=SC1090
  . "$STATE"
  as_server_user "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >&2 9>&- || true
  rm -rf -- "$PGDATA_DIR"
  rm -f -- "$STATE"
  log "stopped and removed $PGDATA_DIR"
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
  install_postgres
  BINDIR="$(find_bindir)" || die "postgresql installed but initdb/pg_ctl not found"
fi
[ -x "$BINDIR/pg_isready" ] || die "pg_isready not found in $BINDIR"

SERVER_USER="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  SERVER_USER=postgres
  id "$SERVER_USER" >/dev/null 2>&1 || die "running as root and there is no 'postgres' user to run the server"
fi

mkdir -p "$STATE_DIR"
exec 9>"$STATE_DIR/lock"
flock 9  # two test sessions starting at once share one cluster

if [ "${1:-}" = "--stop" ]; then stop_cluster; exit 0; fi
if [ "${1:-}" = "--status" ]; then
  [ -f "$STATE" ] || exit 1
  # shellcheck disable=SC1090
  . "$STATE"
  is_running "$PGDATA_DIR" "$PGPORT_NUM" && exit 0
  exit 1
fi

if [ -f "$STATE" ]; then
  # shellcheck disable=SC1090
  . "$STATE"
  if is_running "$PGDATA_DIR" "$PGPORT_NUM"; then
    log "reusing the cluster on 127.0.0.1:$PGPORT_NUM (data in $PGDATA_DIR)"
    echo "$DATABASE_URL"
    exit 0
  fi
  log "recorded cluster is not running; starting a new one"
  rm -rf -- "$PGDATA_DIR" 2>/dev/null || true
  rm -f -- "$STATE"
fi

PGDATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-pg.XXXXXX")"
chmod 700 "$PGDATA_DIR"
[ "$(id -u)" = 0 ] && chown "$SERVER_USER" "$PGDATA_DIR"
PASSWORD="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
PWFILE="$PGDATA_DIR.pw"
( umask 077; printf '%s\n' "$PASSWORD" >"$PWFILE" )
[ "$(id -u)" = 0 ] && chown "$SERVER_USER" "$PWFILE"

log "initdb in $PGDATA_DIR with $BINDIR"
as_server_user "$BINDIR/initdb" -D "$PGDATA_DIR" -U "$DB_USER" --pwfile="$PWFILE" \
  --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C --no-sync >&2 \
  || { rm -f "$PWFILE"; die "initdb failed"; }
rm -f "$PWFILE"

PGPORT_NUM="$(free_port)" || die "no free port between 54329 and 54999"
log "starting on 127.0.0.1:$PGPORT_NUM"
# Throwaway cluster: no durability (fsync off) and room for many test connections.
as_server_user "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PGPORT_NUM -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start </dev/null >&2 9>&- || { cat "$PGDATA_DIR/server.log" >&2 2>/dev/null || true; die "pg_ctl start failed"; }

for _ in $(seq 1 120); do
  "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_NUM" && break
  sleep 0.25
done
"$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_NUM" || die "server did not accept connections"

PSQL="$(command -v psql || echo "$BINDIR/psql")"
PGPASSWORD="$PASSWORD" "$PSQL" -q -h 127.0.0.1 -p "$PGPORT_NUM" -U "$DB_USER" -d postgres \
  -c "CREATE DATABASE $DB_NAME" >&2 || die "could not create database $DB_NAME"

DATABASE_URL="postgresql+psycopg://$DB_USER:$PASSWORD@127.0.0.1:$PGPORT_NUM/$DB_NAME"
( umask 077; cat >"$STATE" <<STATE_EOF
PGDATA_DIR='$PGDATA_DIR'
PGPORT_NUM='$PGPORT_NUM'
DATABASE_URL='$DATABASE_URL'
STATE_EOF
)
log "ready: database $DB_NAME on 127.0.0.1:$PGPORT_NUM"
echo "$DATABASE_URL"
