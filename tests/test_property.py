"""Property tests: any valid report, rendered in any layout, format and encoding, is extracted back to
exactly the values it was made from, with "blank" flags on exactly the cells written empty."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import (  # noqa: E402
    ENCODINGS,
    LAYOUTS,
    TEXT_LAYOUTS,
    blank_zero_keys,
    check_rules,
    encode,
    make_report,
    random_values,
    render,
)
from index.template import FORMATS, keys_for  # noqa: E402

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


@pytest.fixture(scope="module")
def extract_path(tmp_path_factory: pytest.TempPathFactory):
    """index.extract.extract_path; the round-trip tests skip while the extractor is still a stub."""
    from index.extract import extract_path as extract

    probe = tmp_path_factory.mktemp("probe") / "probe.txt"
    content, _ = render(make_report(random.Random(0), fmt="2019"), "tab_rows")
    probe.write_bytes(encode(content, "utf-8"))
    try:
        extract(probe)
    except NotImplementedError:
        pytest.skip("index.extract.extract_document is not implemented yet")
    return extract


@pytest.mark.parametrize("fmt", FORMATS)
@given(seed=SEEDS)
@settings(max_examples=200, deadline=None)
def test_generated_values_satisfy_the_four_rules(fmt: str, seed: int) -> None:
    values = random_values(random.Random(seed), fmt, scale=random.Random(seed).choice((0.3, 1.0, 10.0)))
    assert list(values) == keys_for(fmt)
    assert check_rules(values, fmt) == []
    assert all(v >= 0 for k, v in values.items() if not k.endswith(".change"))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", FORMATS)
@given(seed=SEEDS, encoding=st.sampled_from(ENCODINGS))
@settings(max_examples=25, deadline=None)
def test_render_then_extract_round_trips(extract_path, tmp_path_factory: pytest.TempPathFactory,
                                         layout: str, fmt: str, seed: int, encoding: str) -> None:
    report = make_report(random.Random(seed), fmt=fmt)
    encoding = encoding if layout in TEXT_LAYOUTS else "utf-8"
    content, suffix = render(report, layout)
    path = tmp_path_factory.mktemp("rt") / f"{layout}_{fmt}_{seed}{suffix}"
    path.write_bytes(encode(content, encoding))
    note(f"file: {path} ({encoding})")

    extracted = extract_path(path)

    assert extracted.meta.format == fmt
    got = {k: extracted.value(k) for k in keys_for(fmt)}
    wrong = {k: (got[k], v) for k, v in report.values.items() if got[k] is None or got[k] != v}
    assert not wrong, f"(got, want) by key: {dict(list(wrong.items())[:10])}"
    assert not {f.key for f in extracted.facts} - set(report.values), "keys not in this format"
    blank = {f.key for f in extracted.facts if "blank" in f.flags}
    assert blank == set(blank_zero_keys(report, layout))
