"""Quick tests of the report generator (bench/generate.py): determinism, coverage, truth, encodings."""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import (  # noqa: E402
    APPLICANTS,
    ENCODINGS,
    LAYOUTS,
    YEARS,
    _pool_for,
    _series,
    agency_pool,
    check_rules,
    make_report,
    random_values,
    read_truth,
    render,
    write_corpus,
)
from index.template import FORMATS, keys_for  # noqa: E402

N = 120  # enough for every layout × format and every encoding with the seed below


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, N, seed=5)
    return out, read_truth(out)


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_corpus(a, 30, seed=11)
    write_corpus(b, 30, seed=11)
    write_corpus(c, 30, seed=12)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert (a / "truth.jsonl").read_bytes() != (c / "truth.jsonl").read_bytes()


def test_every_layout_format_and_encoding_appears(corpus: tuple[Path, list[dict]]) -> None:
    _, truth = corpus
    assert len(truth) == N
    assert {(r["layout"], r["format"]) for r in truth} == {(lay, f) for lay in LAYOUTS for f in FORMATS}
    assert {r["encoding"] for r in truth} == set(ENCODINGS)
    assert {r["year"] for r in truth} == {2019, 2020, 2021, 2022, 2023}
    assert all(r["format"] == ("2019" if r["year"] <= 2020 else "2021") for r in truth)
    assert len({r["agency"] for r in truth}) > 20
    assert len({r["province"] for r in truth}) >= 5


def test_truth_has_every_key_and_rules_hold(corpus: tuple[Path, list[dict]]) -> None:
    _, truth = corpus
    for r in truth:
        assert list(r["values"]) == keys_for(r["format"]), r["file"]
        broken = {rule for rule, _ in check_rules(r["values"], r["format"])}
        assert sorted(broken) == r["broken_rules"], r["file"]
        if not r["inconsistent"]:
            assert not broken and not r["defects"], r["file"]


def test_inconsistent_portion_is_separate_and_flagged(corpus: tuple[Path, list[dict]]) -> None:
    _, truth = corpus
    bad = [r for r in truth if r["inconsistent"]]
    assert bad and len(bad) < len(truth) // 10
    assert all(r["file"].startswith("inconsistent/") and r["defects"] for r in bad)
    assert not any(r["file"].startswith("inconsistent/") for r in truth if not r["inconsistent"])
    assert {r["agency"] for r in bad}.isdisjoint(r["agency"] for r in truth if not r["inconsistent"])


def test_consecutive_years_carry_over(corpus: tuple[Path, list[dict]]) -> None:
    _, truth = corpus
    by_agency: dict[str, dict[int, dict]] = defaultdict(dict)
    for r in truth:
        if not r["inconsistent"]:
            by_agency[r["agency"]][r["year"]] = r
    pairs = [(years[y], years[y + 1]) for years in by_agency.values() for y in years if y + 1 in years]
    assert len(pairs) > 10
    for a, b in pairs:
        assert b["prev_file"] == a["file"]
        for c in APPLICANTS + ("total",):
            assert b["values"][f"apply.carried_in.{c}"] == a["values"][f"apply.carried_out.{c}"]


def test_files_decode_in_their_encoding(corpus: tuple[Path, list[dict]]) -> None:
    out, truth = corpus
    boms = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16": (b"\xff\xfe", b"\xfe\xff")}
    for r in truth:
        data = (out / r["file"]).read_bytes()
        text = data.decode(r["encoding"])
        assert r["agency"] in text and f"{r['year']}" in text and "政府信息公开工作年度报告" in text
        assert "三、收到和处理政府信息公开申请情况" in text
        if r["encoding"] in boms:
            assert data.startswith(boms[r["encoding"]])
        if r["encoding"] == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")


def test_blank_keys_only_in_blank_layout_and_zero(corpus: tuple[Path, list[dict]]) -> None:
    _, truth = corpus
    for r in truth:
        if r["layout"] != "cell_per_line_blank":
            assert r["blank_zero_keys"] == []
        assert all(r["values"][k] == 0 for k in r["blank_zero_keys"])
    assert any(r["blank_zero_keys"] for r in truth)


def test_values_realistic() -> None:
    rng = random.Random(3)
    draws = [random_values(rng, f) for f in FORMATS for _ in range(200)]
    flat = [v for d in draws for v in d.values()]
    assert sum(v == 0 for v in flat) / len(flat) > 0.5  # mostly zeros
    assert max(d["penalty.decisions"] for d in draws) >= 1000  # sometimes thousands
    assert any(d.get("license.change", 0) < 0 for d in draws)  # signed changes
    amounts = [d.get("procurement.amount", d.get("fee.amount")) for d in draws]
    assert all(isinstance(a, float) and round(a, 4) == a for a in amounts)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_render_shows_title_date_and_parts(layout: str, fmt: str) -> None:
    report = make_report(random.Random(1), fmt=fmt)
    content, suffix = render(report, layout)
    assert isinstance(content, str) and suffix in (".txt", ".md", ".html")
    assert f"{report.agency.name}" in content and f"{report.year}" in content
    assert f"{report.date.year}年{report.date.month}月{report.date.day}日" in content
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in content
    marker = "本年制发件数" if fmt == "2021" else "本年新制作数量"
    assert marker in content.replace("\n", "")


class _Cells(HTMLParser):
    """<td> texts with their rowspan, and the number of <table>s (stdlib only)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables, self.cells, self._td = 0, [], None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tables += tag == "table"
        if tag == "td":
            self._td = [dict(attrs).get("rowspan"), ""]

    def handle_data(self, data: str) -> None:
        if self._td is not None:
            self._td[1] += data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._td is not None:
            self.cells.append(tuple(self._td))
            self._td = None


def test_html_tables_have_the_template_spans() -> None:
    for fmt, results in (("2019", 20), ("2021", 22)):
        content, _ = render(make_report(random.Random(2), fmt=fmt), "html")
        parsed = _Cells()
        parsed.feed(content)
        assert parsed.tables == 3
        spans = {text: span for span, text in parsed.cells if span}
        assert spans["三、本年度办理结果"] == str(results)
        assert any(k.endswith("不予公开") and v == "8" for k, v in spans.items())


def test_prose_restates_table_numbers(corpus: tuple[Path, list[dict]]) -> None:
    out, truth = corpus
    stated = 0
    for r in truth:
        facts = r["prose_facts"]
        prose_defects = {d["key"]: d["prose_value"] for d in r["defects"] if d["kind"] == "prose"}
        for key, value in facts.items():
            if key in r["values"]:
                assert value == prose_defects.get(key, r["values"][key]), (r["file"], key)
                stated += 1
    assert stated > len(truth)


def test_pool_reaches_national_scale() -> None:
    """Small corpora draw from PLACES alone (their output stays the same); 100,000 reports draw distinct
    agencies from the nation's counties and districts, in runs of consecutive years within 2019-2023."""
    assert _pool_for(3000, 90) == agency_pool()
    pool = _pool_for(100_000, 3000)
    assert len({a.name for a in pool}) == len(pool) > len(agency_pool()) * 20
    assert len({a.province for a in pool}) >= 20  # places.tsv in code order: 100,000 reports reach 20 provinces
    runs = _series(random.Random(1), 97_000, pool[3000:])
    assert sum(len(years) for _, years in runs) == 97_000
    assert len({a.name for a, _ in runs}) == len(runs)
    assert all(years == list(range(years[0], years[-1] + 1)) and set(years) <= set(YEARS) for _, years in runs)
