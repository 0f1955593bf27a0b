#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the index over corpus/ if there is none, and serves the app:
#   bash scripts/run_app.sh            → http://localhost:8501
#   PORT=8600 bash scripts/run_app.sh
# QA_INDEX (default .index) and QA_CORPUS (default corpus) choose other folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QA_INDEX="${QA_INDEX:-.index}" QA_CORPUS="${QA_CORPUS:-corpus}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
if [ ! -f "$QA_INDEX/CURRENT" ]; then
  # a corpus folder without reports is no reason not to start: the app then asks for uploads
  .venv/bin/qa build "$QA_CORPUS" --index "$QA_INDEX" || echo "run_app: no index built; the app will say why" >&2
fi
exec .venv/bin/streamlit run ui/app.py --server.headless true --server.port "${PORT:-8501}" \
  --browser.gatherUsageStats false
