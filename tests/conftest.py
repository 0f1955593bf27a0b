"""Shared fixtures."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config) -> None:
    """Builds in tests are keyword-only unless a test asks for vectors (embed=True, `qa build --embed`):
    embedding costs ~100 ms a passage, and the tests of files, builds and the app are not about it. Every
    index the tests embed over the same files (the seeds, copied to many folders) shares one vector
    cache: the model runs once per file, not once per test."""
    import os

    os.environ.setdefault("QA_EMBED", "0")
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


@pytest.fixture
def open_app(monkeypatch):
    """Opens the Streamlit app by AppTest over a built corpus and index: a new session at each call."""
    from streamlit.testing.v1 import AppTest

    def open_over(built: BuiltIndex):
        monkeypatch.setenv("QA_INDEX", str(built.index))
        monkeypatch.setenv("QA_CORPUS", str(built.corpus))
        at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=180).run()
        assert not at.exception
        return at

    return open_over


@pytest.fixture(scope="session")
def seed_qa(seed_index):
    """One question-answering engine over the seed index, shared by the test modules that only ask."""
    from qa.engine import QA

    engine = QA(seed_index.index)
    yield engine
    engine.close()
