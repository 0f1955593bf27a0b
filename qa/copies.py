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


class Copies:
    def __init__(self, n: int, groups: list[CopyGroup]):
        self.groups = {g.primary: g for g in groups}
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


def find_copies(con, reports: list[Report]) -> Copies:
    """Group the copies among reports (ids = positions in the list) from the facts table of con."""
    by_place: dict[tuple[str, int], list[int]] = {}
    for r in reports:
        if r.agency and r.year is not None:
            by_place.setdefault((r.agency, r.year), []).append(r.rid)
    candidates = [rids for rids in by_place.values() if len(rids) > 1]
    if not candidates:  # the usual case: no query at all
        return Copies(len(reports), [])
    docs = [reports[r].doc for rids in candidates for r in rids]
    rows = con.execute("select doc, key, value, len(flags) > 0 and flags <> ? from facts "
                       "where doc in (select unnest(?))", [["blank"], docs]).fetchall()
    cells: dict[str, dict[str, float]] = {}
    odd: dict[str, int] = {}
    for doc, key, value, special in rows:
        if value is not None:
            cells.setdefault(doc, {})[key] = value
        odd[doc] = odd.get(doc, 0) + bool(special)
    groups = []
    for rids in candidates:
        # cleanest first: fewest cells read in a special way (digits split, place guessed …), then most cells
        ranked = sorted(rids, key=lambda r: (odd.get(reports[r].doc, 0), -len(cells.get(reports[r].doc, {})),
                                             reports[r].doc))
        kept: list[list] = []  # [primary, others, shared, differ]
        for r in ranked:
            mine = cells.get(reports[r].doc, {})
            for g in kept:
                theirs = cells.get(reports[g[0]].doc, {})
                both = [k for k in mine if k in theirs]
                differ = sum(abs(mine[k] - theirs[k]) > 1e-9 for k in both)
                if len(both) >= MIN_SHARED and differ <= (1 - AGREE) * len(both):
                    g[1].append(r)
                    g[2] += len(both)
                    g[3] += differ
                    break
            else:
                kept.append([r, [], 0, 0])
        groups += [CopyGroup(p, tuple(o), s, d) for p, o, s, d in kept if o]
    return Copies(len(reports), groups)
