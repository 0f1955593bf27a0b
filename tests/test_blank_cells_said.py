"""A cell the report leaves blank is read as 0 with a flag (the spec), and every sentence that uses it says so
with qa.phrasing's one wording (空白（按0计）), never a bare 0; and the prose's counts of 三's rows under the
report's own words (「不属于本行政机关公开13件」) are checked against the table. On the real 济南 file (a seed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.checks import prose_claims, prose_findings, rule_terms
from index.extract import extract_path
from qa.phrasing import zero_words, zeros_words

ROOT = Path(__file__).resolve().parents[1]
JINAN = ROOT / "corpus" / "004_d68123bc43084456.txt"  # 济南市城市管理局 2020: blank applicant and 总计 cells
REAL = ROOT.parent / "shared" / "real" / "reports"


def test_applicant_parts_added_up_say_which_are_blank(seed_qa):
    a, _ = seed_qa.ask("济南城管本年新收申请按申请人类型加起来是多少")
    assert "「本年新收政府信息公开申请数量 · 自然人」18件；其余5项空白（按0计）。" in a.text
    assert "其余5项为0" not in a.text


def test_two_sums_compared_say_which_terms_are_blank(seed_qa):
    a, _ = seed_qa.ask("济南城管新收申请加上年结转等于办理结果总计加结转下年度吗")
    assert "「上年结转政府信息公开申请数量 · 总计」空白（按0计）" in a.text
    assert "「办理结果总计 · 总计」空白（按0计）" in a.text
    assert "「结转下年度继续办理 · 总计」0件" in a.text  # a 0 the report writes stays a 0
    assert "不相等，对不上，相差20件" in a.text


def test_a_share_over_a_blank_denominator_says_it_is_blank(seed_qa):
    """济南's 办理结果总计 is blank: the share cannot be computed because the cell is blank, not 「分母为0」."""
    a, _ = seed_qa.ask("济南城管2020年予以公开的申请占办理结果总数的比例是多少")
    assert "分母「办理结果总计 · 总计」空白（按0计），比例无从计算" in a.text, a.text
    assert a.table is not None and "分母「办理结果总计 · 总计」空白（按0计）" in str(a.table.rows), a.table.rows


def test_zeros_words_name_the_blank_ones_among_stated_zeros():
    from qa.facts import FLAG_BITS

    blank = FLAG_BITS["blank"]
    assert zeros_words([("商业企业", 0), ("科研机构", 0)]) == "其余2项为0"
    assert zeros_words([("商业企业", blank), ("科研机构", blank)]) == "其余2项空白（按0计）"
    assert zeros_words([("商业企业", 0), ("科研机构", blank)]) == "其余2项为0，其中「科研机构」空白（按0计）"
    assert zero_words(["blank"]) == "空白（按0计）" and zero_words([]) is None and zero_words(None) is None


@pytest.fixture(scope="module")
def jinan():
    return extract_path(JINAN)


def test_a_rule_findings_numbers_are_traced_to_their_cells_and_flags(jinan):
    """What the 核对 page's numbers table reads: each of a finding's numbers → its fact, and so its flags."""
    facts = {f.key: f for f in jinan.facts}
    total = next(f for f in jinan.findings if f.rule == 2 and f.scope == "total")
    terms = rule_terms(jinan.meta.format, 2, "total", facts)
    assert set(terms) == set(total.numbers)
    blank = {label for label, key in terms.items() if zero_words(facts[key].flags)}
    assert "总计" in blank and "部分公开" in blank and "予以公开" not in blank and "其他处理" not in blank


def test_a_prose_count_of_a_row_under_its_own_words_is_checked(jinan):
    """「不属于本行政机关公开13件」 is the 本机关不掌握相关政府信息 row, which the table gives as 14."""
    said = [f.detail for f in jinan.findings if f.kind == "prose"]
    assert any(d.startswith("正文第14行写「不属于本行政机关公开13件」，表格无法提供 · 本机关不掌握相关政府信息 · 总计为14")
               for d in said), said
    assert any("予以公开 3件" in d for d in said) and len(said) == 2


def test_group_counts_that_agree_with_the_table_give_no_finding():
    """平潭 2023: 「无法提供31件」「不予处理1件」 are read as claims of the groups' sums, and agree with the table."""
    report = extract_path(REAL / "06_pingtan_2023.txt")
    claims = {c.source for c in report.claims}
    assert {"正文第10行「无法提供31件」", "正文第10行「不予处理1件」"} <= claims
    assert not [f for f in report.findings if f.kind == "prose" and ("无法提供" in f.detail or "不予处理" in f.detail)]


def test_the_rows_other_wordings_are_read_as_claims_that_agree(jinan):
    """不属于本机关职责范围 / 本机关不掌握相关政府信息 N件: claims of the 本机关不掌握 row (or the 无法提供 group's
    sum, as a looser wording may mean), no finding when they agree with the table."""
    from index.model import Line

    facts = {f.key: f for f in jinan.facts}
    held = int(facts["apply.unable.not_held.total"].value)
    lines = [Line(number=1, text=f"其中，不属于本机关职责范围{held}件，本机关不掌握相关政府信息{held}件，无法提供{held}件。")]
    claims = prose_claims(lines, jinan.meta.format)
    assert [c.said for c in claims] == [f"无法提供{held}件", f"本机关不掌握相关政府信息{held}件", f"不属于本机关职责范围{held}件"] \
        or sorted(c.said for c in claims) == sorted([f"无法提供{held}件", f"本机关不掌握相关政府信息{held}件",
                                                     f"不属于本机关职责范围{held}件"])
    assert prose_findings(jinan.meta, facts, lines, claims) == []


@pytest.mark.parametrize("question", ["济南城管2020年办理结果总计是多少", "济南市城市管理局2020年上年结转政府信息公开申请数量是多少"])
def test_a_blank_cell_asked_for_is_no_value(seed_qa, question):
    """A value question on a cell 济南 left blank: the answer says the report left it blank, states no 0 as its
    value, and its table holds no number for it (the spec reads it as 0 with a flag, for the checks)."""
    a, _ = seed_qa.ask(question)
    assert "报告中空白，未填数字" in a.text and "为0件" not in a.text, a.text
    assert a.table is not None and [r[3] for r in a.table.rows] == [None], a.table.rows
