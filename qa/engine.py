"""The question-answering engine: a question in Chinese in, an exact, cited Answer out, with no language
model. Open once per process (QA(index)), then ask(question, conversation) → (Answer, Conversation).

Fact questions are answered from the facts of every report (qa.facts, qa.ops), never from the few
passages retrieval returns; prose questions from retrieval (qa.prose); mixed ones use both. No user text is
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
from qa import arith
from qa.op_share import text_share
from qa.operations import OPERATIONS, settle
from qa.op_check import asked_numbers, measure_values, stated_percentages, stated_total
from qa.ops import Ctx, answer_aggregate, answer_findings, column_phrase, compose, reading
from qa.output import format_value
from qa.cite import passage as passage_citation, sentence as sentence_citations
from qa.prose import Prose, coverage_ok, part_title, sentence_text
from qa.retrieve import Retriever
from qa.understand import MAX_CHARS, RE_SHARE, Plan, Reader

log = logging.getLogger("qa.engine")
RE_COUNT_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和|有多少|是多少|多少|条数|件数|数量|个数")
RE_TOTAL_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和")
RE_PERCENT_WORDS = re.compile(r"百分比|百分之|%|占比|比例")
RE_QUANTITY = re.compile(r"多少|几")
RE_LISTING = re.compile(r"哪些|什么|哪几|有何")
LIST_CHARS = 320  # how far a list question's quote runs on in the passage
LIST_SENTENCES = 3  # a 哪些 question about one report: its three best sentences (problems come in lists)
_NUMBER = re.compile(r"\d")
FUNCTION_WORDS = frozenset({"但是", "可是", "因为", "所以", "如果", "这个", "那个", "什么", "怎么", "为什么", "我们", "你们",
                            "他们", "一个", "没有", "可以", "还是", "或者", "而且", "以及", "然后", "就是", "还有"})
EXAMPLES = ["哪个单位行政处罚最多", "济南市城管局收到多少政府信息公开申请", "鹤岗城管存在哪些主要问题",
            "哪些单位的数据有勾稽问题"]


class QA:
    def __init__(self, index: Path, model: str | None = None):
        self.retriever = Retriever(Path(index), model=model)
        self.store = FactStore(self.retriever.db)
        self.reader = Reader(self.store.agency_names, self.store.has_key, self.store.years)
        self.ctx = Ctx(self.store, Citer(self.store), Prose(self.retriever, self.store.lines))
        self._lock = threading.Lock()  # one DuckDB connection: one question at a time
        self.retriever.keyword.query_terms("预热")  # jieba loads its dictionary now, not on the first question

    def close(self) -> None:
        self.retriever.close()

    # ------------------------------------------------------------ the one entry point
    def ask(self, question: str, context: Conversation | None = None) -> tuple[Answer, Conversation]:
        conversation = context or Conversation()
        with self._lock:
            try:
                plan = resolve(self.reader.read(question or ""), conversation, self.reader)
                answer = self._answer(plan)
            except Exception as err:  # noqa: BLE001 - a question must never crash the chat; say what happened
                log.exception("question failed: %r", question)
                plan = Plan(question=(question or "")[:200], operation="invalid")
                answer = Answer(question=plan.question, status="invalid",
                                text=f"抱歉，这个问题没能处理（{type(err).__name__}）。请换一种问法。",
                                reading=Reading(operation="invalid", summary="处理出错"))
        if plan.notes:
            answer.text = "（" + "；".join(plan.notes) + "）" + answer.text
            if len((question or "").strip()) > MAX_CHARS:
                answer.derived.append(Derived(value=str(MAX_CHARS), how="问题长度上限（字）"))
        answer.citations = _dedupe(answer.citations)
        agencies, years = _focus(answer, plan)
        return answer, conversation.add(question or "", plan, agencies, years)

    def every_row(self, answer: Answer) -> Answer:
        """The answer with every row of its table quoted, for a page or file that shows the whole table (an
        answer quotes only its first rows: qa.cite.QUOTED)."""
        with self._lock:
            return self.ctx.citer.every_row(answer)

    # ------------------------------------------------------------ dispatch
    def _answer(self, plan: Plan) -> Answer:
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
        plan = settle(plan)
        operation = OPERATIONS.get(plan.operation) or OPERATIONS["prose"]
        if not operation.needs_measure:
            return operation.run(self, plan, None)
        if plan.item is None:
            return self._column_only(plan)
        m = plan.measure()
        if m is None:
            return self._prose(plan)
        if plan.money:
            return self._no_money(plan, m)
        if plan.extra_items and plan.operation in ("change", "compare"):
            return self._each_measure(plan, operation)  # 行政复议和行政诉讼各是多少
        return operation.run(self, plan, m)

    def _each_measure(self, plan: Plan, operation) -> Answer:
        """One operation over several measures named together: one answer per measure, joined."""
        answers = []
        for item in [plan.item, *plan.extra_items]:
            sub = plan.model_copy(deep=True)
            sub.item, sub.extra_items = item, []
            if not (plan.column_explicit and measure(item, plan.column or "")):
                self.reader.default_column(sub)
            m = sub.measure()
            if m is not None:
                answers.append(operation.run(self, sub, m))
        first = answers[0]
        if len(answers) > 1:
            first.text = "".join(a.text for a in answers)
            first.citations = [c for a in answers for c in a.citations]
            first.derived = [d for a in answers for d in a.derived]
            if all(a.table for a in answers):  # one table: each row says its measure, values in one column
                cols = ["项目", *[c if i != 2 + int(answers[0].table.columns[0] == "名次") else "数值"
                                  for i, c in enumerate(answers[0].table.columns)]]
                rows = [[a.reading.measure_label or "", *r] for a in answers for r in a.table.rows]
                first.table = AnswerTable(columns=cols, rows=rows)
                first.chart = None
            first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
            first.reading.summary = "；".join(a.reading.summary for a in answers)
        return first

    def _findings(self, plan: Plan) -> Answer:
        """The stored findings of the reports in scope, after the checks the question's own numbers ask for."""
        answer = answer_findings(self.ctx, plan)
        agency = plan.agencies[0] if len(plan.agencies) == 1 else None
        year = plan.years[0] if len(plan.years) == 1 else None
        percent = agency and RE_PERCENT_WORDS.search(plan.text)
        checks = [c for c in (stated_total(self.ctx, plan, agency, year) if agency and asked_numbers(plan) else None,
                              stated_percentages(self.ctx, plan, agency, year) if percent else None,
                              measure_values(self.ctx, plan) if plan.item and not percent else None) if c]
        if checks:
            answer.text = "".join(c.text for c in checks) + "全部核对结果：" + answer.text
            answer.citations = [x for c in checks for x in c.citations] + answer.citations
            answer.derived = [x for c in checks for x in c.derived] + answer.derived
        return answer

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

    def _nth(self, plan: Plan, m: Measure) -> Answer:
        """排第二的是哪份报告: the ranking, and the row at that place named first."""
        ranked_plan = plan.model_copy(deep=True)
        ranked_plan.operation = "rank"
        ranked = answer_aggregate(self.ctx, ranked_plan, m)
        n = plan.nth or 2
        rows = [r for r in (ranked.table.rows if ranked.table else []) if r[0] == n]
        if not rows:
            ranked.text = f"没有排第{n}名的（提供数据的不足{n}个，或前面有并列）。" + ranked.text
            return ranked
        who = "、".join(f"{r[1]}（{r[2]}年）" if r[2] else str(r[1]) for r in rows)
        value = rows[0][3]
        ranked.text = f"排第{n}名的是{who}：{format_value(value)}{m.unit}。" + ranked.text
        ranked.reading.summary = f"按「{m.label}」排序，取第{n}名"
        return ranked

    # ------------------------------------------------------------ names
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
        found = f"（已识别：{'、'.join(plan.agencies)}）" if plan.agencies else ""
        text = (f"问题中的{'、'.join(parts)}在索引中找不到对应的单位{found}。"
                f"为免答非所问，没有忽略它作答；请换用索引中的单位名称。")
        alts = [Alternative(label=c, question=self._suggest(plan, c)) for w in words for c in near[w][:3]]
        return Answer(question=plan.question, text=text, status="not_found", alternatives=alts,
                      reading=Reading(operation=plan.operation, agencies=plan.agencies, years=plan.years,
                                      summary=f"单位「{'、'.join(words)}」不在索引中"))

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
                        alts.append(Alternative(label=m.label, question=f"哪个单位{item.words[0]}{column_phrase(m)}最多"))
        if not alts:
            return self._prose(plan)
        return Answer(question=plan.question, status="ambiguous", alternatives=alts[:6],
                      text="这一栏在好几个项目下都有，请指明是哪一项：" + "、".join(a.label for a in alts[:6]) + "。",
                      reading=Reading(operation=plan.operation, summary="只说了列，没说项目", defaults=plan.defaults))

    # ------------------------------------------------------------ text
    def _text_total(self, plan: Plan) -> Answer | None:
        """平潭和洪泽主动公开的条数加起来: each named agency's number from its text, summed with the arithmetic."""
        query = plan.prose_text or plan.text
        terms = sorted((t for t, _ in self.retriever.keyword.query_terms(query) if len(t) >= 2 and not re.search(r"\d", t)),
                       key=len, reverse=True)
        values, citations, said = [], [], []
        wanted = RE_COUNT_WORDS.sub("", query) or query  # the thing counted, not the counting
        year = plan.years[0] if len(plan.years) == 1 else None
        for agency in plan.agencies:
            found = self.ctx.prose.find(wanted, agency=agency, year=year, k=8)
            best = None
            for sent in found.sentences:  # the sentence with most of the question's words and a number after one
                text = _continued(sent)
                hit = next((m for t in terms for m in [re.search(re.escape(t) + r"[^。；]{0,12}?(\d[\d,]*(?:\.\d+)?)",
                                                                 text)] if m), None)
                score = sum(t in text for t in terms)
                if hit and (best is None or score > best[0]):
                    best = (score, sent, hit)
            if best is None:
                return None
            _, sent, hit = best
            values.append(float(hit.group(1).replace(",", "")))
            citations += sentence_citations(sent)
            p = sent.passage
            around = hit.string[hit.start():hit.end() + 1]  # the question's word through the number and its unit
            said.append(f"{agency}{p.year or ''}年报告第{sent.line}行「…{around}…」：{hit.group(1)}")
        total, how = arith.total(values)
        text = f"从各单位报告正文读出：{'；'.join(said)}；合计{how.how}（正文中的数字，不是表格数字）。"
        return Answer(question=plan.question, text=text, status="answered", from_text=True, citations=citations,
                      derived=[how], reading=Reading(operation="sum", agencies=plan.agencies, years=plan.years,
                                                     summary="各单位正文中的数字相加"))

    def _prose(self, plan: Plan, agency: str | None = None, lead: str = "", continued: bool = False) -> Answer:
        if len(plan.agencies) >= 2 and not agency and not lead and RE_TOTAL_WORDS.search(plan.text):
            summed = self._text_total(plan)
            if summed:
                return summed
        clauses = [c for c in re.split(r"[？?；;]", plan.prose_text or "") if len(c.strip(" ，,。")) >= 4]
        if len(clauses) >= 2 and not lead:  # 推出了几期？对多少项文件做了解读？ each part answered
            return self._prose_clauses(plan, agency, clauses)
        agency = agency or (plan.agencies[0] if plan.agencies else None)
        year = plan.years[0] if len(plan.years) == 1 else None
        if agency and year is None and not plan.all_years:  # like facts: the agency's latest report
            years = sorted({r.year for r in self.store.reports if r.agency == agency and r.year})
            if len(years) > 1:
                year = years[-1]
                plan.defaults = [*plan.defaults, f"该单位有多年报告，取最新的{year}年"]
        many = agency is None
        query = plan.prose_text or plan.text
        if not agency and not plan.part and not self._has_content(query):
            return self._nothing_asked(plan)
        result = self.ctx.prose.find(query, agency=agency, year=year, part=plan.part, k=3 if many else self._k(plan),
                                     distinct_agencies=many)
        if plan.part and not result.sentences:  # the part hint found nothing: the whole report
            result = self.ctx.prose.find(query, agency=agency, year=year, k=3 if many else self._k(plan),
                                         distinct_agencies=many)
        summary = (f"在{agency}的报告中检索" if agency else "在全部报告中检索") + \
                  (f"（{part_title(plan.part)}）" if plan.part else "")
        r = Reading(operation="prose" if not lead else "mixed", agencies=[agency] if agency else [],
                    years=plan.years, defaults=plan.defaults, summary=summary)
        if agency and RE_SHARE.search(plan.text):  # 媒体公开的占多少: two numbers the text states
            shared = self._text_share(plan, agency, year, query, r)
            if shared:
                return shared
        # a named report's part (鹤岗城管下一步改进措施 → 五) is in scope even when its words differ
        in_part = bool(agency and plan.part and result.sentences and result.sentences[0].passage.part == plan.part)
        if not coverage_ok(result) and not in_part:
            missing = "、".join([t for t in result.missing if not re.search(r"\d", t)][:4]) or "这个问题"
            closest = [passage_citation(s) for s in result.sentences[:3]]
            text = lead + (f"这些报告中没有找到关于「{missing}」的内容" + (f"（已检索{agency}的报告）" if agency else "")
                           + "，无法回答；下面是最接近的段落，仅供参考。")
            return Answer(question=plan.question, text=text, status="out_of_scope", reading=r, citations=closest,
                          from_text=True)
        sentences = list(result.sentences)
        if RE_QUANTITY.search(plan.text):  # 多少 / 几: a sentence that states a number first
            sentences.sort(key=lambda s: not _NUMBER.search(re.sub(r"(?:19|20)\d\d\s*年", "", s.text)))
        best = sentences[:LIST_SENTENCES if RE_LISTING.search(plan.text) else 1] if agency else sentences
        parts = []
        listing = bool(agency and (continued or RE_LISTING.search(plan.text)))
        quoted: list[str] = []
        for s in best:
            p = s.passage
            said = _continued(s) if listing else sentence_text(s)
            if any(said in q for q in quoted):
                continue  # already inside the run quoted before
            quoted.append(said)
            parts.append(f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）写道："
                         f"「{said}」")
        text = lead + "；".join(parts)
        text += "" if text.endswith(("。」", "！」", "？」")) else "。"
        if agency and len(result.sentences) > 1:
            text += "（另见下列相关段落。）"
        return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                      citations=[c for s in result.sentences for c in sentence_citations(s)])

    @staticmethod
    def _k(plan: Plan) -> int:
        """Sentences to retrieve from one report: more for lists and numbers, which the best one may lack."""
        return LIST_SENTENCES + 1 if RE_LISTING.search(plan.text) or RE_QUANTITY.search(plan.text) else 2

    def _prose_clauses(self, plan: Plan, agency: str | None, clauses: list[str]) -> Answer:
        """A question of several parts (…几期？…多少项？): one retrieval per part, one answer."""
        answers = []
        named = "".join(re.findall(r"[“\"《「][^”\"》」]{2,20}[”\"》」]", plan.prose_text or ""))  # the topic, quoted
        for c in clauses:
            tries = []
            for words in dict.fromkeys([c.strip(" ，,。"), (named + c).strip(" ，,。") if named else ""]):
                if not words:
                    continue
                sub = plan.model_copy(deep=True)
                sub.prose_text = sub.text = words
                tries.append(self._prose(sub, agency, continued=True))
            # the reading whose quote gives a number right after the part's own words (满意率达96.65%)
            terms = [t for t, _ in self.retriever.keyword.query_terms(c) if len(t) >= 2]
            answers.append(next((a for a in tries if _number_after(a.text, terms)), tries[0]))
        first = answers[0]
        first.text = "".join(a.text for a in answers)
        first.citations = [c for a in answers for c in a.citations]
        first.derived = [d for a in answers for d in a.derived]
        first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
        first.question = plan.question
        return first

    def _text_share(self, plan: Plan, agency: str, year: int | None, query: str, r: Reading) -> Answer | None:
        """A share of two numbers one sentence of the report states (共公开465条，其中媒体公开270条)."""
        terms = [t for t, _ in self.retriever.keyword.query_terms(query)]
        asked = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*年)", plan.text)]
        found = self.ctx.prose.find(query, agency=agency, year=year, k=6)
        for s in found.sentences:
            got = text_share(s.text, terms, asked, s.passage.text)
            if not got:
                continue
            part, whole = got
            share = arith.share(part, whole)
            if share is None:
                continue
            p = s.passage
            text = (f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）写道：「{s.text}」。"
                    f"按正文：{share[1].how}（从正文读出的数字计算，不是表格中的数字）。")
            r.operation, r.summary = "share", r.summary + "，用正文中的两个数字算比例"
            return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                          derived=[share[1]], citations=sentence_citations(s))
        return None

    def _has_content(self, query: str) -> bool:
        """A question with at least one word of two characters or more (not only 但, 使, 得 …): random strings
        and lone function words get "not found", never an unrelated passage."""
        return any(len(t) >= 2 and t not in FUNCTION_WORDS for t, _ in self.retriever.keyword.query_terms(query))

    def _nothing_asked(self, plan: Plan) -> Answer:
        return Answer(question=plan.question, status="not_found",
                      text="没有找到与这个问题相关的内容：问题中没有能在报告里检索的词。可以这样问：" + "；".join(EXAMPLES) + "。",
                      alternatives=[Alternative(label=q, question=q) for q in EXAMPLES],
                      reading=Reading(operation="prose", summary="问题中没有可检索的词"))

    def _mixed(self, plan: Plan, m: Measure) -> Answer:
        """行政处罚最多的单位存在哪些问题: the agency from the facts, then the text from its report."""
        agg = plan.model_copy(deep=True)
        agg.operation = "min" if plan.order == "asc" else "max"
        ranked = answer_aggregate(self.ctx, agg, m)
        if ranked.status != "answered" or not ranked.table:
            return ranked
        top = [row for row in ranked.table.rows if row[0] == 1]
        agency = top[0][1] if top else None
        if agency is None:
            return ranked
        lead = ranked.text.split("其次是")[0].rstrip("。") + "。"
        if len(top) > 1:
            lead += f"以下取并列中的{agency}。"
        prose_plan = plan.model_copy(deep=True)
        prose_plan.agencies = [agency]
        prose_plan.text = prose_plan.prose_text = _prose_words(plan)
        answer = self._prose(prose_plan, agency=agency, lead=lead)
        answer.citations = ranked.citations + answer.citations  # the ranking's cells too: the table shows them
        answer.derived = ranked.derived
        answer.reading = reading(plan, m, f"先按「{m.label}」取{'最少' if plan.order == 'asc' else '最多'}的单位，"
                                          f"再在其报告中检索", operation="mixed", agencies=[agency])
        answer.table = ranked.table
        answer.chart = ranked.chart
        return answer



def _number_after(text: str, terms: list[str]) -> bool:
    return any(re.search(re.escape(t) + r"[^。；，,]{0,12}?\d", text) for t in terms)


def _continued(s) -> str:
    """A sentence and what follows it in its passage, to a sentence end within LIST_CHARS: lists in reports run
    over several sentences (一是…；二是…；三是…)."""
    text = s.passage.text
    at = text.find(s.text[:20]) if s.text else -1
    if at < 0:
        return sentence_text(s)
    body = re.sub(r"^[一二三四五六七八九十]+、[^\n]{0,30}\n", "", text)  # without the part's heading line
    if len(body) <= LIST_CHARS:
        run = body  # a short passage: all of it (the list may come before the sentence that matched)
    else:
        run = text[at:at + LIST_CHARS]
        end = max(run.rfind("。"), run.rfind("；"))
        run = run[:end + 1] if end > len(s.text) // 2 else run
    run = re.sub(r"(?<=[\u4e00-\u9fff，、；])\s+(?=[\u4e00-\u9fff])", "", run)  # lines broken inside a sentence
    return re.sub(r"\s+", " ", run).strip() if len(run) > len(sentence_text(s)) else sentence_text(s)


def _focus(answer: Answer, plan: Plan) -> tuple[list[str], list[int]]:
    """What a follow-up's 它 / 它们 / 第一名 refers to: the answer's winner (its agency and year), the reports
    a corpus answer listed, or the agencies and years named."""
    t = answer.table
    if t and t.columns[:2] == ["名次", "单位"] and plan.operation not in ("compare",) and not (
            plan.agencies and not plan.all_years):
        top = [row for row in t.rows if row[0] == 1][:1]
        return [r[1] for r in top], [r[2] for r in top if isinstance(r[2], int)]
    if plan.agencies:
        return list(plan.agencies), list(plan.years)
    if t and plan.operation == "corpus" and t.columns[:2] == ["单位", "年份"] and len(t.rows) <= 20:
        return list(dict.fromkeys(r[0] for r in t.rows)), sorted({r[1] for r in t.rows if isinstance(r[1], int)})
    return [], list(plan.years)


def _prose_words(plan: Plan) -> str:
    """The text part of a mixed question: 行政处罚最多的单位存在哪些问题 → 存在哪些问题."""
    from qa.understand import RE_MAX, RE_MIN, RE_TOPN

    text = plan.text
    for w in (plan.item_word, plan.column_word):
        if w:
            text = text.replace(w, " ")
    for rx in (RE_TOPN, RE_MAX, RE_MIN):
        text = rx.sub(" ", text)
    text = re.sub(r"的?(?:单位|机关|部门)|哪个|哪家|是谁", " ", text)
    return text.strip() or plan.text


def _dedupe(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        k = (c.doc, c.line_start, c.line_end, c.key, c.kind, c.quote if c.kind != "fact" else "")
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out

