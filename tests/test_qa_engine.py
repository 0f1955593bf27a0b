"""The engine over the seed index: exact fact lookups, citations that quote the source cell, follow-ups,
safety (user text never reaches SQL), bad input, the numbers checker, and `qa ask` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa.answer import Answer, Citation, Derived, Reading
from qa.context import Conversation
from qa.facts import MISSING, NO_NUMBER, OK
from qa.lexicon import measure_by_id
from qa.trace import untraceable

ROOT = Path(__file__).resolve().parents[1]
SH, ZD, YC, HG, JN = "沙河市城市管理综合行政执法局", "张店区综合行政执法局", "伊川县城市管理局", "鹤岗市城市管理综合执法局", \
    "济南市城市管理局"


@pytest.fixture(scope="module")
def qa(seed_qa):
    return seed_qa


# ---------------------------------------------------------------- facts
def test_fact_store_values_and_status(qa) -> None:
    s = qa.store
    rids = s.scope()
    assert len(rids) == 5
    mv = s.measure_values(measure_by_id("penalty.decisions"), rids)
    by = {s.reports[int(r)].agency: (v, st) for r, v, st in zip(mv.rids, mv.value, mv.status)}
    assert by[YC] == (313, OK) and by[JN] == (135, OK) and by[SH] == (12, OK) and by[HG] == (10, OK)
    assert np.isnan(by[ZD][0]) and by[ZD][1] == MISSING  # the table lost the row: absent, never 0
    lic = s.measure_values(measure_by_id("license.decisions"), rids)
    jn = [st for r, st in zip(lic.rids, lic.status) if s.reports[int(r)].agency == JN]
    assert jn == [NO_NUMBER]  # 许可事项已于2019年7月全部划转市审批局实施


def test_group_measure_sums_its_cells(qa) -> None:
    s = qa.store
    m = measure_by_id("apply.denied.total")
    rid = next(r.rid for r in s.reports if r.agency == JN)
    assert s.measure_values(m, np.array([rid])).value[0] == 1  # 属于行政查询事项 1, the other 7 rows 0
    assert len(s.cells(m, rid)) == 8


def test_citation_quotes_the_source_cell(qa) -> None:
    answer, _ = qa.ask("济南市城管局行政处罚是多少")
    c = answer.citations[0]
    assert (c.doc, c.key, c.value, c.line_end) == ("004_d68123bc43084456.txt", "penalty.decisions", "135", 77)
    assert c.quote.startswith("行政处罚") and "135" in c.quote  # one cell per line: runs back to the label
    signed = next(x for x in answer.citations if x.key == "penalty.change")
    assert signed.value == "增13" and "signed" in signed.flags
    # the quote is the lines table's text
    row = qa.store.con.execute("select text from lines where doc = ? and line = ?", [c.doc, c.line_end]).fetchone()
    assert c.value in row[0]


def test_blank_cell_and_unit_conversion_are_said(qa) -> None:
    answer, _ = qa.ask("鹤岗城管政府采购总金额")
    assert "25804447.99" in answer.text and "换算" in answer.text
    assert any("25804447.99" in d.how for d in answer.derived)
    assert not untraceable(answer)


def test_ties_and_all_zero(qa) -> None:
    answer, _ = qa.ask("行政复议最多的单位")
    assert "均为0" in answer.text and {r[0] for r in answer.table.rows} == {1}
    answer, _ = qa.ask("申请数量最少的单位")
    assert "并列" in answer.text and "最少" in answer.text


def test_absent_lists_as_not_provided(qa) -> None:
    answer, _ = qa.ask("各单位行政处罚排名")
    row = next(r for r in answer.table.rows if r[1] == ZD)
    assert row[0] == "—" and row[3] is None and "未提供" in row[4]
    assert "张店区综合行政执法局" in answer.text and "不计为零" in answer.text


def test_alternatives_offer_other_columns(qa) -> None:
    answer, _ = qa.ask("哪个单位行政处罚最多")
    labels = [a.label for a in answer.alternatives]
    assert "按「上一年项目数量」" in labels
    alt = next(a for a in answer.alternatives if a.label == "按「上一年项目数量」")
    other, _ = qa.ask(alt.question)  # one click: the other reading
    assert other.reading.measure == "penalty.prev" and "181" in other.text


def test_chart_hint_for_rankings(qa) -> None:
    answer, _ = qa.ask("行政处罚前三名")
    assert answer.chart and answer.chart.y in answer.table.columns and answer.chart.x in answer.table.columns


# ---------------------------------------------------------------- conversation
def test_follow_ups(qa) -> None:
    a, conv = qa.ask("哪个单位行政处罚最多")
    b, conv = qa.ask("那行政许可呢？", conv)
    assert b.reading.measure == "license.decisions" and "798" in b.text
    c, conv = qa.ask("前三名呢", conv)
    assert c.reading.operation == "top" and c.reading.measure == "license.decisions"
    d, conv = qa.ask("济南呢", conv)
    assert d.reading.operation == "value" and d.reading.agencies == [JN] and d.status == "absent"
    assert len(conv.turns) == 4


def test_pronoun_follows_the_answer(qa) -> None:
    _, conv = qa.ask("哪个单位行政许可最多")
    b, _ = qa.ask("它存在哪些问题", conv)
    assert b.reading.agencies == [HG] and "公众参与程度不高" in b.text


def test_a_new_question_is_not_a_follow_up(qa) -> None:
    _, conv = qa.ask("哪个单位行政处罚最多")
    b, _ = qa.ask("济南市城管局圆桌对话开展了多少次", conv)
    assert b.reading.operation == "prose" and "186" in b.text


def test_conversation_is_not_mutated(qa) -> None:
    _, conv = qa.ask("哪个单位行政处罚最多")
    before = conv.model_dump()
    qa.ask("那行政许可呢", conv)
    assert conv.model_dump() == before
    assert Conversation.model_validate_json(conv.model_dump_json()) == conv


# ---------------------------------------------------------------- the plan, settled and frozen before it runs
def test_the_plan_is_settled_and_frozen_before_it_runs(qa) -> None:
    import pydantic

    from qa.operations import settle

    question = "所有报告里行政处罚最多的是哪个单位"
    read = qa.reader.read(question)
    settled = settle(read, qa.ctx)
    assert settled.operation == "max" and any(d.startswith("范围") for d in settled.defaults)
    with pytest.raises(pydantic.ValidationError):
        settled.operation = "min"  # frozen: no operation changes what the reading line says
    with pytest.raises(AttributeError):
        settled.defaults.append("另一个默认")  # type: ignore[attr-defined]
    assert not any(d.startswith("范围") for d in read.defaults)  # the plan read is left as it was
    answer, conversation = qa.ask(question)
    assert answer.reading.defaults == list(dict.fromkeys(settled.defaults))  # every default, in the reading
    follow = conversation.turns[-1].plan
    follow.operation = "min"  # the conversation keeps a plan the next question can be read from


# ---------------------------------------------------------------- safety and bad input
@pytest.mark.parametrize("q", [
    "'; drop table facts; --", "济南'); delete from facts where ('1'='1", "行政处罚最多 union select * from lines --",
    "济南市城管局\"; drop table reports; --行政处罚", "?", "%", "\\x00", "；；；", "a" * 5000, "行政处罚" * 300,
])
def test_sql_like_or_odd_text_is_harmless(qa, q: str) -> None:
    facts = qa.store.con.execute("select count(*) from facts").fetchone()[0]
    answer, _ = qa.ask(q)
    assert isinstance(answer, Answer) and answer.text
    assert answer.status in ("answered", "invalid", "out_of_scope", "ambiguous", "absent", "not_found")
    assert qa.store.con.execute("select count(*) from facts").fetchone()[0] == facts
    assert qa.store.con.execute("select count(*) from reports").fetchone()[0] == 5


def test_sql_text_inside_a_real_question(qa) -> None:
    answer, _ = qa.ask("哪个单位行政处罚最多'; drop table facts; --")
    assert answer.status == "answered" and "313" in answer.text


def test_none_and_empty(qa) -> None:
    for q in (None, "", "   "):
        answer, _ = qa.ask(q)
        assert answer.status == "invalid" and answer.alternatives


def test_sql_is_parameterised() -> None:
    """No f-string or concatenation reaches execute() with anything but our own constants."""
    import re

    for path in (ROOT / "qa").glob("*.py"):
        text = path.read_text("utf-8")
        for m in re.finditer(r"\.execute\((f?)\"", text):
            if m.group(1):
                # the one f-string SQL (facts.py) formats only FLAG_BITS constants; values are ? parameters
                assert path.name == "facts.py" and "FLAG_BITS" in text, path


# ---------------------------------------------------------------- the numbers checker
def _answer(text: str, citations: list[Citation], derived: list[Derived] | None = None) -> Answer:
    return Answer(question="q", text=text, reading=Reading(operation="value", summary="s"), citations=citations,
                  derived=derived or [])


def test_checker_flags_a_number_without_source() -> None:
    c = Citation(doc="d", agency="a", year=2020, part="二", line_start=1, line_end=1, quote="行政处罚 64 0 313",
                 value="313")
    assert untraceable(_answer("伊川县313件。", [c])) == []
    assert untraceable(_answer("伊川县1,313件。", [c])) == ["1313"]
    assert untraceable(_answer("伊川县31件。", [c])) == ["31"]  # 31 is inside 313, not a number of the quote
    assert untraceable(_answer("合计377件。", [c], [Derived(value="377", how="313 + 64 = 377")])) == []
    assert untraceable(_answer("2020年伊川县313件，见第41行。", [c])) == []
    blank = Citation(doc="d", agency="a", year=2020, part="三", line_start=1, line_end=2, quote="（七）总计",
                     number=0, flags=["blank"])
    assert untraceable(_answer("总计为0件。", [blank])) == []


# ---------------------------------------------------------------- qa ask
def _qa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_qa_ask_plain(seed_index) -> None:
    run = _qa("ask", "哪个单位行政处罚最多", "--index", str(seed_index.index))
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.index("伊川县城市管理局最多：313件") < out.index("名次") < out.index("来源：")
    assert "002_f3bbfa1004ed2dd6.txt" in out and "第41行" in out


def test_qa_ask_json(seed_index) -> None:
    run = _qa("ask", "济南和伊川哪个行政处罚多", "--index", str(seed_index.index), "--json")
    assert run.returncode == 0, run.stderr
    answer = Answer.model_validate_json(run.stdout)
    assert answer.reading.operation == "compare" and "178" in answer.text and answer.citations


def test_qa_ask_conversation_on_stdin(seed_index) -> None:
    run = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "--index", str(seed_index.index), "--json"],
                         cwd=ROOT, input="哪个单位行政处罚最多\n那行政许可呢\n", capture_output=True, text=True,
                         timeout=120)
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    assert [a["reading"]["measure"] for a in answers] == ["penalty.decisions", "license.decisions"]


def test_qa_ask_without_index(tmp_path) -> None:
    run = _qa("ask", "哪个单位行政处罚最多", "--index", str(tmp_path / "none"))
    assert run.returncode == 2 and "qa:" in run.stderr


# ---------------------------------------------------------------- citations of long lines
def test_window_cuts_a_long_line_around_the_value() -> None:
    from qa.cite import AFTER, BEFORE, window

    line = "甲" * 500 + "行政处罚 2113 行政强制 0" + "乙" * 500
    at = line.index("2113")
    cut = window(line, at, "2113")
    assert cut.startswith("…") and cut.endswith("…") and "行政处罚 2113" in cut
    assert len(cut) <= BEFORE + len("2113") + AFTER + 2
    assert window("行政处罚 12", 5, "12") == "行政处罚 12"  # a short line stays whole
    assert "2113" in window(line, None, "2113")  # no column: where the value stands


def test_a_text_dump_is_cited_by_a_window_not_its_whole_line(tmp_path) -> None:
    """05_pingtan_2022.txt holds its tables on one line of 10,000 characters: a citation quotes the cell's
    neighbourhood (its row label and value), never the whole line."""
    import shutil

    from index.build import build_index
    from qa.cite import LONG
    from qa.engine import QA

    src = ROOT.parent / "shared" / "real" / "reports" / "05_pingtan_2022.txt"
    (tmp_path / "corpus").mkdir()
    shutil.copy(src, tmp_path / "corpus" / src.name)
    build_index(tmp_path / "corpus", tmp_path / "index", embed=False)
    engine = QA(tmp_path / "index")
    try:
        answer, _ = engine.ask("平潭2022年行政处罚是多少")
    finally:
        engine.close()
    c = next(c for c in answer.citations if c.key == "penalty.decisions")
    assert "2,113" in answer.text and c.value == "2113"
    assert "行政处罚" in c.quote and "2113" in c.quote and len(c.quote) < LONG
    assert not untraceable(answer)


# ---------------------------------------------------------------- ratios, measures compared and summed
def _ask_all(qa, *turns: str) -> Answer:
    conv = None
    for q in turns:
        a, conv = qa.ask(q, conv)
        assert not untraceable(a), (q, untraceable(a), a.text)
    return a


@pytest.mark.parametrize("q", ["济南行政处罚只有伊川的几成", "济南的行政处罚是伊川的百分之几",
                               "济南市城管局行政处罚占伊川县城管局的百分比是多少"])
def test_a_ratio_asked_as_a_percentage_is_a_percentage(qa, q) -> None:
    a = _ask_all(qa, q)
    assert a.reading.operation == "compare" and "135 ÷ 313 = 43.13%" in a.text and "倍" not in a.text


def test_a_ratio_asked_as_a_multiple_is_a_multiple(qa) -> None:
    a = _ask_all(qa, "伊川的行政处罚是济南的几倍")
    assert "313 ÷ 135 = 2.32" in a.text and "2.32倍" in a.text and "%" not in a.text


@pytest.mark.parametrize("q, said", [
    ("伊川县城市管理局行政处罚和行政许可谁多，差多少", "313 − 19 = 294"),
    ("伊川的行政许可和行政处罚哪个多", "313 − 19 = 294"),
    ("伊川行政处罚比行政许可多多少件", "313 − 19 = 294"),
    ("伊川行政处罚是行政许可的多少倍", "313 ÷ 19 = 16.47"),
    ("伊川2020年行政许可只有行政处罚的几成", "19 ÷ 313 = 6.07%"),
])
def test_two_measures_of_one_report_are_compared(qa, q, said) -> None:
    a = _ask_all(qa, q)
    assert a.reading.operation == "compare_measures" and said in a.text, a.text
    assert [r[2] for r in a.table.rows] == ["行政处罚 · 处理决定数量", "行政许可 · 处理决定数量"][::(1 if
                                                                                          q.index("处罚") < q.index("许可") else -1)]


def test_a_change_of_two_measures_is_still_a_change(qa) -> None:
    a, _ = qa.ask("伊川行政处罚和行政许可比上年增加了多少")
    assert a.reading.operation == "change"


@pytest.mark.parametrize("turns, said", [
    (("伊川行政处罚多少", "它的行政许可呢", "两个一共多少"), "313 + 19 = 332"),
    (("伊川县城市管理局行政许可多少件", "那行政处罚呢", "两个加起来多少"), "19 + 313 = 332"),
    (("伊川行政处罚和行政许可一共多少",), "313 + 19 = 332"),
    (("伊川行政许可多少", "行政处罚呢", "它们加起来呢"), "19 + 313 = 332"),
])
def test_two_measures_of_one_report_are_summed(qa, turns, said) -> None:
    a = _ask_all(qa, *turns)
    assert a.reading.operation == "sum_measures" and said in a.text and "332件" in a.text, a.text


def test_measures_in_different_units_are_not_added(qa) -> None:
    a = _ask_all(qa, "伊川行政处罚多少", "那政府集中采购金额呢", "两个加起来多少")
    assert a.reading.operation == "sum_measures" and "单位不同" in a.text and "合计" not in a.text


def test_after_two_agencies_both_means_the_reports(qa) -> None:
    a = _ask_all(qa, "伊川行政处罚多少", "济南呢", "两个加起来多少")
    assert a.reading.operation == "sum" and "313 + 135 = 448" in a.text or "135 + 313 = 448" in a.text


def test_a_ranking_comes_before_its_scope() -> None:
    from qa.phrasing import years_text

    assert years_text([2023, 2021, 2022, 2024, 2025]) == "2021年至2025年"
    assert years_text([2021, 2023]) == "2021年、2023年" and years_text([2020]) == "2020年"


@pytest.mark.parametrize("q", ["2020年各单位行政处罚排名", "行政处罚从少到多排序", "行政许可前三名"])
def test_a_ranking_lists_first_then_says_its_scope_and_defaults(qa, q) -> None:
    a = _ask_all(qa, q)
    first = a.table.rows[0][1]
    assert a.text.index(first) < a.text.index("个单位") and a.text.index(first) < a.text.index("未指明列")


@pytest.mark.parametrize("q, first", [("哪个单位行政处罚占行政许可的比例最高", YC), ("行政许可占行政处罚的比例最低的是哪个单位", SH),
                                      ("各单位行政许可占行政处罚的比例排名", HG)])
def test_shares_are_ranked_when_an_order_is_asked(qa, q, first) -> None:
    a = _ask_all(qa, q)
    assert a.reading.operation == "share" and ("最高的是" in a.text or "最低的是" in a.text), a.text
    assert a.text.split("的是", 1)[1].startswith(first), a.text
    shares = [r[4] for r in a.table.rows if r[4] is not None]
    assert shares == sorted(shares, reverse="最低" not in q)


@pytest.fixture(scope="module")
def gen_qa(tmp_path_factory):
    """An engine over a generated corpus where agencies have several years (the seeds have one year each)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    from index.build import build_index
    from qa.engine import QA

    base = tmp_path_factory.mktemp("years")
    write_corpus(base / "corpus", 40, seed=5, inconsistent_share=0.0)
    build_index(base / "corpus", base / "index", embed=False)
    engine = QA(base / "index")
    yield engine
    engine.close()


def test_year_over_year_changes_ranked(gen_qa) -> None:
    """平潭哪年…增长最多 / 哪一年…减少最多: each report against the one before, ranked."""
    store = gen_qa.store
    agency = next(a for a in store.agency_names if len(store.scope([a], latest=False)) >= 3)
    for q, desc in ((f"{agency}哪年行政处罚增长最多", True), (f"{agency}哪一年行政处罚减少最多", False)):
        a, _ = gen_qa.ask(q)
        assert a.reading.operation == "change_by_year" and not untraceable(a), (q, a.text)
        changes = [r[4] for r in a.table.rows]
        assert changes == sorted(changes, reverse=desc) and len(changes) >= 2
        assert all(f"{r[2]} − {r[3]} = {r[4]}" in a.text for r in a.table.rows)  # each with its arithmetic


@pytest.mark.parametrize("q, names", [("行政处罚在100到1000件之间的单位", {YC, JN}),
                                      ("行政许可介于10至100件之间的有几个单位", {ZD, YC}),
                                      ("哪些单位行政处罚在10～12件之间", {SH, HG})])
def test_a_range_filter_keeps_both_bounds(qa, q, names) -> None:
    a = _ask_all(qa, q)
    assert a.reading.operation in ("filter", "count") and {r[0] for r in a.table.rows} == names, a.text
    assert "之间" in a.text and "≤" in a.reading.filters[0]


def test_a_year_against_another_as_a_percentage(gen_qa) -> None:
    """是2022年的百分之几 / 只有上年的几成: the ratio as a percentage beside the growth; 增长了百分之几: the growth."""
    s = gen_qa.store
    agency, (y0, y1) = next((a, ys[-2:]) for a in s.agency_names
                            if len(ys := sorted(s.reports[int(r)].year for r in s.scope([a], latest=False))) >= 2)
    for q, ratio in ((f"{agency}{y1}年行政许可是{y0}年的百分之几", True), (f"{agency}{y1}年行政许可只有{y0}年的几成", True),
                     (f"{agency}{y1}年行政许可比{y0}年增长了百分之几", False)):
        a, _ = gen_qa.ask(q)
        assert a.reading.operation == "change" and not untraceable(a), (q, a.text)
        assert (f"{y1}年是{y0}年的" in a.text) == ratio and "倍" not in a.text, a.text


def _turns(qa, *questions: str) -> list[Answer]:
    conv, out = None, []
    for q in questions:
        a, conv = qa.ask(q, conv)
        assert not untraceable(a), (q, untraceable(a), a.text)
        out.append(a)
    return out


def test_verdicts_places_spreads_and_follow_ups_over_the_seeds(qa) -> None:
    """Batch 5's kinds on the seeds: a yes-or-no over several reports opens with its verdict (a report lacking the
    value leaves it undecided); 三百多件吗 is a range; 排第几 says the place; 最多比最少多多少 the spread; 比X多还是少
    compares the last answer's agency with X; 是N件吗 → X呢 gives X's value, said without repeating 「等于N件」."""
    a, = _turns(qa, "伊川、鹤岗、沙河的行政处罚都超过5件吗")
    assert a.text.startswith("是的")
    a, = _turns(qa, "伊川、鹤岗、沙河的行政处罚都超过100件吗")
    assert a.text.startswith("不是") and "10件" in a.text and "12件" in a.text
    a, = _turns(qa, "伊川和鹤岗有没有哪家行政许可超过500件")
    assert a.text.startswith("有：鹤岗市城市管理综合执法局 798件")
    a, = _turns(qa, "沙河、张店、伊川的行政处罚都超过5件吗")
    assert a.text.startswith("无法回答是或不是") and "张店区综合行政执法局" in a.text
    a, = _turns(qa, "伊川城管行政处罚有三百多件吗")
    assert a.text.startswith("是的") and "313" in a.text
    a, = _turns(qa, "济南城管的行政处罚排第几")
    assert "济南市城市管理局排第2名" in a.text
    a, = _turns(qa, "行政处罚最多的和最少的相差多少")
    assert "303件（313 − 10 = 303）" in a.text and "最少的是鹤岗市城市管理综合执法局：10件" in a.text
    _, b = _turns(qa, "济南城管行政处罚多少件", "比伊川多还是少")
    assert "济南市城市管理局比伊川县城市管理局少178件" in b.text and "不是多" not in b.text
    a, b = _turns(qa, "伊川城管行政处罚是313件吗", "鹤岗呢")
    assert a.text.startswith("是的：313件。") and "等于313" not in a.text
    assert not b.text.startswith(("是的", "不是")) and "10件" in b.text
