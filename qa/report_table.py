"""Every live report of an index generation as arrays, in doc order (a report's id is its place): what the
fact store answers scope, rankings and names from.

Why arrays and not a Report object per report: at 100,000 reports the objects (and a dict of them by doc) took
~0.3 CPU s of every engine reopen, and the cyclic collector walked them again in every full collection. Here
a Report is made when an answer asks for one (ReportList, DocIndex), and an engine reopened after an add
(index/grow.py) grows the previous engine's arrays by the few reports added, replaced or removed
(Generation.reports) instead of making them again from every row."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from index.metadata import body_key, fuller_names

if TYPE_CHECKING:
    from qa.facts import Report


def unnamed(doc: str) -> str:
    """The name answers give a report whose agency was not found (qa.facts.Report.name)."""
    return f"（机关名称未识别：{doc}）"


def report_table(con, gen, older=None) -> ReportTable:
    """The live reports of a generation (index.generation.Generation) as a table, made once per generation
    and shared by an engine's retriever and fact store; grown from `older`'s after an add. gen None: from
    the reports table of `con`."""
    if gen is None:
        return ReportTable.from_rows(con.execute("select doc, agency, year, format from reports order by doc")
                                     .fetchall())
    return gen.reports(con, older, ReportTable.from_rows, ReportTable.grown)


def _text_array(values) -> np.ndarray:
    a = np.asarray(values, str)
    return a if len(a) else np.zeros(0, "<U1")


class ReportTable:
    """docs (sorted as DuckDB sorts: code points), stated (the agency as the file gives it, '' for none),
    year (-1 for none) and format of each report; derived from them: the fuller names (index.metadata), the
    names answers use (agency_names, sorted) and each report's place among them (agency_of)."""

    def __init__(self, docs: np.ndarray, stated: np.ndarray, year: np.ndarray, fmt: np.ndarray,
                 older: ReportTable | None = None):
        """older: a table this one grew from (its fuller names are kept when the names that came and went
        share their body_key with no other name)."""
        self.docs, self.stated, self.year, self.format = docs, stated, year, fmt
        self.named = stated != ""
        names, inverse = np.unique(stated, return_inverse=True)  # ('' first when some report has none)
        given = names[1:] if len(names) and names[0] == "" else names
        self.given = given  # the distinct names files give, sorted
        self._bodies: Counter | None = None  # see bodies
        self.fuller = self._fuller_from(older) if older is not None else fuller_names(given.tolist())
        # the name answers use of each distinct stated name, then of each report
        answer = np.asarray([self.fuller.get(a, a) for a in given.tolist()], str) if self.fuller else given
        offset = len(names) - len(given)
        by_report = np.empty(len(docs), object)
        if len(given):
            by_report[self.named] = answer[inverse[self.named] - offset] if offset else answer[inverse[self.named]]
        lost = np.flatnonzero(~self.named)
        for i in lost.tolist():
            by_report[i] = unnamed(str(docs[i]))
        self.agency_names: list[str] = sorted(set(answer.tolist()) | {by_report[i] for i in lost.tolist()})
        table = _text_array(self.agency_names)
        self.agency_of = np.searchsorted(table, by_report.astype(str)).astype(np.int32) if len(docs) \
            else np.zeros(0, np.int32)
        self.years: list[int] = np.unique(year[year >= 0]).tolist()
        self._columns: tuple | None = None
        self._named_names: list[str] | None = None
        self._places: set[int] | None = None  # see has

    def __len__(self) -> int:
        return len(self.docs)

    def bodies(self) -> Counter:
        """How many of the given names have each body_key (index.metadata), made when a table first grows."""
        if self._bodies is None:
            self._bodies = Counter(body_key(a) for a in self.given.tolist())
        return self._bodies

    def _fuller_from(self, older: ReportTable) -> dict[str, str]:
        """older's fuller names when no name that came or went shares its body_key with another name, else
        fuller_names over every name (~0.1 CPU s at 34,000 names, for an add that changes nothing of them)."""
        came = np.setdiff1d(self.given, older.given, assume_unique=True).tolist()
        went = np.setdiff1d(older.given, self.given, assume_unique=True).tolist()
        if not came and not went:
            self._bodies = older._bodies
            return older.fuller
        bodies = older.bodies().copy()
        bodies.subtract(body_key(a) for a in went)
        bodies.update(body_key(a) for a in came)
        self._bodies = bodies
        if all(k is None or bodies[k] <= 1 for k in map(body_key, came)) and \
                all(k is None or older.bodies()[k] <= 1 for k in map(body_key, went)):
            return older.fuller
        return fuller_names(self.given.tolist())

    @property
    def named_names(self) -> list[str]:
        """The names answers use of the reports whose agency was found, sorted."""
        if self._named_names is None:
            self._named_names = np.unique(self.agency_of[self.named]).tolist()
            self._named_names = [self.agency_names[i] for i in self._named_names]
        return self._named_names

    def stated_names(self) -> dict[str, list[str]]:
        """A name answers use → the names files give for it (sorted), for the names a fuller one stands for
        and that fuller one; any other name stands for itself alone."""
        out: dict[str, list[str]] = {}
        for a in sorted(set(self.fuller) | set(self.fuller.values())):
            out.setdefault(self.fuller.get(a, a), []).append(a)
        return out

    def has(self, agency: str, year: int | None) -> bool:
        """Whether some report of the agency (a name answers use) is of the year (None: of no year)."""
        if self._places is None:
            key = self.agency_of[self.named].astype(np.int64) * (1 << 16) + (self.year[self.named] & 0xFFFF)
            self._places = set(np.unique(key).tolist())
        i = bisect.bisect_left(self.agency_names, agency)
        if i == len(self.agency_names) or self.agency_names[i] != agency:
            return False
        return i * (1 << 16) + ((year if year is not None else -1) & 0xFFFF) in self._places

    @classmethod
    def from_rows(cls, rows: Sequence[tuple]) -> ReportTable:
        """From (doc, agency, year, format) rows in doc order (Generation.report_rows)."""
        return cls(_text_array([r[0] for r in rows]), _text_array([r[1] or "" for r in rows]),
                   np.asarray([r[2] if r[2] is not None else -1 for r in rows], np.int32),
                   _text_array([r[3] for r in rows]))

    def grown(self, dead: set[str], new_rows: list[tuple]) -> ReportTable:
        """This table without the reports of `dead` docs, with `new_rows` ((doc, agency, year, format)) in
        their places by doc: what from_rows over the new generation's rows gives."""
        keep = ~np.isin(self.docs, _text_array(sorted(dead))) if dead else np.ones(len(self.docs), bool)
        new = sorted(new_rows, key=lambda r: r[0])
        cols = [self.docs[keep], self.stated[keep], self.year[keep], self.format[keep]]
        if new:
            add = [_text_array([r[0] for r in new]), _text_array([r[1] or "" for r in new]),
                   np.asarray([r[2] if r[2] is not None else -1 for r in new], np.int32),
                   _text_array([r[3] for r in new])]
            at = np.searchsorted(cols[0], add[0])
            cols = [np.insert(c if c.dtype == np.result_type(c, a) else c.astype(np.result_type(c, a)), at, a)
                    for c, a in zip(cols, add)]
        return ReportTable(*cols, older=self)

    # ------------------------------------------------------------ one report, when asked for
    def columns(self) -> tuple[list, list, list, list, list]:
        """docs, agencies (answers' names, None for none), years (None for none), formats and stated names (None
        unless a fuller name stands for them) as lists, made on the first Report asked for (~30 ms at 100,000
        reports: a Report from lists costs a tenth of one from array items)."""
        if self._columns is None:
            names = self.agency_names
            agency = [names[a] if ok else None for a, ok in zip(self.agency_of.tolist(), self.named.tolist())]
            stated = [a if a in self.fuller else None for a in self.stated.tolist()] if self.fuller \
                else [None] * len(self)
            self._columns = (self.docs.tolist(), agency, [y if y >= 0 else None for y in self.year.tolist()],
                             self.format.tolist(), stated)
        return self._columns

    def agency(self, rid: int) -> str | None:
        return self.agency_names[self.agency_of[rid]] if self.named[rid] else None

    def report(self, rid: int) -> Report:
        from qa.facts import Report

        docs, agency, year, fmt, stated = self.columns()
        return Report(rid, docs[rid], agency[rid], year[rid], fmt[rid], stated[rid])

    def names_of(self, rids: np.ndarray) -> list[str]:
        """The name answers give each report (Report.name), without making the reports."""
        names = self.agency_names
        return [names[a] for a in self.agency_of[rids].tolist()]

    def rid(self, doc: str) -> int | None:
        i = int(np.searchsorted(self.docs, doc))
        return i if i < len(self.docs) and self.docs[i] == doc else None

    def places(self) -> dict[tuple[str, int], list[int]]:
        """(agency, year) → the report ids there, for the places of more than one report (where copies of one
        report can be: qa.copies), in order of their first report."""
        rids = np.flatnonzero(self.named & (self.year >= 0))
        if not len(rids):
            return {}
        key = self.agency_of[rids].astype(np.int64) * (1 << 16) + self.year[rids]
        _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
        inverse = inverse.ravel()
        shared = np.flatnonzero(counts > 1)
        if not len(shared):
            return {}
        in_shared = counts[inverse] > 1
        sub, sub_rids = inverse[in_shared], rids[in_shared]
        order = np.argsort(sub, kind="stable")  # each place's reports together, ascending
        groups = np.split(sub_rids[order], np.cumsum(counts[shared])[:-1])
        out: dict[tuple[str, int], list[int]] = {}
        for i in np.argsort(first[shared], kind="stable").tolist():  # places in order of their first report
            members = groups[i].tolist()
            out[(self.agency(members[0]), int(self.year[members[0]]))] = members
        return out


class ReportList(Sequence):
    """The reports by id, each made when first asked for and kept (a whole pass makes every one: few answers
    need that)."""

    def __init__(self, table: ReportTable):
        self.table = table
        self._made: list[Report | None] = [None] * len(table)

    def __len__(self) -> int:
        return len(self._made)

    def _get(self, rid: int) -> Report:
        r = self._made[rid]
        if r is None:
            r = self._made[rid] = self.table.report(rid)
        return r

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(j) for j in range(len(self))[i]]
        return self._get(range(len(self))[i])

    def __iter__(self) -> Iterator[Report]:
        return (self._get(i) for i in range(len(self)))

    def __eq__(self, other) -> bool:  # (as the list of reports it stands for)
        return isinstance(other, (ReportList, list)) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None


class DocIndex(Mapping):
    """doc → its Report (by a binary search over the sorted docs)."""

    def __init__(self, table: ReportTable, reports: ReportList):
        self.table, self.reports = table, reports

    def __getitem__(self, doc: str) -> Report:
        rid = self.table.rid(doc) if isinstance(doc, str) else None
        if rid is None:
            raise KeyError(doc)
        return self.reports[rid]

    def __contains__(self, doc) -> bool:
        return isinstance(doc, str) and self.table.rid(doc) is not None

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table.docs.tolist())
