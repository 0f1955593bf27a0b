"""Several questions typed as one (伊川2020年收到了多少申请？有没有被复议？ / 2019年采购项目多少个？2020年呢？): each
asked in turn, the later ones as follow-ups of the earlier, and their answers given together. Only a part that asks
a measure of its own, or a bare 那N年呢, is split off: 多多少？ / 请保留两位小数 / 直接起诉和复议后起诉都算上 after
a question belong to it and stay in one reading."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer

if TYPE_CHECKING:
    from qa.understand import Reader

RE_MARK = re.compile(r"[？?]+")
RE_ASKS = re.compile(r"多少|几|吗|么|呢|有没有|是否|有无|哪|谁|什么|怎么|如何")
RE_YEAR_ONLY = re.compile(r"^[那]?(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})年(?:度)?的?(?:呢|怎么样|如何)$")
MIN_PART = 4  # characters a part needs to be a question of its own


def parts(reader: Reader, question: str) -> list[str] | None:
    """The questions within one, when a later part asks something of its own; None when it is one question."""
    pieces = [p.strip(" ，,。") for p in RE_MARK.split(question) if p.strip(" ，,。")]
    if len(pieces) < 2 or len(pieces[0]) < MIN_PART:
        return None
    first = reader.read(pieces[0])
    if not first.item:
        return None
    asked = {first.item, *first.extra_items}
    out = [pieces[0]]
    for piece in pieces[1:]:
        if RE_YEAR_ONLY.match(piece):
            out.append(piece)  # 2020年呢: a follow-up of the part before
            continue
        own = reader.read(piece)
        if not (own.item and own.item not in asked and RE_ASKS.search(piece) and len(piece) >= MIN_PART):
            return None
        asked |= {own.item, *own.extra_items}
        # 有没有被复议 after 伊川县2020年收到了多少申请: the same report, as the one question was typed
        whose = first.agency_mentions[0] if first.agencies and not own.agencies and first.agency_mentions else ""
        when = "".join(f"{y}年" for y in first.years[:1]) if whose and first.years and not own.years else ""
        out.append(whose + when + piece)
    return [p + "？" for p in out]


def joined(question: str, answers: list[Answer]) -> Answer:
    """One answer of the parts' answers: their sentences in order, every citation and derivation, the first table."""
    first = answers[0].model_copy(deep=True)
    first.question = question
    first.text = "\n".join(a.text for a in answers)
    first.citations = [c for a in answers for c in a.citations]
    first.derived = [d for a in answers for d in a.derived]
    tables = [a.table for a in answers if a.table]
    if len(tables) > 1 and all(t.columns == tables[0].columns for t in tables):  # one table of every part's rows
        first.table = tables[0].model_copy(update={"rows": [r for t in tables for r in t.rows],
                                                   "sources": [s for t in tables for s in t.sources]})
    else:
        first.table = tables[0] if tables else None
    first.chart = None
    first.alternatives = []
    first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
    first.reading.summary = "；".join(f"问{i}：{a.reading.summary}" for i, a in enumerate(answers, 1))
    first.reading.defaults = list(dict.fromkeys(d for a in answers for d in a.reading.defaults))
    return first
