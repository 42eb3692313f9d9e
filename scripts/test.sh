#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs Copydesk, starts a PostgreSQL server on
# 127.0.0.1 for the store tests (scripts/ensure-postgres.sh), runs pytest, and stops the server
# again if it started it. A caller that gives COPYDESK_TEST_POSTGRES_URL keeps its own server;
# one that was already running for this checkout (a second test session) is left running too.
# pytest's exit 5 (no tests collected) is reported and treated as success.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2
started_postgres=0
if [ -z "${COPYDESK_TEST_POSTGRES_URL:-}" ] && [ -x scripts/ensure-postgres.sh ]; then
  already_running=0
  scripts/ensure-postgres.sh --status >/dev/null 2>&1 && already_running=1
  if url=$(scripts/ensure-postgres.sh); then
    export COPYDESK_TEST_POSTGRES_URL="$url"
    [ "$already_running" = 0 ] && started_postgres=1
  else
    echo "scripts/test.sh: PostgreSQL could not be started; its tests will be skipped" >&2
  fi
fi
stop_postgres() {
  if [ "$started_postgres" = 1 ]; then
    scripts/ensure-postgres.sh --stop >/dev/null 2>&1 || true
  fi
}
trap stop_postgres EXIT
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests (exit 5)"
  exit 0
fi
exit "$status"
