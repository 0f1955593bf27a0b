#!/usr/bin/env bash
# Creates .venv and installs the project into it. Safe to run again: it reinstalls only when
# pyproject.toml changed. torch is installed first, pinned, so that nothing pulls a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_system.sh  # Debian packages: a CJK font for the page, Chromium for the browser test
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet "torch==2.13.0"
  .venv/bin/pip install --quiet -e ".[test,cluster]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
