#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs Copydesk, starts a PostgreSQL server on
# 127.0.0.1 for the store tests (scripts/ensure-postgres.sh), runs pytest.
# pytest's exit 5 (no tests collected) is reported and treated as success.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2
if [ -z "${COPYDESK_TEST_POSTGRES_URL:-}" ] && [ -x scripts/ensure-postgres.sh ]; then
  if url=$(scripts/ensure-postgres.sh); then
    export COPYDESK_TEST_POSTGRES_URL="$url"
  else
    echo "scripts/test.sh: PostgreSQL could not be started; its tests will be skipped" >&2
  fi
fi
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests (exit 5)"
  exit 0
fi
exit "$status"
