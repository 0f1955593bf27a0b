"""Retrieval over a built index: keyword search fused with dense search (weighted by what the model
earned in evaluation), filtered by agency, year and part. The agency a query names becomes a filter.

Open once per process and reuse: opening maps the keyword postings and connects to the facts database;
the embedding model loads only if the index has vectors and the model's weight is above 0."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel

from index.errors import ReportError
from index.generation import Generation
from index.keyword import Filters, KeywordIndex
from index.model import Passage
from qa.agencies import AgencyIndex, AgencyMatch
from qa.normalize import years
from qa.report_table import report_table

FETCH = 50  # candidates taken from each path before fusion
# Each further row of one table counts this share of its fused score less (index/fusion.spread_tables);
# for a question that asks for a number, which a row may well give, only each further row stating the
# same values as one before it (table 三's rows of zeros). Chosen on the seeds' lexical and paraphrase
# groups and tests/paraphrase_heldout.json (0.4–0.6 alike; 0.8 kept two more held-out misses). For number
# questions, decaying every row lost p17 (its answer is the 4th row of table 二 the dense path finds);
# decaying the repeats (0.4–0.8 alike) keeps it and lifts held-out fused R@5 0.95 → 0.98.
TABLE_DECAY = 0.4
# For a question that asks for a number, a prose passage where one of its words and a count share a clause
# (收到政府信息公开申请154件 for 一共收到多少份公开申请): its fused score counts this much more. Table 三's
# rows state the same total under words every row repeats and outranked the sentence on both paths (h11,
# h20, h133 …). 0.2 and 0.3 alike on the held-out set (fused R@5 0.95 → 1.00 with the other batch-6 changes);
# 0.3 and up put three seed row answers (q55, p01 …) from rank 1 to 2, 0.2 one (q44).
STATED_BOOST = 0.2
# A query in users' words the reports say otherwise (被人告了 → 行政复议 行政诉讼, 有钱有人吗 → 经费 人员:
# qa/prose.USERS_TERMS): the model is given the reports' words too, and its ranking counts for this share of
# its weight, since the keyword ranking searched the reports' own words and the model has not learnt that
# the user's mean them (held-out batch 8: fused MRR 0.871 → 0.889 over 229, seed paraphrase 0.727 kept; 0.25 and
# below put p12 from rank 3 to 5, 0.5 leaves h223 out of the top 5).
TRANSLATED_DENSE = 0.35
# A count the query quotes (那2599条信息里规划计划类有几条, 81件申请里公开了多少): a passage stating that very
# number counts this much more in the fused ranking; the question starts from what that passage says
# (held-out batch 12, h360–h362).
QUOTED_BOOST = 0.2
# At most this many terms typed apart (政务公开 队伍建设) make a query of the reports' own words (Retriever.verbatim)
VERBATIM_TERMS = 4


# A year as a query names it: 2021年, or bare (平潭 2021 第三方监测, in 2021) when no count follows it (2021件
# is a number of applications); the index must hold that year's report for it to filter
RE_YEAR_NAMED = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?:\s*年|(?![\d.]|\s*(?:[条件个项次篇份期起家名人元万%％]|人次)))")
# The frame of a request in 公文 style (关于…情况的说明, 请报送…开展情况, 就…有关事项予以报告): how the asker
# writes, never what about; its words (关于, 有关, 事项, 报告) are in every report and drown the topic's
_OFFICIAL_ASK = r"(?:(?:请|烦请|恳请)\s*)?(?:报送|提供|上报|汇报|告知)"
_OFFICIAL_HEAD = re.compile(rf"^\s*(?:{_OFFICIAL_ASK})?\s*(?:关于|就)?")
_OFFICIAL_TAIL = re.compile(r"(?:有关|相关)?(?:事项|工作)?(?:的)?(?:开展|落实|推进|建设)?(?:情况)?(?:的|之)?\s*"
                            r"(?:予以|作出|进行)?(?:报告|说明|汇报|请示|函)?\s*[。.]?\s*$")
_OFFICIAL_FRAMED = re.compile(rf"^\s*(?:{_OFFICIAL_ASK}|关于)|有关事项|(?:予以|作出)(?:报告|说明)")


# The asker's own talk around a question (我想知道…, 请问, 麻烦帮我查一下, 他们那边): how a citizen asks, never what
# about; the model reads a question as its whole sentence and ranks passages by that talk too
# (想 and 要 only as the asker's: 主要问题, 思想问题 keep theirs)
_ASKER_TALK = re.compile(r"(?:(?:我们?|(?<![\u3400-\u9fff]))(?:就是|只是|也|还)?想|我们?要)(?:知道|问问?|了解|打听|咨询)(?:一下|下)?|"
                         r"请问(?:一下)?|"
                         r"麻烦(?:你|您)?(?:帮(?:我|忙)?)?(?:查|看|问)(?:一下|查|看|问)?|(?:帮我|帮忙)(?:查|看)(?:一下|查|看)?|"
                         r"(?:他们|她们|人家)(?:那边|那里|那儿)?")


def without_asker_talk(query: str) -> str:
    """我想知道平潭2022年他们网站改版了没有 → 平潭2022年网站改版了没有; the query itself when nothing else is left."""
    out = _ASKER_TALK.sub("", query)
    return out if re.search(r"[\u3400-\u9fff]{2}", out) else query


def without_official_frame(query: str) -> str:
    """关于健全公开机制建设有关事项的报告 → 健全公开机制建设: a request in 公文 style, its frame cut off (only
    when it is framed so: a plain 报告在哪下载 keeps its 报告); the query itself when nothing is left."""
    if not _OFFICIAL_FRAMED.search(query):
        return query
    out = _OFFICIAL_TAIL.sub("", _OFFICIAL_HEAD.sub("", query, count=1), count=1)
    return out if re.search(r"[\u3400-\u9fff]{2}", out) else query


class Hit(BaseModel):
    passage: Passage
    score: float
    rank: int
    via: list[str]  # which paths found it: keyword, dense


class SearchResult(BaseModel):
    query: str
    hits: list[Hit]
    filters: dict
    agency_note: str | None = None  # how the agency in the query was read
    mode: str


class Retriever:
    def __init__(self, index: Path, model: str | None = None, previous: Retriever | None = None):
        """previous: the retriever of an older generation of this index, whose agency index is kept when
        the agencies are the same (qa.engine.QA.reopen)."""
        from index.models import model_weight

        self.index = Path(index)
        self.gen = Generation.current(self.index)  # the one owner of the index folder's files
        self.generation = self.gen.path
        self.manifest = self.gen.manifest
        self.keyword: KeywordIndex = self.gen.keyword(previous and previous.keyword)
        self.db = self.gen.connect()
        # the reports as arrays, shared with the fact store (qa.report_table; grown after an add: no query)
        self.table = report_table(self.db, self.gen, previous and previous.gen)
        self._names_of = self.table.stated_names()  # a name answers use → the names files give (when not itself)
        self._agency_names = self.table.named_names
        same = previous is not None and previous._agency_names == self._agency_names
        self._agencies = previous._agencies if same else None  # built on first need (a search)
        self.years = {y for y in self.table.years if y}
        self._model = model
        self.dense_weight = model_weight(str(self.manifest.model.get("name"))) if self.manifest.model else 0.0
        self._dense = None
        self._pinyin_keys: dict[str, str] | None = None
        self.hidden_docs: set[str] = set()  # files whose passages another file of the same report stands for (qa.copies)

    # ------------------------------------------------------------ dense, loaded on first need
    def has_dense(self) -> bool:
        return self.gen.has_dense()

    def _dense_index(self):
        """Searches every part of the generation; hits are passage numbers (pidx)."""
        if self._dense is None:
            from index.dense import Embedder

            self._dense = self.gen.dense(Embedder(self._model))
        return self._dense

    @property
    def agencies(self) -> AgencyIndex:
        if self._agencies is None:  # ~0.2 s at 10,000 agencies: not before the first search needs it
            self._agencies = AgencyIndex(self._agency_names)
        return self._agencies

    def pinyin_keys(self) -> dict[str, str]:
        """The keyword index's words by their pinyin (qa.pinyin), built on the first query typed in pinyin."""
        if self._pinyin_keys is None:
            from qa.pinyin import word_keys

            self._pinyin_keys = word_keys(self.keyword.vocab, self.keyword.idf)
        return self._pinyin_keys

    def held(self, word: str) -> float | None:
        """How widely the keyword index holds a word: its idf (smaller, more passages); None for no index word."""
        tid = self.keyword.vocab.get(word)
        return None if tid is None else float(self.keyword.idf[tid])

    # ------------------------------------------------------------ search
    def resolve_agency(self, query: str) -> AgencyMatch | None:
        # a place in Latin letters (Hegang, Hongze) is known lower-cased, as questions read it
        return self.agencies.find(query) or (self.agencies.find(query.lower()) if re.search(r"[A-Z]", query) else None)

    def nicknamed_agency(self, query: str) -> tuple[AgencyMatch, str, str, str] | None:
        """The one agency a query names by its place's well-known other name (泉城城管 → 济南城管, 岚岛 → 平潭:
        qa.nicknames): its match, the query with the place's own name, the nickname and the place; None when
        none or several."""
        from qa.nicknames import read_nicknames

        read, nicks = read_nicknames(query, self.agencies.finder.alias_map)
        found = self.resolve_agency(read) if nicks else None
        if found is None or found.ambiguous:
            return None
        nick, place = next(((n, p) for n, p in nicks if p in found.mention), nicks[0])
        return found, read, nick, place

    def misspelt_agency(self, query: str) -> tuple[AgencyMatch, str] | None:
        """The one agency a query names with one character wrong (鹤港城管, 依川, 沙和: qa.agencies'
        fuzzy_spans, as questions read them), and the name it was read as; None when none or several."""
        from qa.agencies import SHORT_FORMS

        text = re.sub(r"\s+", "", query)
        for long, s in SHORT_FORMS:
            text = text.replace(long, s)
        spans = [s for s in self.agencies.finder.fuzzy_spans(text) if len(s.agencies) == 1]
        if not spans:
            return None
        best = max(spans, key=lambda sp: len(sp.mention))
        return AgencyMatch(best.agencies, best.mention), best.meant or best.agencies[0]

    def search(self, query: str, k: int = 5, agency: str | None = None, year: int | None = None,
               part: str | None = None, kind: str | None = None, mode: str = "hybrid") -> SearchResult:
        from index.fusion import fuse
        from index.hanzi import to_simplified
        from qa.pinyin import read_homophones, read_pinyin
        from qa.prose import in_report_words, not_asked_parts, users_terms
        from qa.retrieval_words import as_reports_negate, ring_words

        note, asked = None, query
        query = to_simplified(query)  # 關停了幾個政務新媒體: the index's words are the reports', in simplified characters
        found = self.resolve_agency(query)
        nicknamed = self.nicknamed_agency(query) if found is None and agency is None else None
        if nicknamed:
            found, query_read, nick, place = nicknamed
        misspelt = self.misspelt_agency(query) if found is None and agency is None else None
        if misspelt:
            found = misspelt[0]
        if agency is None:
            if nicknamed:
                agency = found.agencies[0]
                note = f"问题中的「{nick}」按「{place}」理解，按 {agency} 过滤"
                query = query_read  # the mention cut below is the place's own name
            elif misspelt:
                agency = found.agencies[0]
                note = f"问题中的「{found.mention}」按「{misspelt[1]}」理解，按 {agency} 过滤"
            elif found and not found.ambiguous:
                agency = found.agencies[0]
                note = f"问题中的「{found.mention}」按 {agency} 过滤"
            elif found:
                note = f"「{found.mention}」可指 {'、'.join(found.agencies)}，未按单位过滤"
        if year is None:
            year = self.year_named(query, agency)
        # Once the agency the question names is a filter, its name says nothing more about which passage
        # answers: searched for, it would favour whatever passage repeats 济南 / 城管局 (a title, a web
        # address) over the one about the question's topic.
        text = query
        if found and not found.ambiguous and found.agencies[0] == agency:
            text = without_mention(query, found.mention)
        text = without_asker_talk(without_official_frame(years(text)))
        text, _ = read_pinyin(text, self.pinyin_keys)  # xinxi chulifei → 信息 处理费
        text, _ = read_homophones(text, self.held, lambda w: bool(users_terms(w)[1] or ring_words(w)))  # 驾使舱 → 驾驶舱
        plain, text = text, as_reports_negate(in_report_words(text))  # the kind of question read off the words as asked
        ring = ring_words(plain)  # 一网通办 → 全程网办 网上办 …: the reports' other words for the thing named
        # the reports' words for the user's, and their other words for the thing the user named
        translated = [w for words in users_terms(plain)[1] for w in words] + ring
        said, text = text, f"{text} {' '.join(ring)}" if ring else text
        names = self._names_of.get(agency, [agency]) if agency else None
        filters = Filters(agency=names[0] if names and len(names) == 1 else names, year=year, part=part, kind=kind)
        rankings: dict[str, list[tuple[int, float]]] = {}
        weights = {"keyword": 1.0, "dense": self.dense_weight * (TRANSLATED_DENSE if translated else 1.0)}
        if mode in ("keyword", "hybrid"):
            rankings["keyword"] = self.keyword.search(text, FETCH, filters)
        if mode == "dense" or (mode == "hybrid" and self.dense_weight > 0 and self.has_dense()):
            if not self.has_dense():
                raise ReportError(str(self.index), "this index has no vectors: build it with `qa build --embed`")
            dense = self._dense_index()
            # the reports' words for what the question asks (text), as a second phrasing: index.dense.query_vector
            rankings["dense"] = dense.search(f"{plain} {' '.join(translated)}" if translated else [plain, text],
                                             FETCH, filters)
            if mode == "dense":
                weights = {"dense": 1.0}
        fused = fuse(rankings, weights)[:FETCH]
        passages = self.passages([i for i, _ in fused])
        fused = self.spread(fused, passages, query, kind)
        fused = self.stated(fused, passages, text, query)
        fused = self.quoted(fused, passages, query)
        fused = self.verbatim(fused, passages, plain, said, ring)
        fused = self.quoting(fused, passages, query)
        skip = not_asked_parts(query) - {part}
        if skip:  # what the question asks for is not in these parts: they come after the others
            fused = sorted(fused, key=lambda h: passages[h[0]].part in skip)
        if self.hidden_docs:
            fused = [(i, s) for i, s in fused if passages[i].doc not in self.hidden_docs]
        fused = fused[:k]
        hits = [Hit(passage=passages[i], score=s, rank=r,
                    via=[name for name, ranking in rankings.items() if any(j == i for j, _ in ranking)])
                for r, (i, s) in enumerate(fused, 1)]
        return SearchResult(query=asked, hits=hits, filters=filters.model_dump(exclude_none=True), agency_note=note,
                            mode=mode)

    def spread(self, fused: list[tuple[int, float]], head: dict[int, Passage], query: str,
               kind: str | None) -> list[tuple[int, float]]:
        """Rows of one table spread out among the other hits (index/fusion.spread_tables), unless the search
        is of one kind only. A question that asks for a number may mean any row: there only the rows that
        repeat another's values give way (twenty rows of zeros, all at one score for a question that shares
        their header, would bury the sentence that states the count)."""
        from index.fusion import spread_tables
        from index.passages import row_values
        from qa.prose import asks_number

        if kind is not None:
            return fused
        number = asks_number(query)
        return spread_tables(fused, {i: (p.doc, p.part, row_values(p.text) if number else None)
                                     for i, p in head.items() if p.kind == "row"}, TABLE_DECAY)

    def stated(self, fused: list[tuple[int, float]], head: dict[int, Passage], text: str,
               query: str) -> list[tuple[int, float]]:
        """For a question that asks for a number, the prose passages that state a count in a clause with one
        of its words (qa/prose.states_count) rise by STATED_BOOST; the sort is stable."""
        from index.keyword import word_groups
        from qa.prose import asks_number, states_count

        if not asks_number(query):
            return fused
        terms = [max(g, key=len) for g in word_groups(text)]  # whole words: 行政处罚, not 行政 of every 行政机关
        out = [(i, s * (1 + STATED_BOOST) if i in head and head[i].kind == "prose" and states_count(head[i].text, terms)
                else s) for i, s in fused]
        return sorted(out, key=lambda kv: -kv[1])

    def quoted(self, fused: list[tuple[int, float]], head: dict[int, Passage], query: str) -> list[tuple[int, float]]:
        """The passages stating a count the query quotes (qa.retrieval_words.quoted_counts) rise by QUOTED_BOOST;
        the sort is stable."""
        from qa.retrieval_words import quoted_counts, states_any

        numbers = quoted_counts(query)
        if not numbers:
            return fused
        out = [(i, s * (1 + QUOTED_BOOST) if i in head and states_any(head[i].text, numbers) else s) for i, s in fused]
        return sorted(out, key=lambda kv: -kv[1])

    def quoting(self, fused: list[tuple[int, float]], head: dict[int, Passage], query: str) -> list[tuple[int, float]]:
        """The passages that say more of the terms the query quotes (qa.retrieval_words.quoted_terms) come first,
        in their fused order: a quoted term is the report's own name for what is asked, which the model, reading
        the whole pasted sentence, weighs no more than its other words."""
        from qa.retrieval_words import quoted_terms

        terms = quoted_terms(query)
        if not terms:
            return fused

        def said(i: int) -> int:
            squashed = re.sub(r"\s+", "", head[i].text) if i in head else ""
            return sum(t in squashed for t in terms)

        return sorted(fused, key=lambda kv: -said(kv[0]))

    def verbatim(self, fused: list[tuple[int, float]], head: dict[int, Passage], plain: str,
                 text: str, ring: list[str]) -> list[tuple[int, float]]:
        """A query that is one short term once the agency and year are read off it (蜜罐, 跟班学习, 办结率), or a
        few such terms typed apart as into a search box (政务公开 队伍建设): the passages that say each as
        written, or as another word of its ring (巡检 / 巡查: qa.retrieval_words), come first, in their fused
        order. Such a query names a thing in the reports' own words, which keyword search finds, while the
        model, given a few characters, ranks passages that only talk around it as high and outvotes it in the
        fusion. Not for a kind of question said in one word (问题, 整改, 亮点), which the reports say in other
        words (text != plain)."""
        from qa.retrieval_words import ring_words

        terms = re.sub(r"[\d年度]+", " ", plain).split()
        if text != plain or not 0 < len(terms) <= VERBATIM_TERMS \
                or not all(re.fullmatch(r"[\u3400-\u9fff]{2,12}", t) for t in terms):
            return fused
        rings = [ring_words(t) if ring else [] for t in terms]

        def says(i: int) -> int:
            """0: says every term as written; 1: each as written or as another word of its ring; 2: not."""
            squashed = re.sub(r"\s+", "", head[i].text) if i in head else ""
            if all(t in squashed for t in terms):
                return 0
            return 1 if all(t in squashed or any(w in squashed for w in r) for t, r in zip(terms, rings)) else 2

        return sorted(fused, key=lambda kv: says(kv[0]))

    def year_named(self, query: str, agency: str | None) -> int | None:
        """The one report year a query names (平潭2021年…, 二〇二一年, 21年, or bare as in 平潭 2021 第三方监测 and
        in 2021), when the index has that year's report (of the agency, when one is named): a filter like the
        agency, since each year's report says much the same."""
        named = {int(y) for y in RE_YEAR_NAMED.findall(years(query))}
        if len(named) != 1:
            return None
        year = named.pop()
        has = self.table.has(agency, year) if agency else year in self.years
        return year if has else None

    def passages(self, indices: list[int]) -> dict[int, Passage]:
        if not indices:
            return {}
        rows = self.db.execute(
            "select pidx, id, doc, agency, year, part, kind, text, line_start, line_end, fact_keys "
            "from passages where pidx in (select unnest(?))", [indices]).fetchall()
        return {r[0]: Passage(id=r[1], doc=r[2], agency=r[3], year=r[4], part=r[5], kind=r[6], text=r[7],
                              line_start=r[8], line_end=r[9], fact_keys=list(r[10] or [])) for r in rows}

    def passages_saying(self, phrases: list[str], year: int | None = None, part: str | None = None,
                        kind: str = "prose", reports: int | None = None, agency: str | None = None) -> list[Passage]:
        """Each report's first live passage whose text holds every phrase whole, spaces aside (哪些单位提到了
        信息发布), in corpus order, at most `reports` of them: read off the passages table, not the search's
        candidates, so that a report whose mention ranks low is not left out. Files another file of the same
        report stands for (hidden_docs) are left out. The LIKE with a % between characters is a cheap first
        cut (1.2–1.6 s over 100,000 reports' 849,185 passages, against 4–12 s for the space-free test alone)."""
        if not phrases:
            return []
        where, args = ["kind = ?"], [kind]
        for ph in phrases:
            where.append("text like ? and contains(regexp_replace(text, '\\s+', '', 'g'), ?)")
            args += ["%" + "%".join(ph) + "%", ph]
        if year is not None:
            where.append("year = ?")
            args.append(year)
        if part is not None:
            where.append("part = ?")
            args.append(part)
        if agency is not None:  # the name answers use: each name its files give (search's filter does the same)
            names = self._names_of.get(agency, [agency])
            where.append(f"agency in ({', '.join('?' * len(names))})")
            args += names
        limit = f" limit {int(reports) + len(self.hidden_docs)}" if reports is not None else ""
        found = [i for (i,) in self.db.execute(
            f"select min(pidx) from passages where {' and '.join(where)} group by doc order by 1{limit}", args).fetchall()]
        by_pidx = self.passages(found)
        return [by_pidx[i] for i in found if i in by_pidx and by_pidx[i].doc not in self.hidden_docs][:reports]

    def close(self) -> None:
        self.db.close()


def without_mention(query: str, mention: str) -> str:
    """The query with the agency mention cut out (济南市城管局行政处罚 → 行政处罚), matched across stray
    spaces and in the short form AgencyIndex.find matched it in; the query itself when nothing else is left."""
    import re

    from qa.agencies import SHORT_FORMS

    pattern = r"\s*".join(map(re.escape, mention))
    out, n = re.subn(pattern, " ", query, count=1, flags=re.IGNORECASE)  # Hegang read as hegang
    if not n:
        short = query
        for long, s in SHORT_FORMS:
            short = short.replace(long, s)
        out, n = re.subn(pattern, " ", short, count=1)
    return out if n and re.search(r"[0-9A-Za-z\u3400-\u9fff]", out) else query


def result_json(result: SearchResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)
