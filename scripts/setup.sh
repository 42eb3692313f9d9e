#!/usr/bin/env bash
# Create .venv and install Copydesk with its development tools (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $("$python" --version)"
  "$python" -m venv .venv
fi
stamp=.venv/.copydesk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Copydesk and its dependencies into .venv (log: .venv/install.log)"
  # compat mode: a plain .pth path entry; the default import-hook finder adds ~35 ms to start-up
  if ! { .venv/bin/python -m pip install --upgrade pip &&
         .venv/bin/python -m pip install -e ".[dev]" --config-settings editable_mode=compat; } \
       > .venv/install.log 2>&1; then
    tail -n 30 .venv/install.log >&2
    echo "setup: installation failed; the full log is .venv/install.log" >&2
    exit 1
  fi
  touch "$stamp"
fi
