#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds the index over corpus/ if there is none, and serves the chat app at
# http://localhost:8501 (scripts/run_app.sh says how to choose the port and folders).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/run_app.sh
