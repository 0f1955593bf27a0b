"""China's counties, county-level and prefecture-level cities by their bare names (福清, 张家港, 石狮), from
qa/places.tsv. A question that names a place the index lacks without its 市/县 (福清2023年行政处罚多少) must
be told so, never answered over every agency; jieba's tags miss many of these names (福清, 石狮 and 张家港
are tagged as persons' names), so the names come from the table, not from the tagger."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).with_name("places.tsv")
# The suffix a place drops when people name it bare, longest first (长阳土家族自治县 → 长阳土家族 stays whole)
_SUFFIXES = ("自治县", "自治旗", "林区", "县", "市", "旗")
# Bare names that are everyday words first (合作市, 比如县, 南部县): read as words, never as places
_EVERYDAY_WORDS = frozenset({"合作", "比如", "南部", "东方", "中方", "延长", "新兴", "万年", "大名", "富裕", "平定",
                             "平和", "台前", "无为", "永新", "定远", "三门"})


@cache
def bare_place_names() -> frozenset[str]:
    """The bare names of the table's counties and cities (districts are left out: 城中, 城东 and 新华 are
    words too, and people name a district with its 区). Two characters at least."""
    names: set[str] = set()
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        _, place, level = line.split("\t")
        if level == "district":
            continue
        suffix = next((s for s in _SUFFIXES if place.endswith(s)), "")
        bare = place[: len(place) - len(suffix)]
        if len(bare) >= 2 and bare not in _EVERYDAY_WORDS:
            names.add(bare)
    return frozenset(names)
