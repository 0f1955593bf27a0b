#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the index over corpus/ if there is none, and serves the app:
#   bash scripts/run_app.sh                  → http://localhost:8501, reachable from this machine only
#   PORT=8600 bash scripts/run_app.sh        another port
#   HOST=0.0.0.0 bash scripts/run_app.sh     serve a team: every interface (anyone who reaches the port can
#                                            upload reports and ask questions; there is no login)
# QA_INDEX (default .index) and QA_CORPUS (default corpus) choose other folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QA_INDEX="${QA_INDEX:-.index}" QA_CORPUS="${QA_CORPUS:-corpus}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
HOST="${HOST:-127.0.0.1}" PORT="${PORT:-8501}"
if [ ! -f "$QA_INDEX/CURRENT" ]; then
  echo "[run] building the index over $QA_CORPUS/ into $QA_INDEX/ (the 5 sample reports: about a minute, most of it embedding; longer on a busy machine)"
  # a corpus folder without reports is no reason not to start: the app then asks for uploads
  # exit 1: built, some files skipped (listed above); 2: no index built
  .venv/bin/qa build "$QA_CORPUS" --index "$QA_INDEX" || { [ -f "$QA_INDEX/CURRENT" ] \
    && echo "[run] index built; the files listed above were skipped" >&2 \
    || echo "[run] no index built; the app will say why" >&2; }
fi
shown=$HOST
[ "$HOST" = 127.0.0.1 ] && shown=localhost
[ "$HOST" = 0.0.0.0 ] && shown=$(hostname)
echo "[run] serving the app at http://$shown:$PORT (listening on $HOST; Ctrl+C stops it)"
exec .venv/bin/streamlit run ui/app.py --server.headless true --server.address "$HOST" \
  --server.port "$PORT" --browser.gatherUsageStats false
