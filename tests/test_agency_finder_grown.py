"""An engine reopened after an add grows the agency finder of the agencies before it by the new ones
(qa.agencies.AgencyFinder.grown) instead of making it anew: the grown finder must equal a new one, table for
table, and leave the one it grew from as it was (the old engine stays usable)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "gold.json"


def _names() -> list[str]:
    """Generated agencies of many places and kinds, the real reports' agencies, and names that state more
    or fewer places, or are a kind word alone (城管局 is no name: it must leave the aliases)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import agency_pool

    real = [g["agency"] for g in json.loads(REAL.read_text("utf-8")).values() if g.get("agency")]
    return sorted({a.name for a in agency_pool(1500)} | set(real) | {
        "淮安市洪泽区人民政府", "洪泽区人民政府", "鹤岗市城市管理综合执法局", "平潭综合实验区管理委员会", "城管局"})


def _tables(f) -> dict:
    return {"agencies": f.agencies, "alias_map": f.alias_map, "kind_map": f.kind_map, "places": f.places,
            "masked": {k: sorted(v) for k, v in f._masked.items()}}


@pytest.mark.parametrize("added", [1, 7, 200])
def test_grown_finder_equals_a_new_one(added):
    from qa.agencies import AgencyFinder

    names = _names()
    new = names[3::max(len(names) // added, 1)][:added]  # spread over the list: places old and new
    older_names = [a for a in names if a not in new]
    older = AgencyFinder(older_names)
    before = _tables(older)
    grown = AgencyFinder.grown(older, names)
    assert grown is not None
    assert _tables(grown) == _tables(AgencyFinder(names))
    assert _tables(older) == before  # shared sets and lists were copied before they changed


def test_a_finder_with_an_agency_gone_is_not_grown():
    from qa.agencies import AgencyFinder

    names = _names()
    assert AgencyFinder.grown(AgencyFinder(names), names[1:]) is None


def test_a_kind_word_agency_grows_like_a_new_finder():
    """城管局 alone is a kind word, no name: an agency so named (a file whose name lost its place) arriving
    after 伊川县城市管理局 leaves the aliases as a new finder does (or no finder is grown: an alias the older
    finder made Latin letters and masks for cannot be taken back)."""
    from qa.agencies import AgencyFinder

    names = ["伊川县城市管理局", "城管局", "鹤岗市城市管理综合执法局"]
    grown = AgencyFinder.grown(AgencyFinder(names[:1]), names)
    assert grown is None or _tables(grown) == _tables(AgencyFinder(names))
    assert "城管局" not in AgencyFinder(names).alias_map
