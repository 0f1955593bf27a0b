#!/usr/bin/env bash
# Creates .venv and installs the project into it, saying what each step does and how long it usually
# takes. pip's and apt's own output goes to a log file (.setup.log); when a step fails, its last lines
# and the log's path are shown. Safe to run again: it installs only when pyproject.toml or the extras
# asked for changed.
#
#   bash scripts/setup.sh                        the default install: what `qa` and the app need (~830 MB)
#   QA_EXTRAS=test bash scripts/setup.sh         + the test tools (scripts/test.sh asks for them)
#   QA_EXTRAS=minilm bash scripts/setup.sh       + torch and sentence-transformers for the MiniLM model (~1.3 GB)
#   QA_SYSTEM="font chromium libreoffice" …      Debian packages to install as root (default: font libreoffice)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/steps.sh

extras=$(echo "${QA_EXTRAS:-}" | tr ', ' '\n\n' | grep -v '^$' | sort -u | paste -sd, - || true)

bash scripts/setup_system.sh ${QA_SYSTEM:-font libreoffice}

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  step "creating the virtual environment .venv" "a few seconds" "$PY" -m venv .venv
fi
# .venv/.installed-<hash of pyproject.toml> holds the extras installed with that pyproject: nothing to do
# when it has every extra asked for (scripts/run.sh after scripts/test.sh reinstalls nothing)
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ -f "$stamp" ]; then
  had=$(cat "$stamp")
  extras=$(printf '%s\n' "$had" "$extras" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, - || true)
  if [ "$extras" = "$had" ]; then
    say "python packages: up to date (.venv${extras:+, extras: $extras})"
    exit 0
  fi
fi
step "upgrading pip" "about 10 s" .venv/bin/pip install --upgrade pip
if [[ ",$extras," == *",minilm,"* ]]; then
  # the CPU build of torch, pinned, first: an unpinned resolve would pull the CUDA packages
  step "installing torch (CPU build, for the MiniLM extra)" "1-3 min" .venv/bin/pip install "torch==2.13.0"
fi
step "installing the project and its dependencies${extras:+ (extras: $extras)}" "1-3 min" \
  .venv/bin/pip install -e ".${extras:+[$extras]}"
rm -f .venv/.installed-*
echo "$extras" > "$stamp"
say "python packages: installed into .venv ($(du -sh .venv 2>/dev/null | cut -f1))"
