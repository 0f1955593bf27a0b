"""The extractor against the hand-written gold of the seed reports (tests/gold/*.json, see its README).

One test per seed and aspect (meta, values, absent rows, flags, raw/text, rules, prose), so that a failure
says which report and what kind of thing went wrong. Every test collects all mismatches of its aspect and
reports them together.
"""

from __future__ import annotations

import json
import math
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # so that `pytest` works as well as `python -m pytest`
    sys.path.insert(0, str(ROOT))

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS = ROOT / "corpus"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

# Column keys of format 2019, in the order of the gold arrays (index/template.py).
ACTIVE_COLUMNS = {
    "regulation": ("made", "published", "total"),
    "normative": ("made", "published", "total"),
    "license": ("prev", "change", "decisions"),
    "other_service": ("prev", "change", "decisions"),
    "penalty": ("prev", "change", "decisions"),
    "coercion": ("prev", "change", "decisions"),
    "fee": ("prev", "change"),
    "procurement": ("items", "amount"),
}
APPLY_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
REVIEW_GROUPS = ("review", "suit.direct", "suit.after_review")
REVIEW_ENDINGS = ("upheld", "corrected", "other", "pending", "total")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_values(gold: dict) -> dict[str, float | int | None]:
    """Every fact key the gold gives, with its value (None: a sentence or not determinable)."""
    values: dict[str, float | int | None] = {}
    for row, cells in gold["active"].items():
        columns = ACTIVE_COLUMNS[row]
        assert len(cells) == len(columns), f"gold active.{row} has {len(cells)} cells"
        for col, v in zip(columns, cells):
            values[f"{row}.{col}"] = v
    for row, cells in gold["apply"].items():
        assert len(cells) == len(APPLY_COLUMNS), f"gold apply.{row} has {len(cells)} cells"
        for col, v in zip(APPLY_COLUMNS, cells):
            values[f"apply.{row}.{col}"] = v
    review = gold["review"]
    assert len(review) == 15, "gold review must have 15 numbers"
    for i, group in enumerate(REVIEW_GROUPS):
        for j, ending in enumerate(REVIEW_ENDINGS):
            values[f"{group}.{ending}"] = review[i * 5 + j]
    return values


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@cache
def extracted(doc: str):
    from index.extract import extract_path

    return extract_path(CORPUS / doc)


@pytest.fixture(params=GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def case(request):
    gold = _load(request.param)
    return gold, extracted(gold["doc"])


def _facts_by_key(report) -> dict:
    facts: dict = {}
    for f in report.facts:
        facts.setdefault(f.key, []).append(f)
    return facts


def _report(problems: list[str]) -> str:
    return f"{len(problems)} mismatch(es):\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------------------------- tests
def test_gold_files_present():
    assert GOLD_FILES, "no gold files in tests/gold"
    for path in GOLD_FILES:
        gold = _load(path)
        assert gold["doc"] == path.stem + ".txt"
        assert (CORPUS / gold["doc"]).is_file(), gold["doc"]
        gold_values(gold)  # shape check


def test_meta(case):
    gold, report = case
    meta = report.meta
    problems = [
        f"{name}: got {getattr(meta, name)!r}, gold {gold[name]!r}"
        for name in ("agency", "year", "format", "date")
        if getattr(meta, name) != gold[name]
    ]
    assert not problems, _report(problems)


def test_values(case):
    gold, report = case
    expected = gold_values(gold)
    facts = _facts_by_key(report)
    problems = []
    for key, want in expected.items():
        got = facts.get(key)
        if not got:
            problems.append(f"{key}: missing, gold {want!r}")
        elif len(got) > 1:
            problems.append(f"{key}: {len(got)} facts")
        elif not _same(got[0].value, want):
            problems.append(f"{key}: got {got[0].value!r} (raw {got[0].raw!r}), gold {want!r}")
    for key in sorted(set(facts) - set(expected)):
        problems.append(f"{key}: unexpected fact {[f.value for f in facts[key]]!r}")
    assert not problems, _report(problems)


def test_absent_rows(case):
    gold, report = case
    problems = []
    for row in gold["absent"]:
        prefix = row + "."
        found = [f.key for f in report.facts if f.key.startswith(prefix)]
        if found:
            problems.append(f"{row} is absent in the report but has facts {found}")
    assert not problems, _report(problems)


def test_flags(case):
    gold, report = case
    expected = gold_values(gold)
    gold_flags = {k: set(v) for k, v in gold["flags"].items()}
    problems = []
    for fact in report.facts:
        if fact.key not in expected:
            continue  # reported by test_values
        want = gold_flags.get(fact.key, set())
        if set(fact.flags) != want:
            problems.append(f"{fact.key}: flags {sorted(fact.flags)}, gold {sorted(want)}")
    assert not problems, _report(problems)


def test_raw_and_text(case):
    gold, report = case
    facts = _facts_by_key(report)
    problems = []
    for key, raw in gold["raw"].items():
        got = facts.get(key)
        if not got:
            problems.append(f"{key}: missing (gold raw {raw!r})")
        elif got[0].raw.strip() != raw.strip():
            problems.append(f"{key}: raw {got[0].raw!r}, gold {raw!r}")
    for key, sentence in gold["text"].items():
        got = facts.get(key)
        if not got:
            problems.append(f"{key}: missing (gold text {sentence!r})")
            continue
        fact = got[0]
        if fact.value is not None:
            problems.append(f"{key}: value {fact.value!r} where the report has a sentence")
        if sentence not in (fact.raw or "") and sentence not in (fact.note or ""):
            problems.append(f"{key}: sentence {sentence!r} not in raw {fact.raw!r} or note {fact.note!r}")
    assert not problems, _report(problems)


def test_rules(case):
    gold, report = case
    findings: dict[tuple[int, str], list] = {}
    for f in report.findings:
        if f.kind == "rule":
            findings.setdefault((f.rule, f.scope), []).append(f)
    problems = []
    for rule, scopes in gold["rules"].items():
        for scope, want in scopes.items():
            got = findings.get((int(rule), scope))
            if not got:
                problems.append(f"rule {rule} {scope}: no finding, gold {want}")
            elif len(got) > 1:
                problems.append(f"rule {rule} {scope}: {len(got)} findings")
            elif got[0].status != want:
                problems.append(f"rule {rule} {scope}: {got[0].status}, gold {want} ({got[0].detail})")
    assert not problems, _report(problems)


def test_prose(case):
    gold, report = case
    prose = [f for f in report.findings if f.kind == "prose" and f.status == "FAIL"]
    problems = []
    for item in gold["prose"]:
        key = item["key"]
        hits = [f for f in prose if key in f.detail or key in f.scope]
        if not hits:
            problems.append(f"{key}: no prose FAIL finding mentions it (prose {item['prose']}, table {item['table']})")
            continue
        if not any(
            any(_same(v, item["table"]) for v in f.numbers.values())
            and any(_same(v, item["prose"]) for v in f.numbers.values())
            for f in hits
        ):
            problems.append(f"{key}: findings {[f.numbers for f in hits]} lack table {item['table']} "
                            f"and prose {item['prose']}")
    assert not problems, _report(problems)
