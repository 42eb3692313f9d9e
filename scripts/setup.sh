#!/usr/bin/env bash
# Create .venv and install Copydesk with its development tools (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.copydesk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  # compat mode: a plain .pth path entry; the default import-hook finder adds ~35 ms to start-up
  .venv/bin/python -m pip install --quiet -e ".[dev]" --config-settings editable_mode=compat
  touch "$stamp"
fi
