#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the product over corpus/: the facts and the consistency findings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/qa facts corpus/
.venv/bin/qa check corpus/
