"""The same report in other file formats and encodings extracts to the same facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract import extract_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def values(path: Path) -> dict:
    return {f.key: f.value for f in extract_path(path).facts}


def test_html_with_rowspan_colspan_gives_the_seed_facts():
    seed = extract_path(CORPUS / "002_f3bbfa1004ed2dd6.txt")
    page = extract_path(ROOT / "tests" / "fixtures" / "yichuan.html")
    assert {f.key: f.value for f in page.facts} == {f.key: f.value for f in seed.facts}
    assert page.meta.agency == seed.meta.agency and page.meta.file_format == "html"
    # The page has the right number of cells per row: nothing needs placing by arithmetic.
    assert not [f for f in page.facts if f.flags]
    cell = next(f for f in page.facts if f.key == "penalty.decisions")
    assert cell.value == 313 and cell.source.table == 1 and cell.source.cell == 4


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    seed = CORPUS / "004_d68123bc43084456.txt"
    copy = tmp_path / "jinan.txt"
    copy.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    assert values(copy) == values(seed)


def test_markdown_pipe_tables(tmp_path):
    seed = CORPUS / "003_4e4bafc32cf8cb39.txt"
    lines = []
    for line in seed.read_text(encoding="utf-8").split("\n"):
        lines.append("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line)
    copy = tmp_path / "hegang.md"
    copy.write_text("\n".join(lines), encoding="utf-8")
    report = extract_path(copy)
    assert report.meta.file_format == "markdown"
    assert {f.key: f.value for f in report.facts} == values(seed)
