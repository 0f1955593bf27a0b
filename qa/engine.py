"""The question-answering engine: a question in Chinese in, an exact, cited Answer out, with no language
model. Open once per process (QA(index)), then ask(question, conversation) → (Answer, Conversation).

The engine reads the question (qa.understand, qa.context), settles the plan (qa.operations.settle) and runs
the one operation the table of operations (qa.operations) names for it; what it keeps itself is what comes
before any operation: names it cannot resolve or that are ambiguous, questions beyond these reports, a money
question the template cannot answer, and several measures asked at once. Fact questions are answered from
the facts of every report, never from the few passages retrieval returns; prose questions from retrieval. No user text is
ever put into SQL: the only SQL is qa.facts', with `?` parameters.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

from qa.answer import Alternative, Answer, AnswerTable, Citation, Derived, Reading
from qa.cite import Citer
from qa.context import Conversation, resolve
from qa.facts import FactStore
from qa.lexicon import Measure, items, measure
from qa.op_prose import answer_prose
from qa.opinion import no_opinion, opinion_asked
from qa.untracked import untracked_answer
from qa.operations import OPERATIONS, settle
from qa import several
from qa.ops import ONE_MEASURE_NOTE, Ctx, SettledPlan, freeze, of_winner, thaw
from qa.phrasing import (EXAMPLES, column_phrase, compose, copies_said, names_said, reading, unresolved_words,
                         years_read)
from qa.prose import Prose
from qa.retrieve import Retriever
from qa.understand import MAX_CHARS, RE_EACH, Plan, Reader

log = logging.getLogger("qa.engine")


class QA:
    def __init__(self, index: Path, model: str | None = None, previous: QA | None = None):
        """previous: an engine over an older generation of the same index (see reopen)."""
        from index.memory import paused_gc

        with paused_gc(keep=True):  # (the reports, the agency finder: hundreds of thousands of objects at 100,000 reports)
            self.retriever = Retriever(Path(index), model=model, previous=previous and previous.retriever)
            self.store = FactStore(self.retriever.db, self.retriever.gen,  # reads per key on first need
                                   previous=previous and previous.store)
            self.retriever.hidden_docs = self.store.copies.other_docs(self.store.reports)
            self.reader = Reader(self.store.agency_names, self.store.has_key, self.store.years)
        self.ctx = Ctx(self.store, Citer(self.store), Prose(self.retriever, self.store.lines))
        self._lock = threading.Lock()  # one DuckDB connection: one question at a time
        self.retriever.keyword.query_terms("预热")  # jieba loads its dictionary now, not on the first question

    def close(self) -> None:
        self.retriever.close()

    def reopen(self) -> QA:
        """An engine over the index's generation in use now (after an add: index/grow.py), keeping this one's
        agency index when the agencies are the same. Opening reads no facts (qa.facts reads per key), so the
        first answer after an add costs what any first answer does. Answers equal a fresh QA's. This engine
        stays usable."""
        return QA(self.retriever.index, model=self.retriever._model, previous=self)

    # ------------------------------------------------------------ the one entry point
    def ask(self, question: str, context: Conversation | None = None) -> tuple[Answer, Conversation]:
        if pieces := several.parts(self.reader, question or ""):  # 收到多少申请？有没有被复议？: each, in turn
            answers = []
            for piece in pieces:
                answer, context = self.ask(piece, context)
                answers.append(answer)
            return several.joined(question, answers), context
        conversation = context or Conversation()
        with self._lock:
            try:
                plan = resolve(self.reader.read(question or ""), conversation, self.reader)
                answer = self._refusal(plan)
                if answer is None:
                    plan = settle(plan, self.ctx)  # frozen from here on: the plan as it runs
                    answer = self._run(plan)
                    if answer.status == "out_of_scope" and plan.followup and plan.operation == "prose":
                        plan, answer = self._not_carried(question or "", plan, answer)
            except Exception as err:  # noqa: BLE001 - a question must never crash the chat; say what happened
                log.exception("question failed: %r", question)
                plan = Plan(question=(question or "")[:200], operation="invalid")
                answer = Answer(question=plan.question, status="invalid",
                                text=f"抱歉，这个问题没能处理（{type(err).__name__}）。请换一种问法。",
                                reading=Reading(operation="invalid", summary="处理出错"))
        if answer.status == "answered":  # 2021年洪泽和平潭谁多, 洪泽 has 2023 only: said, never dropped
            answer.text = self._missing_reports(plan, answer) + answer.text
        said = years_read(plan)
        if said and said.strip("（）").split("；")[0] not in answer.text:  # 去年 / 近三年: how they were read, always
            answer.text += said
        copies = self.store.copies.of(self.store.by_doc[c.doc].rid for c in answer.citations
                                      if c.doc in self.store.by_doc)
        if copies:  # a report brought as two files was counted once: say which file stood for it
            answer.text += copies_said(copies, self.store.reports)
        renamed = [r for r in dict.fromkeys(self.store.by_doc[c.doc] for c in answer.citations
                                            if c.doc in self.store.by_doc) if r.stated]
        if renamed:  # a file that names its agency with fewer places stated is counted as that agency
            answer.text += names_said(renamed)
        if plan.notes:
            answer.text = "（" + "；".join(plan.notes) + "）" + answer.text
            if len((question or "").strip()) > MAX_CHARS:
                answer.derived.append(Derived(value=str(MAX_CHARS), how="问题长度上限（字）"))
        answer.citations = _dedupe(answer.citations)
        agencies, years = _focus(answer, plan)
        return answer, conversation.add(question or "", thaw(plan), agencies, years, _part_found(answer))

    def _not_carried(self, question: str, plan, answer: Answer):
        """告诉我天气 after a question about 鹤岗: a question in words the report carried over does not answer is
        asked again over every report; found nowhere, it is refused as beyond all of them (not as beyond the one
        report it was never about). Found elsewhere, the carried answer stands (那新闻发布会呢: 鹤岗 says nothing)."""
        own = self.reader.read(question)
        if own.agencies or own.operation not in ("prose", "out_of_scope"):
            return plan, answer
        own = settle(own, self.ctx)
        wide = self._run(own)
        return (own, wide) if wide.status in ("out_of_scope", "not_found") else (plan, answer)

    def _missing_reports(self, plan: Plan, answer: Answer) -> str:
        """Named agencies with no report in the years asked that the answer leaves out: the words saying so
        (with each one's own years), or ''."""
        if len(plan.agencies) < 2 or not plan.years:
            return ""
        cited = {c.agency for c in answer.citations if c.agency}
        parts = []
        for agency in plan.agencies:
            own = sorted({r.year for r in self.store.reports if r.agency == agency})
            if own and not set(own) & set(plan.years) and agency not in cited:
                parts.append(f"{agency}{'、'.join(f'{y}年' for y in plan.years)}的报告（{agency}的现有年份："
                             f"{'、'.join(f'{y}年' for y in own)}）")
        if not parts:
            return ""
        rest = "无法比较，" if plan.operation == "compare" else ""
        return f"索引中没有{'；'.join(parts)}，{rest}以下只含其余单位的报告。"

    def every_row(self, answer: Answer) -> Answer:
        """The answer with every row of its table quoted, for a page or file that shows the whole table (an
        answer quotes only its first rows: qa.cite.QUOTED)."""
        with self._lock:
            return self.ctx.citer.every_row(answer)

    # ------------------------------------------------------------ dispatch
    def _refusal(self, plan: Plan) -> Answer | None:
        """The answer before any operation runs: an unreadable question, a name not found or ambiguous, a scope
        beyond these reports; None when the plan goes on to be settled and run."""
        op = plan.operation
        if op == "invalid":
            return Answer(question=plan.question, status="invalid",
                          text="请用中文提一个关于政府信息公开工作年度报告的问题，例如：" + "；".join(EXAMPLES) + "。",
                          reading=Reading(operation="invalid", summary="无法读取的问题"),
                          alternatives=[Alternative(label=q, question=q) for q in EXAMPLES])
        if plan.unknown_agency and not plan.agencies:
            return self._unknown_agency(plan)
        if plan.unresolved and op not in ("corpus",):
            return self._unresolved(plan)
        if plan.candidates and not plan.agencies and op not in ("corpus", "findings"):
            return self._ambiguous(plan)
        if plan.beyond:
            return self._beyond(plan)
        if plan.period:
            return Answer(question=plan.question, status="out_of_scope",
                          text=f"问的是「{plan.period}」：年度报告的表格只统计全年的数字，不按月份或季度分开，没有这一时段的"
                               "数字，无法回答。可以问全年的数字。",
                          alternatives=[Alternative(label="看全年", question=plan.question.replace(plan.period, ""))],
                          reading=Reading(operation=plan.operation, summary=f"问的是年内时段（{plan.period}），报告只有全年数字"))
        if plan.untracked:
            return untracked_answer(plan.question, plan.untracked, plan.operation)
        if words := opinion_asked(plan.text, plan.item is not None):
            return no_opinion(plan.question, words, plan.agencies)
        if plan.forecast:
            return Answer(question=plan.question, status="out_of_scope",
                          text=f"问的是「{plan.forecast}」：这些报告只记已经过去的年度，不做预测，无法回答。"
                               "可以问已有年份的数字或历年变化。",
                          reading=Reading(operation=plan.operation, summary=f"问的是预测（{plan.forecast}），超出这些报告"))
        return None

    def _run(self, plan: SettledPlan) -> Answer:
        """The settled plan's operation, from the table of operations."""
        operation = OPERATIONS.get(plan.operation) or OPERATIONS["prose"]
        if not operation.needs_measure:
            return operation.run(self, plan, None)
        if plan.item is None:
            return self._column_only(plan)
        m = plan.measure()
        if m is None:
            return answer_prose(self, plan)
        if plan.money:
            return self._no_money(plan, m)
        if plan.operation == "share" and len(plan.share_items) >= 2 and RE_EACH.search(plan.text):
            return self._each_measure(plan, operation)  # 予以公开和部分公开的比例各是多少: each share, not their sum's
        if plan.extra_items and (plan.operation in ("change", "compare") or plan.operation == "rank" and not plan.of_nth):
            # 行政复议和行政诉讼各是多少; 列出各单位的行政许可和行政处罚: each measure's ranking, none dropped
            return self._each_measure(plan, operation)
        if of_winner(plan):
            return self._of_winner(plan, operation)
        return operation.run(self, plan, m)

    def _of_winner(self, plan: Plan, operation) -> Answer:
        """行政许可最多的那年，行政处罚是多少: the ranking of the first measure, then the second measure of the
        winner's report (its agency and year), both answers joined with their sources."""
        ranked = thaw(plan)
        ranked.extra_items = []
        first = operation.run(self, freeze(ranked), ranked.measure())
        agencies, years = _focus(first, ranked)
        if first.status != "answered" or not agencies:
            return first
        then = thaw(plan)
        then.item, then.extra_items, then.operation, then.op_explicit = plan.extra_items[0], [], "value", True
        then.agencies, then.years, then.all_years, then.column_explicit = agencies[:1], years[:1], False, False
        then.defaults = []
        self.reader.default_column(then)
        m = then.measure()
        if m is None:
            return first
        second = OPERATIONS["value"].run(self, freeze(then), m)
        which = f"排{'倒数' if plan.order == 'asc' else ''}第{plan.nth}名" if plan.operation == "nth" else \
            "最多" if plan.operation == "max" else "最少"
        first.text += f"{which}的这份报告：" + second.text
        first.citations += second.citations
        first.derived += second.derived
        return first

    def _each_measure(self, plan: Plan, operation) -> Answer:
        """One operation over several measures named together: one answer per measure, joined."""
        answers = []
        shares = plan.operation == "share" and len(plan.share_items) >= 2
        for item in plan.share_items if shares else [plan.item, *plan.extra_items]:
            sub = thaw(plan)
            sub.item, sub.extra_items = item, []
            if shares:
                sub.share_items = [item]
            sub.defaults = [d for d in sub.defaults if not d.startswith(ONE_MEASURE_NOTE)]
            if not (plan.column_explicit and measure(item, plan.column or "")):
                self.reader.default_column(sub)
            m = sub.measure()
            if m is not None:
                answers.append(operation.run(self, freeze(sub), m))
        first = answers[0]
        if len(answers) > 1:
            first.text = "".join(a.text for a in answers)
            first.citations = [c for a in answers for c in a.citations]
            first.derived = [d for a in answers for d in a.derived]
            if all(a.table for a in answers):  # one table: each row says its measure, values in one column
                cols = ["项目", *[c if i != 2 + int(answers[0].table.columns[0] == "名次") or c == "分子" else "数值"
                                  for i, c in enumerate(answers[0].table.columns)]]
                rows = [[a.reading.measure_label or "", *r] for a in answers for r in a.table.rows]
                first.table = AnswerTable(columns=cols, rows=rows)
                first.chart = None
            first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
            first.reading.summary = "；".join(a.reading.summary for a in answers)
        return first

    def _no_money(self, plan: Plan, m: Measure) -> Answer:
        """罚了多少钱: the template counts 行政处罚 but never prices it. Say so; never give the count as money."""
        item = items()[m.item]
        cols = "、".join(item.column_labels[c] for c in item.columns)
        text = (f"报告的表格中没有「{item.label}」的金额：模板对这一项只统计{cols}（{m.unit}），未提供罚没或其他金额，"
                f"无法回答金额。")
        return Answer(question=plan.question, status="absent", text=text,
                      alternatives=[Alternative(label=f"看「{m.label}」",
                                                question=compose("value", m, plan.agencies[0] if plan.agencies
                                                                 else "", years=plan.years))],
                      reading=reading(plan, m, f"「{item.label}」的金额：模板中没有这一栏"))

    def _ambiguous(self, plan: Plan) -> Answer:
        mention = plan.ambiguous_mention or ""
        cands = plan.candidates
        alts = [Alternative(label=a, question=self._suggest(plan, a)) for a in cands[:8]]
        text = f"「{mention}」可指{len(cands)}个单位：{'、'.join(cands[:8])}{'等' if len(cands) > 8 else ''}。请指明是哪一个。"
        return Answer(question=plan.question, text=text, status="ambiguous", alternatives=alts,
                      derived=[Derived(value=str(len(cands)), how=f"「{mention}」可指的单位数")],
                      reading=Reading(operation=plan.operation, agencies=cands, defaults=plan.defaults,
                                      measure=plan.measure().id if plan.measure() else None,
                                      summary=f"「{mention}」对应多个单位，未作猜测"))

    def _unresolved(self, plan: Plan) -> Answer:
        """A name beside a found one that matches no agency: said with the nearest candidates, never dropped."""
        words = plan.unresolved
        others = [a for a in self.store.agency_names if a not in plan.agencies]
        near = {w: self.reader.finder.nearest(w, 3) for w in words}
        parts = [f"「{w}」" + (f"（最接近的：{'、'.join(near[w])}）" if near[w] else "") for w in words]
        near = {w: c or others[:3] for w, c in near.items()}  # suggestions: the nearest, or other agencies
        alts = [Alternative(label=c, question=self._suggest(plan, c)) for w in words for c in near[w][:3]]
        found = self._found_part(plan)
        text = unresolved_words(parts, plan.agencies, found.text if found else None)
        return Answer(question=plan.question, text=text, status="not_found", alternatives=alts,
                      citations=found.citations if found else [], derived=found.derived if found else [],
                      table=found.table if found else None,
                      reading=Reading(operation=plan.operation, agencies=plan.agencies, years=plan.years,
                                      defaults=found.reading.defaults if found else [],
                                      filters=found.reading.filters if found else [],
                                      summary=f"单位「{'、'.join(words)}」不在索引中"))

    def _found_part(self, plan: Plan) -> Answer | None:
        """平潭和厦门哪个多, 厦门 not in the index: the same question over the agencies found, answered beside the
        name that was not (a comparison or total over the found ones only, said so); None when nothing is."""
        if not plan.agencies or plan.measure() is None or plan.money:
            return None
        sub = plan.model_copy(deep=True)
        sub.unresolved = []
        if sub.operation == "compare" and len(sub.agencies) == 1:
            sub.operation = "value"
        answer = self._run(settle(sub, self.ctx))
        return answer if answer.status == "answered" else None

    def _suggest(self, plan: Plan, agency: str) -> str:
        """The question again with another agency, composed from the reading (never by replacing words in the
        question's text): a question the engine answers."""
        m = plan.measure()
        years = [y for y in plan.years[:1] if any(r.agency == agency and r.year == y for r in self.store.reports)]
        if m is not None:
            return compose("value", m, agency, years=years)
        rest = re.sub("＿+", "", plan.prose_text or "").strip() or "存在哪些问题"
        when = "" if re.search(r"(?:19|20)\d\d", rest) else "".join(f"{y}年" for y in years)
        return f"{agency}{when}{rest}"

    def _unknown_agency(self, plan: Plan) -> Answer:
        names = self.store.agency_names
        text = (f"索引中没有「{plan.unknown_agency}」的报告。现有{len(names)}个单位：" + "、".join(names[:10]) +
                ("等。" if len(names) > 10 else "。"))
        near = self.reader.finder.nearest(plan.unknown_agency, 5) or names[:5]
        alts = [Alternative(label=a, question=self._suggest(plan, a)) for a in near]
        return Answer(question=plan.question, text=text, status="not_found", alternatives=alts,
                      derived=[Derived(value=str(len(names)), how="索引中的单位数")],
                      reading=Reading(operation=plan.operation, summary=f"单位「{plan.unknown_agency}」不在索引中"))

    def _beyond(self, plan: Plan) -> Answer:
        """全国政府信息公开申请总数: these reports are a few agencies' own, never a national total."""
        m = plan.measure()
        n = len(self.store.agency_names)
        alt = plan.text.replace(plan.beyond, "各单位", 1)
        return Answer(question=plan.question, status="out_of_scope",
                      text=f"这些报告只是{n}个单位各自的年度报告，没有「{plan.beyond}」的数字，无法回答。"
                           f"可以改问这{n}个单位的情况。",
                      derived=[Derived(value=str(n), how="索引中的单位数")],
                      alternatives=[Alternative(label="这些单位合计", question=alt)],
                      reading=Reading(operation=plan.operation, measure=m.id if m else None,
                                      measure_label=m.label if m else None, summary=f"问的是{plan.beyond}范围，超出这些报告"))

    def _column_only(self, plan: Plan) -> Answer:
        """处理决定数量最多: a column several items have. Offer each item; no guess."""
        alts = []
        for target in plan.column_words:
            table, col = target.split(":")
            for item in items().values():
                if item.table == table and col in item.columns and not item.is_group and (m := measure(item.id, col)):
                    if any(self.store.has_key(k) for k in m.all_keys):
                        word = item.words[0] if item.words else item.label  # (a group may have no words of its own)
                        alts.append(Alternative(label=m.label, question=f"哪个单位{word}{column_phrase(m)}最多"))
        if not alts:
            return answer_prose(self, plan)
        return Answer(question=plan.question, status="ambiguous", alternatives=alts[:6],
                      text="这一栏在好几个项目下都有，请指明是哪一项：" + "、".join(a.label for a in alts[:6]) + "。",
                      reading=Reading(operation=plan.operation, summary="只说了列，没说项目", defaults=plan.defaults))

    # ------------------------------------------------------------ text


def _focus(answer: Answer, plan: Plan) -> tuple[list[str], list[int]]:
    """What a follow-up's 它 / 它们 / 第一名 refers to: the answer's winner (its agency and year), the reports
    a corpus answer listed, or the agencies and years named."""
    t = answer.table
    if t and t.columns[:2] == ["名次", "单位"] and plan.operation not in ("compare",) and not (
            plan.agencies and not plan.all_years):
        place = plan.nth if plan.operation == "nth" and plan.nth else 1  # 第二呢 → 它的…: the second one
        top = [row for row in t.rows if row[0] == place][:1]
        return [r[1] for r in top], [r[2] for r in top if isinstance(r[2], int)]
    if plan.agencies:  # no year named: the one year the answer cited (伊川 has 2020 only) is the conversation's
        cited = {c.year for c in answer.citations if c.kind == "fact" and c.year}
        return list(plan.agencies), list(plan.years) or (sorted(cited) if len(cited) == 1 else [])
    if t and plan.operation == "corpus" and t.columns[:2] == ["单位", "年份"] and len(t.rows) <= 20:
        return list(dict.fromkeys(r[0] for r in t.rows)), sorted({r[1] for r in t.rows if isinstance(r[1], int)})
    return [], list(plan.years)


def _part_found(answer: Answer) -> str | None:
    """The item of the part a breakdown found first (哪种办理结果最多 → 无法提供 · 本机关不掌握…), or None."""
    t = answer.table
    if answer.reading.operation != "breakdown" or not t or t.columns[:2] != ["名次", "小项"] or not t.rows:
        return None
    if len(t.rows) > 1 and t.rows[1][-1] == t.rows[0][-1]:  # tied first (the table numbers ties apart): no one 它
        return None
    label = str(t.rows[0][1])
    return next((i for i in items() if (m := measure(i, "total")) is not None
                 and m.label in (label, f"{label} · 总计")), None)


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        k = (c.doc, c.line_start, c.line_end, c.key, c.kind, c.quote if c.kind != "fact" else "")
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out

