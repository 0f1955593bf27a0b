"""Agency, statistics year and their sources (index/metadata.py): every real file and every seed against
its gold, the order of evidence, navigation text refused, short names, traditional characters, warnings
for weak or disagreeing evidence, and the reports.csv correction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from index.errors import ReportError
from index.extract import extract_document, extract_path
from index.metadata import EVIDENCE_ORDER, agency_keys, find_metadata, read_corrections, short_name
from index.model import Document, Line
from index.parts import find_parts
from index.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = SHARED / "real"
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
SEEDS_DIR = SHARED / "seeds"
needs_real = pytest.mark.skipif(not (REAL / "gold.json").is_file(), reason="../shared/real is not beside the repo")


def _real_gold() -> dict:
    return json.loads((REAL / "gold.json").read_text("utf-8")) if (REAL / "gold.json").is_file() else {}


def _meta(path: Path):
    doc = read_document(path)
    return find_metadata(doc.lines, find_parts(doc.lines), html_title=doc.title, file_name=doc.doc)


def _doc(texts: list[str], name: str = "report.txt", title: str | None = None) -> Document:
    return Document(path=name, doc=name, file_format="text", encoding="utf-8", sha256="0", title=title,
                    lines=[Line(number=i, text=t) for i, t in enumerate(texts, 1)])


# --- real files and seeds against their gold ---------------------------------------------------------------


@needs_real
@pytest.mark.parametrize("name", sorted(_real_gold()), ids=lambda n: n[:2])
def test_real_file_agency_and_year(name: str) -> None:
    """All fourteen real files: the metadata read from the file alone (the PDF once a PDF reader exists)."""
    gold = _real_gold()[name]
    try:
        meta = _meta(REAL / "reports" / name)
    except ReportError as err:
        if name.endswith(".pdf") and "unsupported file format" in err.problem:
            pytest.skip("no PDF reader registered in this branch")
        raise
    assert (meta.agency, meta.year) == (gold["agency"], gold["year"])
    assert meta.agency_source in ("title_line", "header_title", "html_title")  # never the file name
    assert meta.year_source in ("title_line", "header_title", "html_title")
    assert meta.problems() == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_agency_and_year(seed: Path) -> None:
    gold = json.loads((ROOT / "tests" / "gold" / f"{seed.stem}.json").read_text("utf-8"))
    report = extract_path(seed)
    assert (report.meta.agency, report.meta.year, report.meta.date) == (gold["agency"], gold["year"], gold["date"])
    assert report.meta.agency_source == report.meta.year_source == "title_line"
    assert report.meta.agency_short == short_name(gold["agency"])


# --- the order of evidence ----------------------------------------------------------------------------------


def test_evidence_order_is_stated_once() -> None:
    assert EVIDENCE_ORDER == ("title_line", "header_title", "html_title", "period", "signature", "compiler",
                              "publisher", "breadcrumb", "file_name", "site")


def test_title_line_wins_over_header_html_title_signature_and_file_name() -> None:
    doc = _doc(["标题: 乙县人民政府2021年度政府信息公开工作年度报告", "发布机构：己县人民政府办公室",
                "您的位置：首页 > 壬县人民政府 > 政务公开",
                "甲市财政局2020年政府信息公开工作年度报告", "本报告由辛庄县财政局根据《条例》编制。",
                "一、总体情况", "本报告统计期限自2017年1月1日起至2017年12月31日止。", "丙县教育局", "2021年1月20日"],
               name="丁县2019.txt",
               title="戊市2018年度政府信息公开工作年度报告_庚市人民政府")
    meta = find_metadata(doc.lines, find_parts(doc.lines), html_title=doc.title, file_name=doc.doc)
    assert (meta.agency, meta.year, meta.agency_source, meta.year_source) == ("甲市财政局", 2020, "title_line",
                                                                              "title_line")
    assert [e.source for e in meta.evidence] == list(EVIDENCE_ORDER)
    problems = meta.problems()
    assert any(p.startswith("机关名称的来源不一致") for p in problems)  # 甲市 / 乙县 / 戊市
    assert any(p.startswith("统计年度的来源不一致") for p in problems)  # 2020 / 2021 / 2018 / 2017


@pytest.mark.parametrize("drop, source, agency, year", [
    (1, "header_title", "乙县人民政府", 2021),
    (2, "html_title", "戊市教育局", 2018),
    (3, "signature", "丙县教育局", 2020),  # the year from the closing date: the year before it
    (4, "file_name", "丁县科技局", 2019),
])
def test_each_weaker_source_decides_when_the_stronger_ones_are_absent(drop, source, agency, year) -> None:
    title = "甲市财政局2020年政府信息公开工作年度报告"
    header = "标题: 乙县人民政府2021年度政府信息公开工作年度报告"
    html = "戊市教育局2018年度政府信息公开工作年度报告_网站名称"
    tail = ["丙县教育局", "2021年1月20日"]
    lines = [header, title, "一、总体情况", "正文。"] + tail
    lines = [t for t in lines if t != title and (drop < 2 or t != header) and (drop < 4 or t not in tail)]
    doc = _doc(lines, name="丁县科技局2019年度政府信息公开工作年度报告.txt", title=html if drop < 3 else None)
    meta = find_metadata(doc.lines, find_parts(doc.lines), html_title=doc.title, file_name=doc.doc)
    assert (meta.agency, meta.year, meta.agency_source) == (agency, year, source)


@pytest.mark.parametrize("lines, agency", [
    (["平潭综合实验区2019年", "政府信息公开工作年度报告"], "平潭综合实验区"),  # broken after the year
    (["政府信息公开年报", "平潭综合实验区2024年度政府信息公开工作年度报告"], "平潭综合实验区"),  # a column name above
    (["济南市城市管理局", "关于2020年度政府信息公开工作情况的报告"], "济南市城市管理局"),
    (["2023年度淮安市洪泽区政府信息公开工作年度报告"], "淮安市洪泽区"),
    (["甲县财政局２０２３年度政府信息公开工作年度报告"], "甲县财政局"),  # full-width digits
    (["淮安市洪泽区人民政府关于2023年度政府信息公开工作年度报告的报告"], "淮安市洪泽区人民政府"),
    (["济南市城市管理局 关于2020年度政府信息公开工作情况的报告 市政府办公厅："], "济南市城市管理局"),  # breaks lost
    (["甲县财政局二〇二〇年政府信息公开工作年度报告"], "甲县财政局"),  # the year in Chinese numerals
    (["甲县财政局政府信息公开工作年度报告（2020年度）"], "甲县财政局"),  # the year after the title
    (["关于公布甲县财政局2020年政府信息公开工作年度报告的公告"], "甲县财政局"),  # a notice publishing it
    (["甲县人民政府办公室关于印发甲县2020年政府信息公开工作年度报告的通知"], "甲县"),
    # batch 17: the agency publishing its own report; the year apart by a separator or without 年; 《》; 挂牌
    (["甲县城市管理局关于公布2023年政府信息公开工作年度报告的公告"], "甲县城市管理局"),
    (["甲县广播电视台发布2023年度政府信息公开工作年度报告"], "甲县广播电视台"),
    (["2023年度｜甲县粮食和物资储备局政府信息公开工作年度报告"], "甲县粮食和物资储备局"),
    (["2023年度 | 甲县财政局政府信息公开工作年度报告"], "甲县财政局"),
    (["2023甲县气象局政府信息公开工作年度报告"], "甲县气象局"),
    (["甲县商务局政府信息公开工作年度报告 2023"], "甲县商务局"),
    (["甲县科学技术协会《2023年政府信息公开工作年度报告》"], "甲县科学技术协会"),
    (["甲县人民政府办公室（甲县政务服务管理办公室）2023年政府信息公开工作年度报告"], "甲县人民政府办公室"),
])
def test_title_shapes(lines: list[str], agency: str) -> None:
    doc = _doc(lines + ["一、总体情况", "正文。"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.agency, meta.agency_source) == (agency, "title_line")
    assert meta.year in (2019, 2020, 2023, 2024)


@pytest.mark.parametrize("period", ["本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
                                    "本报告所列数据统计期限为2020年1月1日至2020年12月31日。",
                                    "本报告中使用数据统计时限为2020年1月1日至12月31日。"])
def test_statistics_period_gives_the_year_when_no_title_does(period: str) -> None:
    doc = _doc(["一、总体情况", period])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.year, meta.year_source) == (2020, "period")


def test_closing_date_in_chinese_numerals_gives_the_date_and_the_signature() -> None:
    doc = _doc(["一、总体情况", "正文。", "甲县财政局", "二〇二一年一月二十五日"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.agency, meta.year, meta.date, meta.agency_source) == ("甲县财政局", 2020, "2021-01-25", "signature")
    doc = _doc(["一、总体情况", "正文。", "甲县财政局　二〇二一年十二月三十日"])
    assert find_metadata(doc.lines, find_parts(doc.lines)).date == "2021-12-30"


def test_district_agency_takes_its_city_from_the_reports_opening() -> None:
    """洪泽 2023's title says 洪泽区人民政府; its opening names 淮安市洪泽区人民政府办公室 (twice, wrapped)."""
    opening = ["洪泽区人民政府2023年政府信息公开工作年度报告", "本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。",
               "如对本报告有疑问，请与淮安市洪", "泽区人民政府办公室联系。", "一、总体情况", "正文。"]
    meta = find_metadata(_doc(opening).lines, [])
    assert (meta.agency, meta.agency_short) == ("淮安市洪泽区人民政府", "洪泽区")
    alone = find_metadata(_doc([opening[0], "一、总体情况"]).lines, [])
    assert alone.agency == "洪泽区人民政府"  # nothing to qualify it with: kept as titled
    city = find_metadata(_doc(["鹤岗市城市管理综合执法局2020年政府信息公开工作年度报告", "黑龙江省鹤岗市城市管理综合执法局"]).lines, [])
    assert city.agency == "鹤岗市城市管理综合执法局"  # a city's agency is not qualified by its province


def test_site_name_and_publisher_field_are_the_agency_only_when_the_report_does_not_say() -> None:
    """A department's own site titles the report without the agency (「2020年政府信息公开工作年度报告」): the page's
    来源/发布机构 field names it; the site's name in <title> (the city's government) only when nothing else does,
    and with a warning. The report's own title beats both."""
    body = ["2020年政府信息公开工作年度报告", "发布时间：2021-01-25 09:30　来源：甲市城市管理局　浏览次数：316",
            "一、总体情况", "正文。"]
    site_title = "甲市人民政府 - 2020年政府信息公开工作年度报告"
    meta = find_metadata(_doc(body).lines, find_parts(_doc(body).lines), html_title=site_title)
    assert (meta.agency, meta.agency_source, meta.year) == ("甲市城市管理局", "publisher", 2020)
    together = [body[0], "来源：甲市城市管理局发布时间：2021-01-25 09:30字号：大中小"] + body[2:]  # spans run together
    meta = find_metadata(_doc(together).lines, find_parts(_doc(together).lines), html_title=site_title)
    assert (meta.agency, meta.agency_source) == ("甲市城市管理局", "publisher")
    bare = [body[0]] + body[2:]
    meta = find_metadata(_doc(bare).lines, find_parts(_doc(bare).lines), html_title=site_title)
    assert (meta.agency, meta.agency_source) == ("甲市人民政府", "site")
    assert "机关名称「甲市人民政府」仅来自网站名称" in meta.problems()
    titled = ["甲市财政局2020年政府信息公开工作年度报告"] + body[1:]
    meta = find_metadata(_doc(titled).lines, find_parts(_doc(titled).lines), html_title=site_title)
    assert (meta.agency, meta.agency_source) == ("甲市财政局", "title_line")
    assert meta.problems() == []  # a publishing office or a site that differs from the title is normal


@pytest.mark.parametrize("fields, agency", [
    (["作者：安福县统计局　来源：安福县人民政府网　发布时间：2024-01-18"], "安福县统计局"),  # 作者 names the office
    (["供稿单位：安福县统计局　发布时间：2024-01-18"], "安福县统计局"),
    (["公开主体：安福县统计局　公开时限：常态公开"], "安福县统计局"),
    (["发布部门：安福县统计局"], "安福县统计局"),
    (["所属机构", "安福县统计局"], "安福县统计局"),  # a table copied a cell a line
    (["发布机构：县卫健委", "首页 > 部门信息公开 > 安福县卫生健康委员会 > 年报"], "安福县卫生健康委员会"),  # an abbreviation
    (["来源：县教体局", "当前位置：首页 > 安福县教育体育局 > 年报"], "安福县教育体育局"),
    (["来源：安福县财政局", "当前位置：首页 > 安福县财政局办公室 > 年报"], "安福县财政局"),  # no abbreviation: a name's start
])
def test_publisher_fields_and_abbreviations(fields: list[str], agency: str) -> None:
    """A bare title: the page's 作者/供稿单位 field names the office; an abbreviated 发布机构 (县卫健委) takes the full
    name the breadcrumb gives the same county's office, never a longer name that merely starts with it."""
    lines = ["2023年政府信息公开工作年度报告", *fields, "一、总体情况", "正文。"]
    meta = find_metadata(_doc(lines).lines, find_parts(_doc(lines).lines), html_title="安福县人民政府")
    assert (meta.agency, meta.year) == (agency, 2023)


def test_a_sentence_mentioning_a_report_is_no_title() -> None:
    doc = _doc(["根据《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》编制本报告。",
                "一、总体情况"], name="report.txt")
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert meta.agency is None and meta.year is None


def test_statistics_year_is_the_titles_not_the_publication_date() -> None:
    doc = _doc(["发布时间: 2025-03-10 15:35", "标题: 平潭综合实验区2024年度政府信息公开工作年度报告", "一、总体情况",
                "2025年3月10日"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.year, meta.year_source) == (2024, "header_title")


def test_navigation_text_is_never_the_agency() -> None:
    doc = _doc(["首页 政务公开 政府信息公开 政府工作报告", "当前位置：首页>政务公开>政府信息公开年报>2023年度政府信息公开工作年度报告",
                "一、总体情况", "正文。"], name="report.txt")
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert meta.agency is None and meta.year == 2023
    assert "未能确定报告的机关名称" in meta.problems()


def test_file_name_only_is_weak_and_warned_in_qa_check(tmp_path: Path) -> None:
    seed = (ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt").read_text("utf-8").split("\n")
    body = "\n".join(line for line in seed if "年度报告" not in line)  # the title line removed
    path = tmp_path / "伊川县城市管理局2020.txt"
    path.write_text(body, "utf-8")
    report = extract_path(path)
    assert (report.meta.agency_source, report.meta.year_source) == ("file_name", "file_name")
    out = subprocess.run([sys.executable, "-m", "qa.cli", "check", str(path)], capture_output=True, text=True,
                         cwd=ROOT)
    assert "机关名称「伊川县城市管理局」仅来自文件名" in out.stdout + out.stderr
    assert "统计年度2020仅来自文件名" in out.stdout + out.stderr


# --- short names and traditional characters ------------------------------------------------------------------


@pytest.mark.parametrize("agency, short", [
    ("平潭综合实验区", "平潭"),
    ("淮安市洪泽区人民政府", "洪泽区"),
    ("鹤岗市城市管理综合执法局", "鹤岗市城管局"),
    ("沙河市城市管理综合行政执法局", "沙河市城管局"),
    ("济南市城市管理局", "济南市城管局"),
    ("张店区综合行政执法局", "张店区执法局"),
    ("淮安市洪泽区财政局", "洪泽区财政局"),
    ("上海市人民政府", "上海市"),
    ("天津市滨海新区人民政府", "滨海新区"),
    ("福建省平潭综合实验区管理委员会", "平潭"),
    ("張店區綜合行政執法局", "张店区执法局"),  # traditional: the short name is simplified, for matching
    ("伊川县白沙镇人民政府", "白沙镇"),  # a town's and a street's government report as the place
    ("张店区马尚街道办事处", "马尚街道"),
    ("沙河市住房和城乡建设局", "沙河市住房和城乡建设局"),  # 城乡 inside an office's name is no place
])
def test_short_name(agency: str, short: str) -> None:
    assert short_name(agency) == short


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_traditional_copy_gives_the_same_agency_and_year(seed: Path, tmp_path: Path) -> None:
    from index.hanzi import to_simplified

    path = tmp_path / seed.name
    path.write_text(opencc.OpenCC("s2t").convert(seed.read_text("utf-8")), "utf-8")
    simple, traditional = _meta(seed), _meta(path)
    assert traditional.agency != simple.agency  # shown as written
    assert to_simplified(traditional.agency) == simple.agency
    assert (traditional.year, traditional.agency_short) == (simple.year, simple.agency_short)


# --- reports.csv ---------------------------------------------------------------------------------------------


def test_reports_csv_overrides_what_was_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_bytes((ROOT / "corpus" / "001_67ecb69380710fc9.txt").read_bytes())
    (corpus / "sub" / "b.txt").write_bytes((ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt").read_bytes())
    (corpus / "c.txt").write_bytes((ROOT / "corpus" / "003_4e4bafc32cf8cb39.txt").read_bytes())
    (corpus / "reports.csv").write_text("file,agency,year\na.txt,淄博市张店区综合行政执法局,2020\n"
                                        "sub/b.txt,,2019\nmissing.txt,某局,2020\n", "utf-8-sig")
    assert read_corrections(corpus).by_file["sub/b.txt"] == (None, 2019)

    from index.corpus import extract_many

    got = {r.meta.doc: r.meta for r in extract_many([corpus]).reports}
    assert (got["a.txt"].agency, got["a.txt"].agency_source, got["a.txt"].agency_short) == (
        "淄博市张店区综合行政执法局", "reports_csv", "张店区执法局")
    assert (got["b.txt"].agency, got["b.txt"].agency_source) == ("伊川县城市管理局", "title_line")  # kept
    assert (got["b.txt"].year, got["b.txt"].year_source) == (2019, "reports_csv")
    assert (got["c.txt"].agency_source, got["c.txt"].year) == ("title_line", 2020)

    from index.build import build_index

    summary = build_index(corpus, tmp_path / "index", workers=1)
    assert summary.corrected == 2
    assert any("按 reports.csv 更正 2 份" in line for line in summary.lines())
    import duckdb

    with duckdb.connect(str(tmp_path / "index" / summary.manifest.generation / "facts.duckdb"), read_only=True) as db:
        rows = dict(db.execute("select doc, agency_short from reports").fetchall())
    assert rows["a.txt"] == "张店区执法局" and rows["c.txt"] == "鹤岗市城管局"
    # a changed reports.csv is a changed file: the next build reads the file again with the new correction
    (corpus / "reports.csv").write_text("file,agency,year\nc.txt,鹤岗市城管局,2021\n", "utf-8")
    summary = build_index(corpus, tmp_path / "index", workers=1)
    years = {f.doc: f.year for f in summary.manifest.files}
    assert years == {"a.txt": 2020, "b.txt": 2020, "c.txt": 2021} and summary.corrected == 1


def test_bad_reports_csv_is_named_and_the_rest_used(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes((ROOT / "corpus" / "001_67ecb69380710fc9.txt").read_bytes())
    (corpus / "b.txt").write_bytes((ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt").read_bytes())
    (corpus / "reports.csv").write_text("file,agency,year\na.txt,甲局,二〇二〇\nb.txt,,2019年\n", "utf-8")
    corrections = read_corrections(corpus)
    assert corrections.by_file == {"a.txt": ("甲局", None), "b.txt": (None, 2019)}
    assert corrections.problems == ["reports.csv line 2: year 「二〇二〇」 is not a year; that row's year ignored"]
    out = subprocess.run([sys.executable, "-m", "qa.cli", "facts", str(corpus), "--json"], capture_output=True,
                         text=True, cwd=ROOT)
    assert "reports.csv" in out.stderr and "二〇二〇" in out.stderr and "Traceback" not in out.stderr
    metas = {json.loads(line)["doc"]: (json.loads(line)["agency"], json.loads(line)["year"])
             for line in out.stdout.splitlines() if line.startswith("{")}
    assert metas == {"a.txt": ("甲局", 2020), "b.txt": ("伊川县城市管理局", 2019)}
    for junk in (b"\x00\x01\x02binary", "file;agency\nx".encode()):
        (corpus / "reports.csv").write_bytes(junk)
        assert read_corrections(corpus).problems and not read_corrections(corpus).by_file


def test_correction_applies_to_one_document() -> None:
    doc = _doc(["甲市财政局2020年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
                "规章\t0\t0\t0"])
    report = extract_document(doc, ("乙市财政局", None))
    assert (report.meta.agency, report.meta.year, report.meta.year_source) == ("乙市财政局", 2020, "title_line")


# --- a page's chrome around the title, and titles broken or pictured (seeds and real pages, reshaped) ------


def _seed_site(stem: str):
    from tests.variants import _SEED_SITES, SEEDS as SEED_DIR, seed_gold, site_for

    place, _, icp = _SEED_SITES[stem]
    return site_for(place, icp), (SEED_DIR / f"{stem}.txt").read_text("utf-8"), seed_gold(stem)


SEED_STEMS = ("000_bd0b500898aa4917", "002_f3bbfa1004ed2dd6", "004_d68123bc43084456")


@pytest.mark.parametrize("stem", SEED_STEMS, ids=lambda s: s[:3])
def test_saved_as_markdown_the_icon_before_the_title_and_the_side_list_of_other_reports(stem, tmp_path) -> None:
    """The page saved as markdown: the title a heading with an icon image before it (「# ![](icon.png) 沙河市…」
    lost the agency to the image's markup), the side column's links to other offices' reports of other
    years above it: the report's own title is the one nearest its body, not a listed one."""
    from tests.variants import markdown_dump

    site, text, gold = _seed_site(stem)
    path = tmp_path / "saved.md"
    path.write_text(markdown_dump(site, text, "2021-01-20 09:30", gold["year"]), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year, meta.agency_source) == (gold["agency"], gold["year"], "title_line")


@pytest.mark.parametrize("stem", SEED_STEMS, ids=lambda s: s[:3])
def test_text_dump_with_the_menus_one_item_a_line_above_the_title(stem, tmp_path) -> None:
    """A page's text with sixty menu lines, a breadcrumb and a dated list of other reports before the title:
    the title is still found (it stands among the last lines before part 一), the listed ones are passed."""
    from tests.variants import chrome_dump

    site, text, gold = _seed_site(stem)
    path = tmp_path / "dump.txt"
    path.write_text(chrome_dump(site, text, "2021-01-20 09:30", gold["year"]), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year) == (gold["agency"], gold["year"])


@pytest.mark.parametrize("width", [9, 10, 12])
@pytest.mark.parametrize("stem", SEED_STEMS, ids=lambda s: s[:3])
def test_title_broken_over_several_short_lines_inside_the_agency(stem, width, tmp_path) -> None:
    """「沙河市城市管理综合行」「政执法局2020年政」「府信息公开工作年度报」「告」: one title, the agency whole."""
    from tests.variants import wrapped_title

    _, text, gold = _seed_site(stem)
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped_title(text, width), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year) == (gold["agency"], gold["year"])


def test_a_menu_line_starts_no_broken_title() -> None:
    """Short menu lines above a title are not joined to it: the agency is the title's, not 「政务公开…」's."""
    doc = _doc(["首页", "政务公开", "甲市财政局", "2020年政府信息公开工作年度报告", "一、总体情况", "正文。"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.agency, meta.year) == ("甲市财政局", 2020)


def test_a_titled_line_followed_by_its_date_alone_is_still_the_title() -> None:
    """A page that prints the date under its title: the one title is the report's even though it is dated."""
    doc = _doc(["甲市财政局2020年政府信息公开工作年度报告", "2021-01-20", "一、总体情况", "正文。"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.agency, meta.year) == ("甲市财政局", 2020)


@needs_real
@pytest.mark.parametrize("name", ["15_pingtan_2023.html", "13_pingtan_2021.html"], ids=lambda n: n[:2])
def test_page_heading_broken_by_br_gives_the_whole_title(name, tmp_path) -> None:
    """The real page renamed, its heading 「永泰<br>县2023年度<br>政府信息公开工作年度报告」 and a <title> naming
    only the site: the heading's pieces are one title (not the publisher field's 人民政府办公室)."""
    from tests.variants import _REAL_RENAMED, broken_heading, page_trs, real_body, site_for

    title, body, gold = real_body(name)
    full = _REAL_RENAMED[name][0]
    page = page_trs(site_for(full, "闽"), title, f"{full}人民政府办公室", "2024-02-01 16:00", body, gold["year"])
    page = broken_heading(page, title, full, gold["year"])
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year, meta.agency_source) == (full, gold["year"], "title_line")


def test_a_report_named_in_a_wrapped_sentence_is_no_title() -> None:
    """济南's seed printed to PDF: its opening sentence wraps so that a line starts with the report it names
    (「2020年政府信息公开工作年度报告的通知》要求，…」): a mention inside a quotation, not the report's title."""
    text = (SEEDS_DIR / "004_d68123bc43084456.txt").read_text("utf-8").split("\n")
    opening = next(k for k, t in enumerate(text) if t.startswith("根据新修订"))
    at = text[opening].index("2020年政府信息公开工作年度报告的通知")
    lines = text[:opening] + [text[opening][:at], text[opening][at:]] + text[opening + 1:]
    doc = _doc(lines)
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.agency, meta.year) == ("济南市城市管理局", 2020)


@pytest.mark.parametrize("stem", SEED_STEMS, ids=lambda s: s[:3])
def test_text_dump_of_a_page_on_one_line_the_title_after_the_menus_and_the_side_list(stem, tmp_path) -> None:
    """The page's dump with its line breaks lost: menus, breadcrumb, other reports and the title on one line
    before part 一 (its first 400 characters are all menu): the title is the last one on the line."""
    from tests.variants import chrome_dump, lost_breaks

    site, text, gold = _seed_site(stem)
    path = tmp_path / "dump.txt"
    path.write_text(lost_breaks(chrome_dump(site, text, "2021-01-20 09:30", gold["year"])), encoding="utf-8")
    meta = extract_path(path).meta  # the one line re-lined at its part headings, as the extractor reads it
    assert (meta.agency, meta.year, meta.agency_source) == (gold["agency"], gold["year"], "title_line")


@pytest.mark.parametrize("stem", SEED_STEMS, ids=lambda s: s[:3])
def test_undated_list_of_other_reports_above_a_title_without_agency_lends_it_none(stem, tmp_path) -> None:
    """Other offices' titles line after line (a list without dates) above the report's own title, which
    names no agency: none of theirs is the report's; its signature names it."""
    from tests.variants import chrome_dump, undated, unnamed_title

    site, text, gold = _seed_site(stem)
    path = tmp_path / "dump.txt"
    path.write_text(undated(chrome_dump(site, unnamed_title(text, gold["agency"], gold["year"]), "2021-01-20 09:30",
                                        gold["year"])), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year, meta.agency_source) == (gold["agency"], gold["year"], "signature")


@pytest.mark.parametrize("stem", ("000_bd0b500898aa4917", "002_f3bbfa1004ed2dd6"), ids=lambda s: s[:3])
def test_official_document_letterhead_names_the_agency(stem, tmp_path) -> None:
    """The report as an official document (红头文件): 「沙河市城市管理综合行政执法局文件」, the document number, a
    title without the agency, no signature: the letterhead is the agency, without its 文件."""
    from tests.variants import letterhead

    _, text, gold = _seed_site(stem)
    path = tmp_path / "official.txt"
    path.write_text(letterhead(text, gold["agency"], gold["year"]), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year, meta.agency_source) == (gold["agency"], gold["year"], "title_line")


@pytest.mark.parametrize("numeric", [False, True], ids=["年月日", "2021-01-26"])
def test_signature_names_the_agency_of_a_title_without_one(numeric, tmp_path) -> None:
    """张店's seed titled without its agency: the signature above the closing date names it, the date
    written 2021年1月26日 or 2021-01-26 (a numeric date only under a signature: a page's lists carry dates)."""
    from tests.variants import unnamed_title

    _, text, gold = _seed_site("001_67ecb69380710fc9")
    path = tmp_path / "signed.txt"
    path.write_text(unnamed_title(text, gold["agency"], gold["year"], numeric=numeric), encoding="utf-8")
    meta = _meta(path)
    assert (meta.agency, meta.year, meta.date, meta.agency_source) == (gold["agency"], 2020, "2021-01-26", "signature")


def test_a_numeric_date_under_a_listed_title_closes_nothing() -> None:
    doc = _doc(["2020年政府信息公开工作年度报告", "一、总体情况", "正文。", "甲市财政局2019年政府信息公开工作年度报告", "2020-01-21"])
    meta = find_metadata(doc.lines, find_parts(doc.lines))
    assert (meta.date, meta.agency) == (None, None) and meta.year == 2020


# --- the agency named only in the report's opening, and one agency across reports -------------------------

@pytest.mark.parametrize("sentence", [
    "本报告由甲县城市管理局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。",
    "本年度报告根据《中华人民共和国政府信息公开条例》要求，由甲县城市管理局编制。",
])
def test_the_opening_names_who_compiled_a_report_titled_without_its_agency(sentence) -> None:
    """Title without the agency, no signature, the page's chrome naming the site above a breadcrumb: the
    report's first sentence says who compiled it, and that beats the site's name."""
    doc = _doc(["乙市人民政府", "当前位置：首页 > 政务公开 > 政府信息公开年报", "2020年政府信息公开工作年度报告",
                "发布时间：2021-01-20 来源：本站", sentence, "一、总体情况", "二、主动公开政府信息情况"],
               title="2020年政府信息公开工作年度报告_乙市人民政府")
    meta = find_metadata(doc.lines, find_parts(doc.lines), html_title=doc.title, file_name=doc.doc)
    assert (meta.agency, meta.agency_source, meta.year) == ("甲县城市管理局", "compiler", 2020)


@pytest.mark.parametrize("agency", ["沛县城市管理局", "萧县人民政府办公室", "单县城市管理局"])
def test_a_county_named_in_one_character_is_a_place(agency) -> None:
    """沛县, 萧县, 单县: about a hundred counties have a one-character name; their offices compile reports too."""
    doc = _doc(["2020年政府信息公开工作年度报告",
                f"本报告由{agency}根据《中华人民共和国政府信息公开条例》要求编制。", "一、总体情况"])
    meta = find_metadata(doc.lines, find_parts(doc.lines), html_title=None, file_name=doc.doc)
    assert (meta.agency, meta.agency_source) == (agency, "compiler")


@pytest.mark.parametrize("sentence", ["我局由局办公室负责政务公开日常工作，编制年度报告。",
                                      "本报告由我局根据《条例》要求编制。", "本报告由区政府办公室根据《条例》编制。"])
def test_an_opening_without_a_name_of_its_own_names_no_compiler(sentence) -> None:
    doc = _doc(["2020年政府信息公开工作年度报告", sentence, "一、总体情况"])
    meta = find_metadata(doc.lines, find_parts(doc.lines), html_title=None, file_name=doc.doc)
    assert meta.agency is None


@pytest.mark.parametrize("names, same", [
    (("北京市朝阳区人民政府", "长春市朝阳区人民政府"), False),  # one short name (朝阳区), two cities
    (("北京市朝阳区城市管理委员会", "长春市朝阳区城市管理委员会"), False),
    (("淮安市洪泽区人民政府", "洪泽区人民政府"), True),  # one names its city, the other does not
    (("江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府"), True),
    (("江苏省洪泽区人民政府", "淮安市洪泽区人民政府"), True),  # the province for the city: the county decides
    (("江苏省洪泽区人民政府", "浙江省洪泽区人民政府"), False),  # two provinces stated: two places
    (("平潭综合实验区", "平潭综合实验区管委会"), True),
    (("某某市某某管理委员会", "某某市某某管委会"), True),
    (("济南市高新技术产业开发区管理委员会", "济南市人民政府"), False),
])
def test_one_agency_is_its_name_with_its_places(names, same) -> None:
    keys = agency_keys(names)
    assert (keys[names[0]] == keys[names[1]]) == same


def test_a_name_that_fits_two_agencies_is_taken_for_neither() -> None:
    """朝阳区人民政府 beside both 北京市朝阳区 and 长春市朝阳区: which one it is, the corpus cannot say."""
    keys = agency_keys(["北京市朝阳区人民政府", "长春市朝阳区人民政府", "朝阳区人民政府"])
    assert len(set(keys.values())) == 3
    keys = agency_keys(["北京市朝阳区人民政府", "朝阳区人民政府"])
    assert keys["朝阳区人民政府"] == keys["北京市朝阳区人民政府"]


@pytest.mark.parametrize("first, second, same", [
    ("北京市朝阳区人民政府", "长春市朝阳区人民政府", False),
    ("北京市朝阳区城市管理委员会", "长春市朝阳区城市管理委员会", False),
    ("淮安市洪泽区人民政府", "洪泽区人民政府", True),
])
def test_a_neighbouring_year_decides_only_for_the_agency_of_the_same_place(tmp_path, first, second, same) -> None:
    """The values a neighbouring year decides and the cross-year check pair two years only when their
    places agree: two 朝阳区 of two cities are two agencies."""
    from index.corpus import extract_many
    from tests.test_dumps import _neighbour_pair

    before, after = _neighbour_pair(tmp_path)
    before.write_text(before.read_text(encoding="utf-8").replace("某某市某某局", first), encoding="utf-8")
    after.write_text(after.read_text(encoding="utf-8").replace("某某市某某局", second), encoding="utf-8")
    result = extract_many([before, after])
    report = next(r for r in result.reports if r.meta.year == 2023)
    assert report.meta.agency == second
    decided = "ambiguous" not in {x.key: x for x in report.facts}["apply.carried_in.natural"].flags
    assert decided == same
    assert bool(result.cross_year) == same


def _found(texts: list[str], title: str | None = None):
    doc = _doc(texts, title=title)
    return find_metadata(doc.lines, find_parts(doc.lines), html_title=doc.title, file_name=doc.doc)


_BODY = ["一、总体情况", "本年度，我局认真贯彻《条例》。", "二、主动公开政府信息情况", "规章\t0\t0\t0"]


@pytest.mark.parametrize(("texts", "title", "agency"), [
    # The county's site calls its department 县教育局: the county from the site's name …
    (["县教育局2023年政府信息公开工作年度报告", *_BODY], "县教育局2023年报_年报_栾川县人民政府", "栾川县教育局"),
    # … or from the report's own text where it writes the name in full (its 落款 or footer).
    (["县应急管理局2023年政府信息公开工作年度报告", *_BODY, "栾川县应急管理局", "2024年1月10日"], None, "栾川县应急管理局"),
    # A town's report on its county's site (来源: the county's office).
    (["标题：鸣皋镇人民政府2023年政府信息公开工作年度报告", "来源：伊川县人民政府办公室", *_BODY], None,
     "伊川县鸣皋镇人民政府"),
    # Named in full already, or with no county anywhere: as written.
    (["栾川县教育局2023年政府信息公开工作年度报告", *_BODY], "x_洛宁县人民政府", "栾川县教育局"),
    (["县教育局2023年政府信息公开工作年度报告", *_BODY], None, "县教育局"),
])
def test_a_department_or_town_named_without_its_county_takes_it_from_the_page(texts, title, agency) -> None:
    assert _found(texts, title).agency == agency


def test_a_title_without_a_year_names_the_agency_and_the_period_the_year() -> None:
    meta = _found(["洛宁县市场监督管理局", "政府信息公开工作年度报告",
                   "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。与2023年相比…", *_BODY])
    assert (meta.agency, meta.year, meta.year_source) == ("洛宁县市场监督管理局", 2024, "period")


def test_a_cover_date_above_part_one_does_not_close_the_report() -> None:
    meta = _found(["永泰县2023年度政府信息公开工作年度报告", "永泰县人民政府办公室", "2024-02-01", *_BODY])
    assert meta.date is None and meta.date_index is None


def test_a_title_broken_after_its_year_and_a_sentence_wrapped_like_one() -> None:
    """「甲局2023年政府信息公开工作」「年度报告」is the title; 「合行政执法局2023年…年度报告。本报告…」, the second
    line of a wrapped sentence, is none."""
    meta = _found(["沙河市城市管理综合行政执法局2023年政府信息公开工作", "年度报告",
                   "根据《条例》规定，现公布沙河市城市管理综",
                   "合行政执法局2023年政府信息公开工作年度报告。本报告所列数据的统计期限自2023年1月1日起", *_BODY])
    assert (meta.agency, meta.year) == ("沙河市城市管理综合行政执法局", 2023)


def test_a_picture_title_is_read_by_its_alt_text_and_the_agency_from_the_author_meta(tmp_path) -> None:
    """A page whose heading is a picture (its alt text the bare title) and whose article says 我局: the year
    from the alt text, the agency from <meta name="author"> (or og:site_name) when nothing else names it."""
    for head in ('<meta name="author" content="夏邑县水利局">', '<meta property="og:site_name" content="夏邑县水利局">'):
        page = (f'<html><head><meta charset="utf-8">{head}<title>政府信息公开年报</title></head><body>'
                '<div><img src="t.png" alt="2024年政府信息公开工作年度报告"></div><p>一、总体情况</p>'
                '<p>2024年，我局认真贯彻落实《条例》。</p><p>二、主动公开政府信息情况</p></body></html>')
        path = tmp_path / "page.html"
        path.write_text(page, encoding="utf-8")
        meta = _meta(path)
        assert (meta.agency, meta.year, meta.year_source) == ("夏邑县水利局", 2024, "title_line")


def test_a_place_titled_report_compiled_by_its_government_is_the_governments() -> None:
    """「商丘市2024年…年度报告」 compiled 「由商丘市人民政府办公室…」 is 商丘市人民政府's (a city's combined report);
    the same title whose page's 来源 alone names the government's office keeps the place as written."""
    compiled = _doc(["商丘市2024年政府信息公开工作年度报告",
                     "本报告由商丘市人民政府办公室根据市政府各部门的年度报告汇总编制。", "一、总体情况", "正文。"])
    meta = find_metadata(compiled.lines, find_parts(compiled.lines))
    assert (meta.agency, meta.agency_short) == ("商丘市人民政府", "商丘市")
    sourced = _doc(["商丘市2024年政府信息公开工作年度报告", "来源：商丘市人民政府办公室", "一、总体情况", "正文。"])
    assert find_metadata(sourced.lines, find_parts(sourced.lines)).agency == "商丘市"
