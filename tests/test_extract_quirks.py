"""One test per layout quirk the seeds show, each on the real seed or on a seed edited to show the quirk."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.cells import parse_cell, to_wan_yuan
from index.errors import ReportError
from index.extract import extract_path
from index.model import ExtractedReport

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHAHE = CORPUS / "000_bd0b500898aa4917.txt"  # one cell per line, label typo 不张我
ZHANGDIAN = CORPUS / "001_67ecb69380710fc9.txt"  # rows lost at a page break
YICHUAN = CORPUS / "002_f3bbfa1004ed2dd6.txt"  # 13 cells where 7 belong
HEGANG = CORPUS / "003_4e4bafc32cf8cb39.txt"  # markdown headings, split label, amount in 元
JINAN = CORPUS / "004_d68123bc43084456.txt"  # empty cells, text for numbers, chart data after the end


def edited(tmp_path: Path, seed: Path, replace: dict[str, str], name: str = "edited.txt") -> ExtractedReport:
    """The seed with some lines replaced (matched by their beginning), extracted."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    for start, new in replace.items():
        hits = [i for i, ln in enumerate(lines) if ln.startswith(start)]
        assert len(hits) == 1, f"{start!r} matches {len(hits)} lines"
        lines[hits[0]] = new
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return extract_path(path)


def facts(report: ExtractedReport) -> dict:
    return {f.key: f for f in report.facts}


def test_one_cell_per_line_with_typo_label():
    f = facts(extract_path(SHAHE))
    # 本机关不张我相关政府信息 is 本机关不掌握相关政府信息: the row is found, nothing shifts.
    assert f["apply.unable.not_held.total"].value == 0
    assert f["penalty.prev"].value == 181 and f["penalty.decisions"].value == 12
    assert f["fee.change"].value == -1043 and f["fee.change"].flags == ["signed"]
    assert f["procurement.amount"].value == 7249.4746 and f["procurement.amount"].unit == "万元"


def test_tab_rows_with_lost_rows_are_absent_not_zero():
    r = extract_path(ZHANGDIAN)
    f = facts(r)
    assert "penalty.decisions" not in f and "apply.new.total" not in f and "apply.granted.total" not in f
    assert f["license.change"].value == 30 and f["license.change"].flags == ["signed"]
    assert f["apply.total.total"].value == 1
    assert any("缺少" in w.message for w in r.warnings)
    rule1 = [x for x in r.findings if x.rule == 1]
    assert {x.status for x in rule1} == {"NOT_ASSESSABLE"}


def test_extra_cells_are_placed_by_arithmetic_and_flagged():
    f = facts(extract_path(YICHUAN))
    row = [f[f"apply.new.{c}"] for c in ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")]
    assert [x.value for x in row] == [0] * 7
    assert all(x.flags == ["uncertain_placement"] for x in row)
    assert f["penalty.decisions"].value == 313 and f["penalty.decisions"].flags == []


def test_extra_cells_that_disagree_give_no_value(tmp_path):
    # 8 cells for the 7 of 本年新收, and two placements fit the sums with different values.
    r = edited(tmp_path, HEGANG, {"一、本年新收": "一、本年新收政府信息公开申请数量\t1\t0\t1\t0\t0\t0\t0\t1\t"})
    f = facts(r)
    assert f["apply.new.total"].value == 1  # every placement agrees on the total
    assert f["apply.new.natural"].value is None and "ambiguous" in f["apply.new.natural"].flags


def test_missing_cell_and_split_label(tmp_path):
    f = facts(extract_path(HEGANG))
    # '2. 其他法律行政' / blank line / '法规禁止公开' is one label; its 6 cells are placed by the sums.
    assert f["apply.denied.law.total"].value == 0
    assert f["apply.denied.law.total"].flags == ["uncertain_placement"]
    assert f["apply.denied.safety.natural"].flags == []


def test_bare_amount_in_yuan_is_converted_and_says_so():
    amount = facts(extract_path(HEGANG))["procurement.amount"]
    assert amount.value == pytest.approx(2580.444799)
    assert amount.raw == "25804447.99"
    assert amount.flags == ["unit_assumed", "unit_converted"]
    assert "元" in amount.note


def test_unit_rules():
    assert to_wan_yuan(parse_cell("1,234,567元"), None)[:2] == (123.4567, ["unit_converted"])
    assert to_wan_yuan(parse_cell("1.5亿元"), None)[:2] == (15000, ["unit_converted"])
    assert to_wan_yuan(parse_cell("232.4586"), "万元")[:2] == (232.4586, [])
    assert to_wan_yuan(parse_cell("35.5"), None)[:2] == (35.5, ["unit_assumed"])


@pytest.mark.parametrize("raw, value, flags", [
    ("", 0, ["blank"]), ("/", 0, ["placeholder"]), ("—", 0, ["placeholder"]), ("无", 0, ["placeholder"]),
    ("增13", 13, ["signed"]), ("减1043", -1043, ["signed"]), ("+30", 30, ["signed"]), ("-1", -1, ["signed"]),
    ("1,113", 1113, ["thousands"]), ("１２", 12, []), ("许可事项已于2019年7月全部划转市审批局实施", None, ["text"]),
])
def test_cell_values(raw, value, flags):
    cell = parse_cell(raw)
    assert (cell.value, list(cell.flags)) == (value, flags)


def test_empty_cells_text_for_numbers_and_labels_broken_across_lines():
    r = extract_path(JINAN)
    f = facts(r)
    assert f["apply.new.business"].value == 0 and f["apply.new.business"].flags == ["blank"]
    assert f["apply.new.total"].value == 20
    lic = f["license.prev"]
    assert lic.value is None and lic.flags == ["text"] and "划转市审批局" in lic.raw
    assert f["license.decisions"].value is None  # the blanks after the sentence are the same merged cell
    assert f["penalty.change"].value == 13
    # '\t结果' + '维持' and '\t总' + '计' are labels, not values: 四 still has exactly 15 numbers.
    assert [k for k in f if k.startswith(("review.", "suit."))].__len__() == 15


def test_chart_data_after_the_end_is_not_read():
    r = extract_path(JINAN)
    assert max(f.line for f in r.facts) < 436
    assert any("落款日期之后" in w.message for w in r.warnings)
    assert r.meta.date == "2021-01-29"


def test_jinan_fails_rules_1_and_2_in_total_column_and_prose_contradiction():
    r = extract_path(JINAN)
    status = {(x.rule, x.scope): x.status for x in r.findings if x.kind == "rule"}
    assert status[(1, "total")] == "FAIL" and status[(2, "total")] == "FAIL"
    prose = [x for x in r.findings if x.kind == "prose"]
    # 予以公开3件 against the table's 4; 不属于本行政机关公开13件 (三's 本机关不掌握 row in the prose's words) against 14
    assert [(x.scope, x.numbers["prose"], x.numbers["table"]) for x in prose] == [
        ("apply.granted.total", 3, 4), ("apply.unable.not_held.total", 13, 14)]


def test_digits_that_lost_their_separators(tmp_path):
    r = edited(tmp_path, HEGANG, {"一、本年新收": "一、本年新收政府信息公开申请数量150320020"})
    f = facts(r)
    values = [f[f"apply.new.{c}"].value for c in ("natural", "business", "research", "nonprofit", "legal",
                                                  "other_org", "total")]
    assert values == [15, 0, 3, 2, 0, 0, 20]
    assert f["apply.new.total"].flags == ["split_run"]


def test_split_runs_resolved_by_the_column_sums(tmp_path):
    # '110000011' splits as 11,0,…,11 or 1,10,0,…,11; only the first balances the 自然人 column.
    r = edited(tmp_path, HEGANG, {
        "一、本年新收": "一、本年新收政府信息公开申请数量110000011",
        "三、本年度办理结果": "三、本年度办理结果\t（一）予以公开\t\t11\t0\t0\t0\t0\t0\t11",
        "→(七)".replace("→", "\t"): "\t(七)\t总计\t11\t0\t0\t0\t0\t0\t11",
    })
    f = facts(r)
    assert f["apply.new.natural"].value == 11 and f["apply.new.business"].value == 0
    assert "ambiguous" not in f["apply.new.natural"].flags


def test_split_runs_left_ambiguous_when_nothing_decides(tmp_path):
    r = edited(tmp_path, HEGANG, {"行政处罚": "行政处罚1113"})
    f = facts(r)
    assert f["penalty.prev"].value is None and set(f["penalty.prev"].flags) == {"split_run", "ambiguous"}
    assert "候选" in f["penalty.prev"].note


def test_markdown_headings_and_metadata():
    r = extract_path(HEGANG)
    assert [p.numeral for p in r.meta.parts] == ["一", "二", "三", "四", "五"]
    assert r.meta.agency == "鹤岗市城市管理综合执法局" and r.meta.year == 2020


def test_format_2021_is_read_from_the_headers():
    r = extract_path(ROOT / "tests" / "fixtures" / "hegang_2021.txt")
    assert (r.meta.format, r.meta.year) == ("2021", 2021)
    f = facts(r)
    assert f["license.decisions"].value == 798 and f["penalty.decisions"].value == 10
    assert f["fee.amount"].value == 12.5 and f["normative.in_force"].value == 4
    assert {"apply.other.no_correction.total", "apply.other.no_fee.total", "apply.other.misc.total"} <= set(f)
    assert f["apply.other.misc.natural"].value == 1 and "apply.other.natural" not in f
    assert "license.prev" not in f
    status = {(x.rule, x.scope): x.status for x in r.findings if x.kind == "rule"}
    assert status[(2, "natural")] == "PASS" and status[(1, "total")] == "PASS"


def test_not_a_report(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    with pytest.raises(ReportError, match="notes.txt"):
        extract_path(path)
