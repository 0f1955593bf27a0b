# Sourced by the setup scripts: `step WHAT HOW_LONG COMMAND…` prints what is being done and how long it
# usually takes, runs the command with its output in the log ($SETUP_LOG, default .setup.log in the
# project), and on failure prints the log's last lines and its path and exits with the command's status.
SETUP_LOG=${SETUP_LOG:-$PWD/.setup.log}

say() { echo "[setup] $*"; }

step() {
  local what=$1 usual=$2 start=$SECONDS status=0
  shift 2
  say "$what (usually $usual)…"
  { echo; echo "=== $(date -u '+%F %T') $what: $*"; } >>"$SETUP_LOG"
  "$@" >>"$SETUP_LOG" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    say "FAILED: $what (exit $status). The last lines of its output:" >&2
    tail -n 25 "$SETUP_LOG" | sed 's/^/    /' >&2
    say "the whole output is in $SETUP_LOG" >&2
    exit "$status"
  fi
  say "  done in $((SECONDS - start)) s"
}
