"""A cache folder of this user's own ($XDG_CACHE_HOME or ~/.cache), never a shared one: in a shared /tmp
another user's cache file is unreadable to us and cannot be replaced (the sticky bit), and jieba printed a
PermissionError on every start for the second user."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP = "gov-disclosure-qa"


def user_cache_dir(name: str) -> Path:
    """<cache home>/gov-disclosure-qa/<name>, made if missing; if the home cache cannot be written, a folder
    of this user's own under the temporary folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (Path(base) / APP / name, Path(tempfile.gettempdir()) / f"{APP}-{os.getuid()}" / name):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix=f"{APP}-{name}-"))
