"""Shared fixtures."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config) -> None:
    """Every index the tests build over the same files (the seeds, copied to many folders) shares one
    vector cache: the embedding model runs once per file and model, not once per test (~100 ms a passage)."""
    import os

    os.environ.setdefault("QA_VECTOR_CACHE", str(ROOT / ".pytest_cache" / "qa-vectors"))


@dataclass(frozen=True)
class BuiltIndex:
    corpus: Path
    index: Path

    def copy(self, to: Path) -> BuiltIndex:
        """A private copy (corpus and index) for a test that changes them."""
        shutil.copytree(self.corpus, to / "corpus")
        shutil.copytree(self.index, to / "index")
        return BuiltIndex(to / "corpus", to / "index")


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> BuiltIndex:
    """The seeds of corpus/ copied to a temporary folder and indexed there, once per test session."""
    from index.build import build_index

    base = tmp_path_factory.mktemp("seed-index")
    shutil.copytree(ROOT / "corpus", base / "corpus")
    build_index(base / "corpus", base / "index")
    return BuiltIndex(base / "corpus", base / "index")
