"""The scripts a new user runs: scripts/run_app.sh serves on 127.0.0.1 unless HOST says otherwise (checked in
the kernel's table of listening sockets), and the setup steps say what they do and, when one fails, show
its output and where the whole log is."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (IPv4 and IPv6), from /proc/net/tcp*."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(addr)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp")
@pytest.mark.parametrize("host, expected", [(None, {"127.0.0.1"}), ("0.0.0.0", {"0.0.0.0"})])
def test_the_app_listens_on_localhost_unless_configured(seed_index, tmp_path, host, expected):
    mine = seed_index.copy(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "HOST"}
    env.update(PORT=str(port), QA_INDEX=str(mine.index), QA_CORPUS=str(mine.corpus))
    if host:
        env["HOST"] = host
    log = (tmp_path / "run.log").open("w")
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "run_app.sh")], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                pytest.fail("the app did not start:\n" + (tmp_path / "run.log").read_text()[-3000:])
            time.sleep(0.3)
        assert listening_addresses(port) == expected
        log.flush()
        said = (tmp_path / "run.log").read_text()
        assert "[run] serving the app at http://" in said and f"listening on {host or '127.0.0.1'}" in said
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_a_setup_step_says_what_it_does_and_shows_a_failure(tmp_path):
    log = tmp_path / "setup.log"
    script = (f". {ROOT / 'scripts' / 'steps.sh'}; step 'checking a thing' 'a moment' true; "
              "step 'installing the impossible' 'a moment' sh -c 'echo pip says: no such package; exit 3'; "
              "echo not reached")
    run = subprocess.run(["bash", "-c", script], cwd=tmp_path, env={**os.environ, "SETUP_LOG": str(log)},
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 3
    assert "[setup] checking a thing (usually a moment)…" in run.stdout and "done in" in run.stdout
    assert "[setup] installing the impossible (usually a moment)…" in run.stdout
    assert "not reached" not in run.stdout
    # the failing command's own output is shown, with the path of the whole log; a passing one's is not
    assert "pip says: no such package" in run.stderr and str(log) in run.stderr
    assert "pip says" not in run.stdout and "pip says: no such package" in log.read_text()


def test_the_readme_points_only_at_what_a_clone_holds():
    """A user's clone has no ../shared: every file the README links or names in backquotes is in the project."""
    import re

    readme = (ROOT / "README.md").read_text("utf-8")
    assert "../shared" not in readme
    links = re.findall(r"\]\(([^)#\s]+)\)", readme)
    named = re.findall(r"`((?:docs|index|qa|ui|scripts|bench|tests)/[\w./-]+\.(?:md|py|sh))`", readme)
    assert "docs/report-format.md" in links
    missing = [p for p in links + named if "://" not in p and not (ROOT / p).exists()]
    assert not missing, missing
