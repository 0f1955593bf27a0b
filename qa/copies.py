"""Copies of one report in the index: the same agency's report for the same year brought twice — the text
copied out of the page and the saved page, a PDF and its Word original. Users gather reports from several
places, and counting one report twice doubles every series, sum, count and ranking it is in.

Two files are copies when they name the same agency and year and agree on (nearly) every cell both give. The
copy read most cleanly stands for the report in every answer; answers that use it say which other files hold
the same report. Files of one agency and year that disagree are different reports (a corrected edition, a
misread year) and stay apart, as any two reports do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from qa.facts import Report

AGREE = 0.95  # share of the cells both files give that must be equal for them to be one report
MIN_SHARED = 10  # fewer cells in common than this: nothing to judge by, the files stay apart


@dataclass(frozen=True)
class CopyGroup:
    """The files of one report: the one answers use, the others, and how far they were compared."""

    primary: int  # report id
    others: tuple[int, ...]
    shared: int  # cells given by the primary and by each other file, summed
    differ: int  # of those, unequal


Place = tuple[str, int]  # (agency, year): only files of one place can be copies of each other
# a place's files (docs, in report order) and its groups by doc: (primary, others, shared, differ)
Judged = tuple[tuple[str, ...], list[tuple[str, tuple[str, ...], int, int]]]


class Copies:
    def __init__(self, n: int, groups: list[CopyGroup], places: dict[Place, Judged] | None = None):
        """places: how each place of several files was judged, by doc (what a reopened engine's
        find_copies keeps for the places no file of which changed)."""
        self.groups = {g.primary: g for g in groups}
        self.places = places or {}
        self.is_primary = np.ones(n, bool)
        for g in groups:
            self.is_primary[list(g.others)] = False

    def __len__(self) -> int:
        return len(self.groups)

    def other_docs(self, reports: list[Report]) -> set[str]:
        """The files another file of the same report stands for."""
        return {reports[o].doc for g in self.groups.values() for o in g.others}

    def of(self, rids) -> list[CopyGroup]:
        """The groups whose primary is among rids, in rids' order."""
        return [self.groups[r] for r in dict.fromkeys(int(r) for r in rids) if r in self.groups]


def find_copies(con, reports: list[Report], previous: Copies | None = None,
                changed: set[str] | None = None, places: dict[Place, list[int]] | None = None) -> Copies:
    """Group the copies among reports (ids = positions in the list) from the facts table of con.
    previous, changed: the copies found over an older generation of the index and the docs added, replaced or
    removed since (an engine reopened after an add): a place whose files are the same and none of them
    changed is judged as it was (a place's groups depend on its files' cells alone); the others are read.
    places: the places of more than one report and their report ids, when the caller has them
    (qa.report_table: no pass over every report)."""
    if places is None:
        by_place: dict[Place, list[int]] = {}
        for r in reports:
            if r.agency and r.year is not None:
                by_place.setdefault((r.agency, r.year), []).append(r.rid)
        places = {place: rids for place, rids in by_place.items() if len(rids) > 1}
    candidates = places
    if not candidates:  # the usual case: no query at all
        return Copies(len(reports), [])
    judged: dict[Place, Judged] = {}
    if previous is not None and changed is not None:
        for place, rids in candidates.items():
            docs = tuple(reports[r].doc for r in rids)
            old = previous.places.get(place)
            if old is not None and old[0] == docs and changed.isdisjoint(docs):
                judged[place] = old
    todo = [rids for place, rids in candidates.items() if place not in judged]
    docs = [reports[r].doc for rids in todo for r in rids]
    rows = con.execute("select doc, key, value, len(flags) > 0 and flags <> ? from facts "
                       "where doc in (select unnest(?))", [["blank"], docs]).fetchall() if docs else []
    cells: dict[str, dict[str, float]] = {}
    odd: dict[str, int] = {}
    for doc, key, value, special in rows:
        if value is not None:
            cells.setdefault(doc, {})[key] = value
        odd[doc] = odd.get(doc, 0) + bool(special)
    for place, rids in candidates.items():
        if place not in judged:
            judged[place] = (tuple(reports[r].doc for r in rids), _judge([reports[r].doc for r in rids], cells, odd))
    rid = {reports[r].doc: r for rids in candidates.values() for r in rids}
    groups = [CopyGroup(rid[p], tuple(rid[o] for o in others), s, d)
              for place in candidates for p, others, s, d in judged[place][1]]
    return Copies(len(reports), groups, judged)


def _judge(docs: list[str], cells: dict[str, dict[str, float]], odd: dict[str, int]
           ) -> list[tuple[str, tuple[str, ...], int, int]]:
    """The groups of copies among one place's files (docs): (primary, others, shared, differ) by doc."""
    # cleanest first: fewest cells read in a special way (digits split, place guessed …), then most cells
    ranked = sorted(docs, key=lambda d: (odd.get(d, 0), -len(cells.get(d, {})), d))
    kept: list[list] = []  # [primary, others, shared, differ]
    for d in ranked:
        mine = cells.get(d, {})
        for g in kept:
            theirs = cells.get(g[0], {})
            both = [k for k in mine if k in theirs]
            differ = sum(abs(mine[k] - theirs[k]) > 1e-9 for k in both)
            if len(both) >= MIN_SHARED and differ <= (1 - AGREE) * len(both):
                g[1].append(d)
                g[2] += len(both)
                g[3] += differ
                break
        else:
            kept.append([d, [], 0, 0])
    return [(p, tuple(o), s, n) for p, o, s, n in kept if o]


def changed_docs(gen, previous) -> tuple[Copies | None, set[str] | None]:
    """(the previous store's copies, the docs added, replaced or removed since) when gen's report rows grew
    from the previous store's generation (index/generation.py Generation.report_rows), else (None, None).
    previous: a qa.facts.FactStore or None."""
    changed = gen.changed_docs(previous._gen) if gen is not None and previous is not None else None
    return (previous.copies, changed) if changed is not None else (None, None)
