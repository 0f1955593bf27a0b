"""Generator of realistic annual reports (政府信息公开工作年度报告) with known truth.

Used by the extraction benchmark, the property tests and the retrieval/QA benchmarks. A report is drawn
as values (consistent with the template's four rules), agency, year, a rendering style and prose; it is
then rendered in one of the layouts the seeds in corpus/ show (one cell per line, tab rows, markdown,
HTML ...). `write_corpus` writes a corpus and `truth.jsonl` beside it.

    python bench/generate.py OUT_DIR -n 1000 --seed 1
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `index` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.template import (  # noqa: E402
    APPLICANT_COLUMNS,
    APPLY_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    WAN_YUAN,
    broken_rules,
    fact_specs,
    fill_totals,
    keys_for,
    result_rows,
    tables,
)

Value = int | float
LAYOUTS = ("cell_per_line", "cell_per_line_blank", "tab_rows", "tab_rows_padded", "markdown", "html")
TEXT_LAYOUTS = LAYOUTS[:4] + ("markdown",)  # layouts whose encoding varies (HTML says utf-8 in its <meta>)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
ENCODING_WEIGHTS = (70, 10, 12, 8)
YEARS = (2019, 2020, 2021, 2022, 2023)
APPLY_COLS = tuple(c.key for c in APPLY_COLUMNS)
APPLICANTS = tuple(c.key for c in APPLICANT_COLUMNS)
REVIEW_PARTS = tuple(c.key for c in REVIEW_COLUMNS[:-1])


def fmt_for_year(year: int) -> str:
    return "2019" if year <= 2020 else "2021"


@cache
def money_keys() -> frozenset[str]:
    return frozenset(k for k, s in fact_specs().items() if s.unit == WAN_YUAN)


# ====================================================================== values
def _count(rng: random.Random, zero_p: float, median: float, spread: float = 1.0) -> int:
    """A count: zero with probability zero_p, else log-normal around median (long tail, never 0)."""
    if rng.random() < zero_p:
        return 0
    return min(max(1, int(rng.lognormvariate(math.log(median), spread))), 60_000)  # no city decides more


def _money(rng: random.Random, median: float = 60.0) -> float:
    """An amount in 万元 with 0-4 decimals, parsed back from its own text so that it is exact."""
    decimals = rng.choice((0, 1, 2, 2, 4, 4, 4))
    return float(f"{rng.lognormvariate(math.log(median), 1.6):.{decimals}f}")


def _change(rng: random.Random, prev: int) -> int:
    """本年增/减: mostly 0, otherwise a small signed change that keeps the item count >= 0."""
    if rng.random() < 0.6:
        return 0
    return rng.randint(-min(prev, 6), 8)


def _active_2019(rng: random.Random, scale: float) -> dict[str, Value]:
    v: dict[str, Value] = {}
    made = 0 if rng.random() < 0.9 else rng.randint(1, 2)
    v |= {"regulation.made": made, "regulation.published": made, "regulation.total": made + _count(rng, 0.8, 3)}
    made = _count(rng, 0.45, 3)
    published = made - (rng.randint(0, made) if made and rng.random() < 0.15 else 0)
    v |= {"normative.made": made, "normative.published": published,
          "normative.total": published + _count(rng, 0.35, 12)}
    for row, zero_p, prev_med, dec_med in (("license", 0.3, 20, 150 * scale), ("other_service", 0.6, 5, 20),
                                           ("penalty", 0.1, 60, 120 * scale), ("coercion", 0.4, 5, 8)):
        prev = _count(rng, zero_p, prev_med)
        v |= {f"{row}.prev": prev, f"{row}.change": _change(rng, prev),
              f"{row}.decisions": _count(rng, zero_p, dec_med, 1.4)}
    prev = _count(rng, 0.5, 3)
    v |= {"fee.prev": prev, "fee.change": -rng.randint(0, prev) if rng.random() < 0.3 else 0}
    items = _count(rng, 0.4, 5)
    v |= {"procurement.items": items, "procurement.amount": _money(rng, 80 * scale) if items else 0.0}
    return v


def _active_2021(rng: random.Random, scale: float) -> dict[str, Value]:
    v: dict[str, Value] = {}
    issued = 0 if rng.random() < 0.9 else 1
    v |= {"regulation.issued": issued, "regulation.repealed": 0 if rng.random() < 0.95 else 1,
          "regulation.in_force": issued + _count(rng, 0.8, 3)}
    issued = _count(rng, 0.45, 3)
    v |= {"normative.issued": issued, "normative.repealed": _count(rng, 0.7, 2),
          "normative.in_force": issued + _count(rng, 0.3, 15)}
    v |= {"license.decisions": _count(rng, 0.3, 150 * scale, 1.4),
          "penalty.decisions": _count(rng, 0.1, 120 * scale, 1.4),
          "coercion.decisions": _count(rng, 0.45, 8)}
    v["fee.amount"] = _money(rng, 40 * scale) if rng.random() < 0.45 else 0.0
    return v


# Relative weights of the results of 三, for the rows a report uses at all.
_RESULT_WEIGHTS = {"granted": 6.0, "partial": 1.5, "unable.not_held": 3.0, "rejected.duplicate": 1.0,
                   "rejected.petition": 1.0, "other": 0.8, "other.misc": 0.8, "other.no_correction": 0.6}


def _result_weights(rng: random.Random, fmt: str) -> dict[str, float]:
    """The result rows one report uses: the common ones and a few random others (most rows stay 0)."""
    rows = result_rows(fmt)
    used = {r: w for r, w in _RESULT_WEIGHTS.items() if r in rows and rng.random() < 0.8}
    for r in rng.sample(rows, k=rng.randint(0, 4)):
        used.setdefault(r, 0.5)
    return used or {"granted": 1.0}


def _apply_values(rng: random.Random, fmt: str, scale: float,
                  carried_in: dict[str, int] | None) -> dict[str, Value]:
    """三: per applicant column new + carried_in is split into results and carried_out; the total column
    is the row sum. All three 三 rules hold by construction."""
    quiet = rng.random() < 0.25  # many agencies receive no application at all
    new = {c: 0 for c in APPLICANTS} if quiet else {
        "natural": _count(rng, 0.05, 6 * scale, 1.2), "business": _count(rng, 0.6, 2),
        "research": _count(rng, 0.95, 1), "nonprofit": _count(rng, 0.93, 1),
        "legal": _count(rng, 0.8, 1), "other_org": _count(rng, 0.75, 1)}
    cin = carried_in or {c: (0 if quiet or rng.random() < 0.75 else _count(rng, 0.3, 2)) for c in APPLICANTS}
    weights = _result_weights(rng, fmt)
    names, w = list(weights), list(weights.values())
    rows = result_rows(fmt)
    v: dict[str, Value] = {}
    for c in APPLICANTS:
        avail = new[c] + cin[c]
        cout = rng.randint(0, max(1, avail // 4)) if avail and rng.random() < 0.3 else 0
        counts = dict.fromkeys(rows, 0)
        for r in rng.choices(names, weights=w, k=avail - cout):
            counts[r] += 1
        v[f"apply.new.{c}"], v[f"apply.carried_in.{c}"] = new[c], cin[c]
        v |= {f"apply.{r}.{c}": n for r, n in counts.items()}
        v[f"apply.total.{c}"], v[f"apply.carried_out.{c}"] = avail - cout, cout
    return fill_totals(v, fmt)


def _review_values(rng: random.Random) -> dict[str, Value]:
    v: dict[str, Value] = {}
    for group, _ in REVIEW_GROUPS:
        busy = rng.random() < 0.25
        parts = {p: (_count(rng, 0.5, 1.5, 0.7) if busy else 0) for p in REVIEW_PARTS}
        v |= {f"{group}.{p}": n for p, n in parts.items()}
    return fill_totals(v, "2021")


def random_values(rng: random.Random, fmt: str, *, scale: float = 1.0,
                  carried_in: dict[str, int] | None = None) -> dict[str, Value]:
    """A value for every canonical key of `fmt`, consistent with the four rules. `carried_in` (per 三
    column, applicants only) links a report to the previous year's 结转下年度继续办理."""
    active = _active_2019(rng, scale) if fmt == "2019" else _active_2021(rng, scale)
    values = active | _apply_values(rng, fmt, scale, carried_in) | _review_values(rng)
    return {k: values[k] for k in keys_for(fmt)}  # template order, nothing extra


def check_rules(values: dict[str, Value], fmt: str) -> list[tuple[int, str]]:
    """The (rule id, scope) of every broken consistency rule; [] for a consistent report. The template's
    rules and their one evaluator (index.template) judge, as they do for the extractor's findings."""
    return broken_rules(values.get, fmt, values.keys())


# ====================================================================== agencies
# Places by province: (place, level). Level scales the numbers (a city bureau handles more than a county's).
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "河北省": (("沙河市", "county"), ("邢台市", "city"), ("石家庄市", "city"), ("正定县", "county"),
            ("保定市", "city"), ("涿州市", "county"), ("邯郸市丛台区", "district"), ("唐山市", "city")),
    "山东省": (("济南市", "city"), ("淄博市张店区", "district"), ("青岛市", "city"), ("济南市历城区", "district"),
            ("临沂市", "city"), ("寿光市", "county"), ("曲阜市", "county"), ("烟台市福山区", "district")),
    "河南省": (("洛阳市", "city"), ("伊川县", "county"), ("郑州市金水区", "district"), ("新乡县", "county"),
            ("开封市", "city"), ("巩义市", "county"), ("南阳市卧龙区", "district")),
    "黑龙江省": (("鹤岗市", "city"), ("哈尔滨市道里区", "district"), ("绥化市", "city"), ("五常市", "county")),
    "江苏省": (("苏州市吴江区", "district"), ("南京市", "city"), ("江阴市", "county"), ("如皋市", "county"),
            ("徐州市铜山区", "district"), ("常州市", "city")),
    "浙江省": (("杭州市西湖区", "district"), ("宁波市", "city"), ("义乌市", "county"), ("安吉县", "county"),
            ("温州市鹿城区", "district"), ("绍兴市", "city")),
    "四川省": (("成都市武侯区", "district"), ("绵阳市", "city"), ("简阳市", "county"), ("宜宾市", "city"),
            ("南充市顺庆区", "district"), ("峨眉山市", "county")),
    "广东省": (("广州市天河区", "district"), ("佛山市南海区", "district"), ("东莞市", "city"), ("惠州市", "city"),
            ("博罗县", "county"), ("深圳市龙岗区", "district")),
    "湖南省": (("长沙市", "city"), ("浏阳市", "county"), ("株洲市芦淞区", "district"), ("常德市", "city")),
    "安徽省": (("合肥市蜀山区", "district"), ("芜湖市", "city"), ("肥西县", "county"), ("宿州市", "city")),
}
# Bureau kinds: (name, how the report calls itself, business scale). Enforcement bureaus decide thousands
# of penalties; others decide licences or very little.
BUREAUS = (
    ("城市管理局", "我局", 2.0), ("城市管理综合行政执法局", "我局", 2.5), ("综合行政执法局", "我局", 2.5),
    ("市场监督管理局", "我局", 4.0), ("生态环境局", "我局", 1.5), ("人力资源和社会保障局", "我局", 3.0),
    ("自然资源和规划局", "我局", 1.5), ("住房和城乡建设局", "我局", 1.5), ("交通运输局", "我局", 2.0),
    ("农业农村局", "我局", 1.0), ("教育局", "我局", 0.5), ("民政局", "我局", 0.7), ("卫生健康委员会", "我委", 1.5),
    ("应急管理局", "我局", 1.0), ("司法局", "我局", 0.5), ("财政局", "我局", 0.3), ("文化和旅游局", "我局", 0.8),
    ("水利局", "我局", 0.8), ("发展和改革委员会", "我委", 0.5), ("医疗保障局", "我局", 1.0),
)
_LEVEL_SCALE = {"county": 1.0, "district": 1.5, "city": 3.0}


@dataclass(frozen=True)
class Agency:
    name: str
    place: str
    province: str
    self_name: str  # 我局 / 我委
    scale: float


def _place_short(place: str) -> str:
    """A district calls itself without its city: 淄博市张店区 → 张店区; 沙河市 stays."""
    _, sep, rest = place.partition("市")
    return rest if sep and rest else place


PLACES_FILE = Path(__file__).resolve().parent.parent / "qa" / "places.tsv"


@cache
def more_places() -> tuple[tuple[str, str, str], ...]:
    """(province, place, level) of China's other counties, districts and cities (qa/places.tsv, data), in
    file order: the places a corpus larger than PLACES can hold draws from."""
    lines = PLACES_FILE.read_text(encoding="utf-8").splitlines()
    own = {place for ps in PLACES.values() for place, _ in ps}  # listed in the file too, for qa/places.py
    rows = (tuple(line.split("\t")) for line in lines if line and not line.startswith("#"))
    return tuple(row for row in rows if row[1] not in own)  # type: ignore[misc]


def agency_pool(size: int = 0) -> list[Agency]:
    """Every agency of PLACES in a fixed order, then, while the pool is smaller than `size`, every bureau of
    the next place of more_places()."""
    places = [(province, place, level) for province, ps in PLACES.items() for place, level in ps]
    more = iter(more_places())
    pool: list[Agency] = []
    while places:
        province, place, level = places.pop(0)
        for kind, self_name, business in BUREAUS:
            pool.append(Agency(f"{_place_short(place)}{kind}", place, province, self_name,
                               _LEVEL_SCALE[level] * business))
        if not places and len(pool) < size:
            places += [p for p in [next(more, None)] if p]
    return pool


# ====================================================================== style
@dataclass
class Style:
    """How one report writes its numbers and labels; drawn once per report so rendering is deterministic."""

    sign: str = "plain"  # 本年增/减: plain "13"/"-5", word "增13"/"减5", plus "+13"/"-5"
    thousands: bool = False  # 1,113
    amount_unit: str = "header"  # 万元 in the column header or in the cell
    money_header: int = 0  # wording of the unit in the header (_MONEY_UNIT_HEADERS)
    money_fixed4: bool = False  # 232.4586 / 12.5000 rather than minimal decimals
    title: int = 0  # title variant
    signature: bool = True  # agency name above the date at the end
    para_gap: bool = False  # blank lines between paragraphs
    item_num: str = "1."  # numbering of sub-items: "1." "1、" "1. "
    paren: str = "full"  # （一） or (一)
    typo: str | None = None  # a label typo real reports carry
    spaced_headers: bool = False  # 自 然 人, 尚 未 审 结
    split_numeral: bool = False  # "(六)\t其他处理"
    blank_active: bool = False  # cell_per_line_blank: zeros of 二 blank too
    blank_review: bool = False  # cell_per_line_blank: zeros of 四 blank too
    broken_labels: tuple[str, ...] = ()  # labels broken across two lines (cell_per_line_blank)
    pad_before: int = 1  # tab_rows_padded: empty cells between labels and values
    pad_after: int = 1
    md_split_active: bool = True  # markdown: one table per 第二十条 item, or one table
    html_heading: str = "p"  # parts as <p><strong> or <h2>
    html_cell_p: bool = False  # <td><p><span>0</span></p></td>


_TYPOS = {"本机关不掌握相关政府信息": "本机关不张我相关政府信息",
          "其他法律行政法规禁止公开": "其他法律法规禁止公开",
          "无正当理由大量反复申请": "无正当理由由大量反复申请"}
# Labels that wrap inside a narrow cell (004): the label part → where its continuation line starts.
_BREAKS = {"本年新公开数量": "公开数量", "对外公开总数量": "总数量", "上一年项目数量": "项目数量",
           "处理决定数量": "决定数量", "结果维持": "维持", "尚未审结": "审结", "其他结果": "结果", "总计": "计",
           "确认或重新出具已获取信息": "出具", "第一项加第二项之和": "等于", "逾期不补正": "行政机关不再处理",
           "逾期未按收费通知": "行政机关不再处理", "本年收费金额": "金额"}


def random_style(rng: random.Random) -> Style:
    return Style(
        sign=rng.choice(("plain", "plain", "word", "plus")),
        thousands=rng.random() < 0.3,
        amount_unit=rng.choice(("header", "header", "cell")),
        money_header=rng.randrange(3),
        money_fixed4=rng.random() < 0.3,
        title=rng.randrange(3),
        signature=rng.random() < 0.7,
        para_gap=rng.random() < 0.4,
        item_num=rng.choice(("1.", "1、", "1. ")),
        paren=rng.choice(("full", "full", "half")),
        typo=rng.choice(sorted(_TYPOS)) if rng.random() < 0.08 else None,
        spaced_headers=rng.random() < 0.4,
        split_numeral=rng.random() < 0.4,
        blank_active=rng.random() < 0.2,
        blank_review=rng.random() < 0.3,
        broken_labels=tuple(b for b in _BREAKS if rng.random() < 0.35) or ("本年新公开数量",),
        pad_before=rng.randint(1, 2),
        pad_after=rng.randint(0, 2),
        md_split_active=rng.random() < 0.6,
        html_heading=rng.choice(("p", "h2", "h3")),
        html_cell_p=rng.random() < 0.5,
    )


# ====================================================================== report
@dataclass
class Report:
    agency: Agency
    year: int
    fmt: str
    values: dict[str, Value]
    date: date
    style: Style
    prose: dict[str, list[str]] = field(default_factory=dict)  # part numeral (or "intro") → paragraphs
    prose_facts: dict[str, Value] = field(default_factory=dict)  # numbers the prose states, by key
    defects: list[dict] = field(default_factory=list)  # deliberate inconsistencies (see _break)


def make_report(rng: random.Random, *, fmt: str | None = None, agency: Agency | None = None,
                year: int | None = None, carried_in: dict[str, int] | None = None) -> Report:
    """One consistent report; agency, year and format are drawn unless given."""
    agency = agency or rng.choice(agency_pool())
    if year is None:
        year = rng.choice([y for y in YEARS if fmt is None or fmt_for_year(y) == fmt])
    fmt = fmt_for_year(year)
    values = random_values(rng, fmt, scale=agency.scale, carried_in=carried_in)
    report = Report(agency, year, fmt, values, date(year + 1, 1, rng.randint(8, 31)), random_style(rng))
    write_prose(rng, report)
    return report


# ====================================================================== prose
def _pick(rng: random.Random, options: tuple[str, ...] | list[str], **kw: object) -> str:
    return rng.choice(options).format(**kw)


_INTRO = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{agency}{year}年政府信息公开工作年度报告。"
    "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    "按照《中华人民共和国政府信息公开条例》有关要求，结合工作实际，编制本报告。",
    "本报告由{agency}根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
    "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。",
)
_OVERVIEW_LEAD = (
    "{year}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "按照{place}政务公开工作要点部署，坚持“以公开为常态、不公开为例外”原则，扎实推进政府信息公开工作。",
    "{year}年，{me}严格按照《条例》规定，紧紧围绕{place}中心工作，加大推进力度，扎实开展政府信息公开工作并取得了明显成效。",
    "本年度，{me}全面贯彻《条例》各项要求，以深化信息公开内容为核心，进一步加强组织领导，健全工作制度，拓宽公开渠道，"
    "不断拓展政府信息公开的广度和深度。",
)
_ACTIVE_PARA = (
    "{year}年{me}共主动公开政府信息{n}条，其中政府网站公开{web}条，政务新媒体公开{media}条，其他方式公开{rest}条。",
    "全年通过政府门户网站、“{short}发布”微信公众号等渠道主动公开政府信息{n}条，其中门户网站{web}条，政务新媒体{media}条，"
    "公开栏、新闻媒体等其他渠道{rest}条。",
    "本年度共公开政府信息{n}条（网站{web}条、政务新媒体{media}条、其他{rest}条），及时更新机构职能、政策文件、"
    "行政执法等栏目内容。",
)
_APPLY_NONE = (
    "{year}年，{me}未收到政府信息公开申请。",
    "本年度未收到政府信息公开申请，无上年结转申请。",
)
_MANAGE_PARA = (
    "严格落实公开前保密审查机制，坚持“先审查、后公开”和“一事一审”原则，全年审查拟公开信息{n}条，未发生泄密情况。",
    "进一步规范政府信息公开属性认定，将“五公开”要求落实到公文办理全过程，全年解读政策文件{n}件。",
    "梳理更新《政府信息公开指南》和政府信息公开目录，全年回应社会关切{n}条，做到件件有回复、有落实。",
)
_PLATFORM_PARA = (
    "充分发挥政府网站第一平台作用，加强“{short}发布”微信公众号等政务新媒体的管理，全年发布信息{n}条。",
    "加强政务公开平台建设，依托{place}人民政府门户网站信息公开专栏和政务新媒体矩阵，及时发布工作动态{n}条。",
)
_SUPERVISION_PARA = (
    "成立了以主要负责同志为组长的政务公开工作领导小组，全年召开专题会议{meetings}次，组织业务培训{sessions}次、"
    "培训{persons}人次，切实提升政务公开工作人员的业务能力。",
    "将政务公开工作纳入年度目标考核，开展政务公开专项督查，定期组织召开政务公开工作培训会，全年累计培训{persons}人次。",
    "全年组织《条例》专题学习{sessions}次，参训{persons}人次；承办人大代表建议和政协委员提案{proposals}件，"
    "均按时办结并公开答复。",
)
_ACTIVE_TABLE_PARA_2019 = (
    "{year}年，{me}新制作规范性文件{made}件，作出行政处罚决定{penalty}件，行政许可处理决定{license}件。",
    "本年度主动公开规范性文件{made}件，公开行政处罚决定{penalty}件，具体情况如下：",
)
_ACTIVE_TABLE_PARA_2021 = (
    "{year}年，{me}制发行政规范性文件{made}件，作出行政处罚决定{penalty}件，行政许可处理决定{license}件。",
    "本年度制发行政规范性文件{made}件，公开行政处罚决定{penalty}件，具体情况如下：",
)
_REVIEW_NONE = (
    "{year}年，{me}未发生因政府信息公开引起的行政复议、行政诉讼案件。",
    "本年度未发生政府信息公开行政复议和行政诉讼。",
)
_REVIEW_SOME = (
    "{year}年，{me}共发生政府信息公开行政复议{review}件，行政诉讼{suit}件。",
    "本年度涉及政府信息公开的行政复议{review}件、行政诉讼{suit}件，具体情况如下：",
)
_PROBLEMS = ("公开内容不够全面", "解读形式单一", "人员力量薄弱", "信息更新不够及时", "政务新媒体管理还不够规范",
             "公众参与程度不高", "依申请公开答复的规范性有待提升", "基层政务公开标准化规范化程度不高",
             "工作人员业务能力有待提高", "主动公开的深度和广度不够", "政策解读的质量有待提升")
_PROBLEM_LEAD = (
    "{year}年，{me}政府信息公开工作取得了一定成效，但仍存在一些不足：{problems}等。",
    "虽然{me}在政府信息公开工作中取得了一定的成绩，但还存在以下问题：{problems}。",
    "目前，主要存在{problems}等方面问题。",
)
_IMPROVEMENTS = (
    "加强政府信息公开机构建设。充实人员力量，加大专职人员配备，保障必要的经费、设备等工作条件。",
    "丰富政策解读形式。综合运用图片图表、音频视频、新闻发布会等形式，提升解读的针对性和可读性。",
    "拓展公开内容。围绕重点领域和群众关切，全面深入做好主动公开工作，做到应公开尽公开。",
    "规范政务新媒体管理。做好日常更新和运维工作，提升政务新媒体的关注度和影响力。",
    "规范依申请公开工作。严格按照法定程序和时限答复，提升答复的规范化水平。",
    "加强业务培训。定期组织政务公开工作人员业务学习，提高发现问题、解决问题的能力。",
    "强化监督检查。采取随机抽查、实地检查等方式加大督导力度，确保各项工作落到实处。",
)
_ENUMS = (("一是", "二是", "三是", "四是"), ("（一）", "（二）", "（三）", "（四）"), ("1.", "2.", "3.", "4."))
_OTHER_2019 = (
    "无。",
    "本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。报告电子版可以在{place}人民政府网站上下载。"
    "如对本报告有疑问，请与{agency}办公室联系。",
    "{year}年，{me}未收取政府信息公开信息处理费。",
)
_OTHER_2021 = (
    "{year}年，{me}未收取信息处理费。",
    "本年度{me}未收取信息处理费，无其他需要报告的事项。",
    "根据《政府信息公开信息处理费管理办法》，{year}年{me}未发出收费通知，未收取信息处理费。",
)


def _apply_sentence(rng: random.Random, r: Report) -> str:
    """Restates 三 in words; records every number it states in r.prose_facts."""
    v = r.values
    if not v["apply.new.total"] and not v["apply.carried_in.total"]:
        r.prose_facts["apply.new.total"] = 0
        return _pick(rng, _APPLY_NONE, year=r.year, me=r.agency.self_name)
    stated = ["apply.new.total"] + (["apply.carried_in.total"] if v["apply.carried_in.total"] else [])
    results = [k for k in ("apply.granted.total", "apply.partial.total") if v[k]]
    text = "本年度共收到政府信息公开申请{apply.new.total}件"
    text += "，上年结转{apply.carried_in.total}件" if len(stated) > 1 else ""
    text += "；已办结{apply.total.total}件"
    text += "，其中" + "，".join(f"{_prose_label(k)}{{{k}}}件" for k in results) if results else ""
    stated += ["apply.total.total"] + results
    if rng.random() < 0.7:
        text += "；结转下年度继续办理{apply.carried_out.total}件"
        stated.append("apply.carried_out.total")
    r.prose_facts |= {k: v[k] for k in stated}
    for k in stated:
        text = text.replace("{" + k + "}", str(v[k]))
    return text + "。"


def _overview(rng: random.Random, r: Report, kw: dict[str, object]) -> list[str]:
    """一、总体情况: a lead paragraph and numbered sub-sections with random details."""
    n = rng.randint(20, 1500)
    web = rng.randint(0, n)
    media = rng.randint(0, n - web)
    persons, sessions = rng.randint(5, 300), rng.randint(1, 12)
    facts = {"prose.published_info": n, "prose.published_web": web, "prose.published_media": media,
             "prose.training_persons": persons}
    r.prose_facts |= facts
    paren = "（{}）" if r.style.paren == "full" else "({}) "
    sections = [
        ("主动公开情况", _pick(rng, _ACTIVE_PARA, n=n, web=web, media=media, rest=n - web - media, **kw)),
        ("依申请公开情况", _apply_sentence(rng, r)),
        ("政府信息管理情况", _pick(rng, _MANAGE_PARA, n=rng.randint(5, 400), **kw)),
        ("政府信息公开平台建设情况", _pick(rng, _PLATFORM_PARA, n=rng.randint(10, 900), **kw)),
        ("监督保障及教育培训情况", _pick(rng, _SUPERVISION_PARA, meetings=rng.randint(1, 10), sessions=sessions,
                                     persons=persons, proposals=rng.randint(0, 60), **kw)),
    ]
    paras = [_pick(rng, _OVERVIEW_LEAD, **kw)]
    for i, (title, text) in enumerate(sections):
        if rng.random() < 0.5:
            paras += [paren.format("一二三四五"[i]) + title, text]
        else:
            paras.append(paren.format("一二三四五"[i]) + title + "。" + text)
    return paras


def _table_paras(rng: random.Random, r: Report, kw: dict[str, object]) -> dict[str, list[str]]:
    """The short paragraphs some reports put above the tables of 二, 三 and 四, restating their numbers."""
    v, out = r.values, {"二": [], "三": [], "四": []}
    if rng.random() < 0.5:
        made_key = "normative.made" if r.fmt == "2019" else "normative.issued"
        stated = {made_key: v[made_key], "penalty.decisions": v["penalty.decisions"],
                  "license.decisions": v["license.decisions"]}
        lead = _ACTIVE_TABLE_PARA_2019 if r.fmt == "2019" else _ACTIVE_TABLE_PARA_2021
        text = _pick(rng, lead, made=stated[made_key], penalty=stated["penalty.decisions"],
                     license=stated["license.decisions"], **kw)
        r.prose_facts |= {k: x for k, x in stated.items() if f"{_prose_label(k)}{x}件" in text}
        out["二"].append(text)
    if rng.random() < 0.4:
        out["三"].append(_apply_sentence(rng, r))
    if rng.random() < 0.5:
        review, suit = v["review.total"], v["suit.direct.total"] + v["suit.after_review.total"]
        if review or suit:
            out["四"].append(_pick(rng, _REVIEW_SOME, review=review, suit=suit, **kw))
            r.prose_facts["review.total"] = review
        else:
            out["四"].append(_pick(rng, _REVIEW_NONE, **kw))
    return out


def _problems(rng: random.Random, kw: dict[str, object]) -> list[str]:
    problems = rng.sample(_PROBLEMS, k=rng.randint(2, 4))
    lead = _pick(rng, _PROBLEM_LEAD, problems="、".join(problems), **kw)
    enum = rng.choice(_ENUMS)
    steps = rng.sample(_IMPROVEMENTS, k=rng.randint(2, 4))
    return [lead + "下一步，将从以下几个方面加以改进："] + [f"{enum[i]}{s}" for i, s in enumerate(steps)]


def write_prose(rng: random.Random, r: Report) -> None:
    """Fill r.prose (by part) and r.prose_facts."""
    kw = {"year": r.year, "me": r.agency.self_name, "agency": r.agency.name, "place": r.agency.place,
          "short": r.agency.name[:2]}
    r.prose["intro"] = [_pick(rng, _INTRO, **kw)] if rng.random() < 0.6 else []
    r.prose["一"] = _overview(rng, r, kw)
    r.prose |= _table_paras(rng, r, kw)
    r.prose["五"] = _problems(rng, kw)
    r.prose["六"] = [_pick(rng, _OTHER_2019 if r.fmt == "2019" else _OTHER_2021, **kw)]


# ====================================================================== cells
def _thousands(text: str) -> str:
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + ("." + frac if frac else "")


def cell_text(key: str, value: Value, style: Style) -> str:
    """The text of one value cell as the report writes it."""
    if key in money_keys():
        if value == 0:
            return "0"
        text = f"{value:.4f}" if style.money_fixed4 else f"{value:.4f}".rstrip("0").rstrip(".")
        text = _thousands(text) if style.thousands and value >= 1000 else text
        return text + ("万元" if style.amount_unit == "cell" else "")
    text = _thousands(str(abs(value))) if style.thousands and abs(value) >= 1000 else str(abs(value))
    if key.endswith(".change") and value:
        signs = {"plain": ("", "-"), "word": ("增", "减"), "plus": ("+", "-")}[style.sign]
        return signs[0 if value > 0 else 1] + text
    return text


def blank_zero_keys(report: Report, layout: str) -> list[str]:
    """Keys whose zero the layout writes as an empty cell (the extractor flags them "blank")."""
    if layout != "cell_per_line_blank":
        return []
    specs = fact_specs()
    tables_blank = {"apply"} | ({"active"} if report.style.blank_active else set()) \
        | ({"review"} if report.style.blank_review else set())
    return [k for k, x in report.values.items() if x == 0 and specs[k].table in tables_blank]


# ====================================================================== table structure
@dataclass(frozen=True)
class ActiveSection:
    caption: str  # 第二十条第（一）项
    header: tuple[str, ...]  # 信息内容, column labels
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (label, value keys)


_MONEY_UNIT_HEADERS = ("（单位：万元）", "（万元）", "（单位：万元，保留4位小数）")


def _money_header(label: str, style: Style) -> str:
    return label if style.amount_unit == "cell" else label + _MONEY_UNIT_HEADERS[style.money_header]


def active_sections(report: Report) -> list[ActiveSection]:
    """二 as the template prints it: one section per 第二十条 item."""
    table = tables(report.fmt)[0]
    rows = {r.key: r for r in table.rows}
    if report.fmt == "2019":
        plan = (("（一）", ("regulation", "normative")), ("（五）", ("license", "other_service")),
                ("（六）", ("penalty", "coercion")), ("（八）", ("fee",)), ("（九）", ("procurement",)))
    else:
        plan = (("（一）", ("regulation", "normative")), ("（五）", ("license",)),
                ("（六）", ("penalty", "coercion")), ("（八）", ("fee",)))
    out = []
    for item, keys in plan:
        cols = rows[keys[0]].columns
        header = ("信息内容",) + tuple(_money_header(c.label, report.style) if c.unit == WAN_YUAN else c.label
                                      for c in cols)
        body = tuple((rows[k].label, tuple(rows[k].fact_key(c, "active") for c in rows[k].columns)) for k in keys)
        out.append(ActiveSection(f"第二十条第{item}项", header, body))
    return out


@dataclass(frozen=True)
class ApplyRow:
    key: str  # row key of 三
    labels: tuple[str, ...]  # label cells as a merged-cell table leaves them: "" where a rowspan covers


def _numeral(n: str, style: Style) -> str:
    return f"（{n}）" if style.paren == "full" else f"({n}) "


def _label(text: str, style: Style) -> str:
    return _TYPOS[text] if style.typo == text else text


def apply_rows(report: Report) -> list[ApplyRow]:
    """三's rows with their label cells: level-1 rows have one label, （一）（二）（六 2019）（七） two,
    the items of a group three (the group label only on its first item, 本年度办理结果 only on the first
    result row)."""
    st, rows = report.style, tables(report.fmt)[1].rows
    by_group: dict[str, list] = {}
    for r in rows:
        if "." in r.key:
            by_group.setdefault(r.key.split(".")[0], []).append(r)
    out = [ApplyRow("new", ("一、本年新收政府信息公开申请数量",)), ApplyRow("carried_in", ("二、上年结转政府信息公开申请数量",))]
    results: list[ApplyRow] = [
        ApplyRow("granted", ("", _numeral("一", st) + "予以公开")),
        ApplyRow("partial", ("", _numeral("二", st) + "部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ]
    groups = [("三", "不予公开", "denied"), ("四", "无法提供", "unable"), ("五", "不予处理", "rejected")]
    if report.fmt == "2021":
        groups.append(("六", "其他处理", "other"))
    for numeral, title, group in groups:
        for i, r in enumerate(by_group[group]):
            num = st.item_num.replace("1", str(i + 1))
            results.append(ApplyRow(r.key, ("", _numeral(numeral, st) + title if i == 0 else "",
                                            num + _label(r.label, st))))
    if report.fmt == "2019":
        results.append(ApplyRow("other", ("", _numeral("六", st) + "其他处理")))
    results.append(ApplyRow("total", ("", _numeral("七", st) + "总计")))
    results[0] = ApplyRow(results[0].key, ("三、本年度办理结果",) + results[0].labels[1:])
    return out + results + [ApplyRow("carried_out", ("四、结转下年度继续办理",))]


_CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_SUB_APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_REVIEW_HEAD = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _spaced(text: str, style: Style) -> str:
    """自 然 人: the stray spaces pasted PDF text carries."""
    return " ".join(text) if style.spaced_headers else text


def _values(report: Report, keys: list[str] | tuple[str, ...], blanks: set[str]) -> list[str]:
    return ["" if k in blanks else cell_text(k, report.values[k], report.style) for k in keys]


def _apply_keys(row: str) -> list[str]:
    return [f"apply.{row}.{c}" for c in APPLY_COLS]


def _review_keys() -> list[str]:
    return [f"{g}.{c.key}" for g, _ in REVIEW_GROUPS for c in REVIEW_COLUMNS]


# ====================================================================== text layouts
def _cell_lines(cells: list[str], style: Style, broken: bool) -> list[str]:
    """One cell per tab-indented line; with `broken` some labels wrap, the continuation without a tab."""
    lines = []
    for c in cells:
        cut = _break_at(c, style) if broken else 0
        lines += [f"\t{c[:cut]}", c[cut:]] if cut else [f"\t{c}"]
    return lines


def _break_at(label: str, style: Style) -> int:
    """Where a long label wraps in a narrow Word cell (0: it does not)."""
    for word in style.broken_labels:
        if (label == word if word == "总计" else word in label) and _BREAKS[word] in label:
            return label.index(_BREAKS[word], 1)
    return 0


def _cpl_tables(report: Report, blank: bool) -> dict[str, list[str]]:
    """cell_per_line (000) and cell_per_line_blank (004): every cell on its own line, rows separated by a
    blank line."""
    st = report.style
    blanks = set(blank_zero_keys(report, "cell_per_line_blank")) if blank else set()
    row = lambda cells: _cell_lines(cells, st, blank) + [""]  # noqa: E731
    active: list[str] = []
    for sec in active_sections(report):
        active += row([sec.caption]) + row(list(sec.header))
        for label, keys in sec.rows:
            active += row([label] + _values(report, keys, blanks))
    apply = row([_CHECK_NOTE, "申请人情况"]) + row(["", "自然人", "法人或其他组织", "总计"]) \
        + row(["", ""] + list(_SUB_APPLICANTS) + [""])
    for r in apply_rows(report):
        apply += row(list(r.labels) + _values(report, _apply_keys(r.key), blanks))
    review = row(["行政复议", "行政诉讼"]) + row(list(_REVIEW_HEAD) + ["未经复议直接起诉", "复议后起诉"]) \
        + row([""] * 5 + list(_REVIEW_HEAD) * 2) + row(_values(report, _review_keys(), blanks))
    return {"二": active, "三": apply, "四": review}


def _tab_tables(report: Report, padded: bool) -> dict[str, list[str]]:
    """tab_rows (002/003): one row per line; tab_rows_padded adds empty filler cells around the values."""
    st = report.style
    pad_b, pad_a = ([""] * st.pad_before, [""] * st.pad_after) if padded else ([], [])
    line = lambda cells: "\t".join(cells)  # noqa: E731
    active: list[str] = []
    for sec in active_sections(report):
        width = 4 if report.fmt == "2019" or sec.caption.endswith("（一）项") else len(sec.header)
        fill = lambda cells: cells + [""] * (width - len(cells))  # noqa: E731
        active += [line(fill([sec.caption])), line(fill(list(sec.header)))]
        for label, keys in sec.rows:
            active.append(line([label] + pad_b + fill(_values(report, keys, set()))[: width - 1] + pad_a))
    apply = [line([_CHECK_NOTE, "申请人情况"] + [""] * 7),
             line(["", _spaced("自然人", st), "法人或其他组织", "", "", "", "", "总计", ""]),
             line(["", ""] + [_spaced(s, st) for s in _SUB_APPLICANTS] + ["", ""])]
    for r in apply_rows(report):
        labels = list(r.labels)
        if st.split_numeral and r.key in ("other", "total") and labels[-1][:1] in "（(":
            cut = labels[-1].index("）" if "）" in labels[-1] else ")") + 1
            labels[-1:] = [labels[-1][:cut].strip(), labels[-1][cut:].strip()]  # "(六)\t其他处理"
        if padded and labels[0] == "" and (_stable_number(report, r.key) % 7 == 0):
            labels = [x for x in labels if x]  # a row that lost its leading filler cells (002)
        trail = [""] if not padded and _stable_number(report, r.key) % 2 else []
        apply.append(line(labels + pad_b + _values(report, _apply_keys(r.key), set()) + pad_a + trail))
    heads = [_spaced(h, st) if len(h) == 4 and st.spaced_headers else h for h in _REVIEW_HEAD]
    review = [line(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9),
              line(heads + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4),
              line([""] * 5 + heads * 2),
              line(pad_b + _values(report, _review_keys(), set()) + pad_a)]
    return {"二": active, "三": apply, "四": review}


def _stable_number(report: Report, salt: str) -> int:
    """A small deterministic number for per-row choices (Python's hash() varies between runs)."""
    return sum(map(ord, f"{report.agency.name}{report.year}{salt}"))


def _title_lines(report: Report) -> list[str]:
    name, year = report.agency.name, report.year
    return ([name, f"{year}年政府信息公开工作年度报告"], [f"{name}{year}年政府信息公开工作年度报告"],
            [name, f"{year} 年政府信息公开工作年度报告"])[report.style.title]


def _date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_PART_TITLES = {"一": "一、总体情况", "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
                "四": "四、政府信息公开行政复议、行政诉讼情况", "五": "五、存在的主要问题及改进情况",
                "六": "六、其他需要报告的事项"}


def _text_document(report: Report, table_lines: dict[str, list[str]]) -> str:
    """Title, parts with prose and tables, signature: the body every plain-text layout shares."""
    gap = [""] if report.style.para_gap else []
    lines = _title_lines(report) + [""]
    for p in report.prose["intro"]:
        lines += [p] + gap
    for part, title in _PART_TITLES.items():
        lines += [title] + gap
        for p in report.prose.get(part, []):
            lines += [p] + gap
        if part in table_lines:
            lines += table_lines[part] + [""]
    lines += [""]
    if report.style.signature:
        lines.append(report.agency.name)
    lines.append(_date_text(report.date))
    return "\n".join(lines) + "\n"


# ====================================================================== markdown
def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return [_md_row(rows[0]), _md_row(["---"] * width)] + [_md_row(r) for r in rows[1:]]


def _md_tables(report: Report) -> dict[str, list[str]]:
    st = report.style
    active: list[str] = []
    secs = active_sections(report)
    if st.md_split_active:
        for sec in secs:
            body = [[label] + _values(report, keys, set()) for label, keys in sec.rows]
            active += [f"**{sec.caption}**", ""] + _md_table([list(sec.header)] + body) + [""]
    else:
        rows: list[list[str]] = []
        for sec in secs:
            rows += [[sec.caption], list(sec.header)] + [[label] + _values(report, keys, set())
                                                          for label, keys in sec.rows]
        active = _md_table(rows)
    apply_rows_md = [[_CHECK_NOTE, "", "", "申请人情况"], ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                     ["", "", "", ""] + list(_SUB_APPLICANTS) + [""]]
    for r in apply_rows(report):
        labels = list(r.labels) + [""] * (3 - len(r.labels))
        apply_rows_md.append(labels + _values(report, _apply_keys(r.key), set()))
    review = _md_table([["行政复议", "", "", "", "", "行政诉讼"],
                        list(_REVIEW_HEAD) + ["未经复议直接起诉", "", "", "", "", "复议后起诉"],
                        [""] * 5 + list(_REVIEW_HEAD) * 2, _values(report, _review_keys(), set())])
    return {"二": active, "三": _md_table(apply_rows_md), "四": review}


def _markdown_document(report: Report) -> str:
    tables_md = _md_tables(report)
    lines = [f"# {report.agency.name}{report.year}年政府信息公开工作年度报告", ""]
    for p in report.prose["intro"]:
        lines += [p, ""]
    for part, title in _PART_TITLES.items():
        lines += [f"## {title}", ""]
        for p in report.prose.get(part, []):
            lines += [p, ""]
        if part in tables_md:
            lines += tables_md[part] + [""]
    if report.style.signature:
        lines += [report.agency.name, ""]
    lines.append(_date_text(report.date))
    return "\n".join(lines) + "\n"


# ====================================================================== html
def _td(text: str, style: Style, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    body = html.escape(text, quote=False)
    if style.html_cell_p and text:
        body = f'<p style="text-align:center"><span style="font-size:14px">{body}</span></p>'
    return f"<td{attrs}>{body}</td>"


def _tr(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _table(rows: list[str]) -> str:
    return '<table border="1" cellspacing="0" cellpadding="0">\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def _html_active(report: Report) -> str:
    """二 as the national template pages print it: one 4-column table, narrower rows widened by colspan."""
    st, rows = report.style, []
    for sec in active_sections(report):
        rows.append(_tr([_td(sec.caption, st, colspan=4)]))
        n = len(sec.header) - 1
        spans = [1] * (n - 1) + [4 - n]  # the last column takes what is left of the 4
        rows.append(_tr([_td(sec.header[0], st)] + [_td(h, st, colspan=s) for h, s in zip(sec.header[1:], spans)]))
        for label, keys in sec.rows:
            vals = _values(report, keys, set())
            rows.append(_tr([_td(label, st)] + [_td(x, st, colspan=s) for x, s in zip(vals, spans)]))
    return _table(rows)


def _html_apply(report: Report) -> str:
    st = report.style
    rows = [_tr([_td(_CHECK_NOTE, st, rowspan=3, colspan=3), _td("申请人情况", st, colspan=7)]),
            _tr([_td("自然人", st, rowspan=2), _td("法人或其他组织", st, colspan=5), _td("总计", st, rowspan=2)]),
            _tr([_td(s, st) for s in _SUB_APPLICANTS])]
    layout = apply_rows(report)
    n_results = sum(1 for r in layout if r.key not in ("new", "carried_in", "carried_out"))
    group_size = {}
    for r in layout:
        if len(r.labels) == 3:
            group = r.key.split(".")[0]
            group_size[group] = group_size.get(group, 0) + 1
    for r in layout:
        vals = [_td(x, st) for x in _values(report, _apply_keys(r.key), set())]
        labels = []
        if len(r.labels) == 1:
            labels = [_td(r.labels[0], st, colspan=3)]
        else:
            if r.labels[0]:
                labels.append(_td(r.labels[0], st, rowspan=n_results))
            if len(r.labels) == 2:
                labels.append(_td(r.labels[1], st, colspan=2))
            else:
                if r.labels[1]:
                    labels.append(_td(r.labels[1], st, rowspan=group_size[r.key.split(".")[0]]))
                labels.append(_td(r.labels[2], st))
        rows.append(_tr(labels + vals))
    return _table(rows)


def _html_review(report: Report) -> str:
    st = report.style
    rows = [_tr([_td("行政复议", st, colspan=5), _td("行政诉讼", st, colspan=10)]),
            _tr([_td(h, st, rowspan=2) for h in _REVIEW_HEAD]
                + [_td("未经复议直接起诉", st, colspan=5), _td("复议后起诉", st, colspan=5)]),
            _tr([_td(h, st) for h in _REVIEW_HEAD * 2]),
            _tr([_td(x, st) for x in _values(report, _review_keys(), set())])]
    return _table(rows)


def _html_document(report: Report) -> str:
    st, title = report.style, f"{report.agency.name}{report.year}年政府信息公开工作年度报告"
    para = lambda t: f'<p style="text-indent:2em">{html.escape(t, quote=False)}</p>'  # noqa: E731
    heading = (lambda t: f"<p><strong>{t}</strong></p>") if st.html_heading == "p" \
        else (lambda t: f"<{st.html_heading}>{t}</{st.html_heading}>")
    tables_html = {"二": _html_active(report), "三": _html_apply(report), "四": _html_review(report)}
    body = [f'<h1 class="title">{html.escape(title)}</h1>',
            f'<div class="info">来源：{html.escape(report.agency.name)}　发布日期：{report.date.isoformat()}</div>',
            '<div class="article-content">']
    body += [para(p) for p in report.prose["intro"]]
    for part, text in _PART_TITLES.items():
        body.append(heading(text))
        body += [para(p) for p in report.prose.get(part, [])]
        if part in tables_html:
            body.append(tables_html[part])
    if st.signature:
        body.append(f'<p style="text-align:right">{html.escape(report.agency.name)}</p>')
    body += [f'<p style="text-align:right">{_date_text(report.date)}</p>', "</div>"]
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}_{html.escape(report.agency.place)}人民政府</title>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


# ====================================================================== render
def render(report: Report, layout: str) -> tuple[str | bytes, str]:
    """The report's text in a layout and the file suffix for it (encode the text to write it)."""
    if layout == "cell_per_line":
        return _text_document(report, _cpl_tables(report, blank=False)), ".txt"
    if layout == "cell_per_line_blank":
        return _text_document(report, _cpl_tables(report, blank=True)), ".txt"
    if layout == "tab_rows":
        return _text_document(report, _tab_tables(report, padded=False)), ".txt"
    if layout == "tab_rows_padded":
        return _text_document(report, _tab_tables(report, padded=True)), ".txt"
    if layout == "markdown":
        return _markdown_document(report), ".md"
    if layout == "html":
        return _html_document(report), ".html"
    raise ValueError(f"unknown layout {layout!r}")


def encode(content: str | bytes, encoding: str) -> bytes:
    """utf-16 writes a BOM (Python's codec does); utf-8-sig too."""
    return content if isinstance(content, bytes) else content.encode(encoding)


# ====================================================================== inconsistencies
def _break(rng: random.Random, report: Report) -> None:
    """Make one deliberate inconsistency and record it in report.defects (the rules then broken are
    recomputed by check_rules when the truth is written)."""
    v, d = report.values, rng.choice((1, 1, 2, 3, 10))
    kind = rng.choice(("total_typo", "carried_out", "applicant_sum", "review_total", "result_row", "prose"))
    if kind == "review_total" or (kind == "prose" and not _restated_keys(report)):
        kind = "review_total"
        changed = {"review.total": v["review.total"] + d}
    elif kind == "total_typo":
        changed = {"apply.total.total": v["apply.total.total"] + d}
    elif kind == "carried_out":
        col = rng.choice(APPLICANTS)
        changed = {f"apply.carried_out.{col}": v[f"apply.carried_out.{col}"] + d,
                   "apply.carried_out.total": v["apply.carried_out.total"] + d}
    elif kind == "applicant_sum":
        changed = {"apply.new.total": v["apply.new.total"] + d}
    elif kind == "result_row":
        col = rng.choice(APPLICANTS)
        changed = {f"apply.granted.{col}": v[f"apply.granted.{col}"] + d,
                   "apply.granted.total": v["apply.granted.total"] + d}
    else:
        key = rng.choice(_restated_keys(report))
        report.defects.append({"kind": "prose", "key": key, "table_value": v[key], "prose_value": v[key] + d})
        _restate(report, key, v[key], v[key] + d)
        return
    report.defects.append({"kind": "rule", "changed": {k: [v[k], x] for k, x in changed.items()}})
    v.update(changed)
    for key in sorted(changed.keys() & report.prose_facts.keys()):  # prose keeps the pre-typo number
        if report.prose_facts[key] != v[key]:
            report.defects.append({"kind": "prose", "key": key, "table_value": v[key],
                                   "prose_value": report.prose_facts[key]})


def _restated_keys(report: Report) -> list[str]:
    """Keys of the tables the prose restates as '<label><n>件' (so that the number can be changed)."""
    text = "".join(p for paras in report.prose.values() for p in paras)
    return sorted(k for k, x in report.prose_facts.items()
                  if k in report.values and f"{_prose_label(k)}{x}件" in text)


def _restate(report: Report, key: str, old: Value, new: Value) -> None:
    """Change the number a prose sentence states for `key` (the sentences write it as '<n>件')."""
    report.prose_facts[key] = new
    for part, paras in report.prose.items():
        report.prose[part] = [p.replace(f"{_prose_label(key)}{old}件", f"{_prose_label(key)}{new}件") for p in paras]


def _prose_label(key: str) -> str:
    return {"apply.new.total": "收到政府信息公开申请", "apply.carried_in.total": "上年结转",
            "apply.granted.total": "予以公开", "apply.partial.total": "部分公开", "apply.total.total": "已办结",
            "apply.carried_out.total": "结转下年度继续办理", "penalty.decisions": "行政处罚决定",
            "license.decisions": "行政许可处理决定", "normative.made": "规范性文件",
            "normative.issued": "行政规范性文件", "review.total": "行政复议",
            "prose.published_info": "政府信息", "prose.training_persons": "培训"}.get(key, "")


# ====================================================================== corpus
@dataclass
class TruthRecord:
    file: str
    agency: str
    year: int
    format: str
    layout: str
    encoding: str
    values: dict[str, Value]
    inconsistent: bool
    blank_zero_keys: list[str]
    province: str = ""
    date: str = ""
    broken_rules: list[int] = field(default_factory=list)
    defects: list[dict] = field(default_factory=list)
    prose_facts: dict[str, Value] = field(default_factory=dict)
    prev_file: str | None = None  # the same agency's report of the year before, if in the corpus

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _series(rng: random.Random, n: int, pool: list[Agency]) -> list[tuple[Agency, list[int]]]:
    """Agencies with runs of consecutive years, n reports in all; each agency used once."""
    agencies = rng.sample(pool, k=min(len(pool), n))
    out, left = [], n
    for agency in agencies:
        if left <= 0:
            break
        length = min(left, rng.choice((1, 1, 2, 3, 3, 4, 5)))
        start = rng.randint(YEARS[0], YEARS[-1] - length + 1)
        out.append((agency, list(range(start, start + length))))
        left -= length
    while left > 0:  # more reports than agencies: lengthen the runs, a year at a time
        grown = 0
        for _, years in out:
            if left and years[-1] < YEARS[-1]:
                years.append(years[-1] + 1)
                left, grown = left - 1, grown + 1
            elif left and years[0] > YEARS[0]:
                years.insert(0, years[0] - 1)
                left, grown = left - 1, grown + 1
        if not grown:
            raise ValueError(f"agency pool too small for {n} reports")
    return out


def _consistent_reports(rng: random.Random, n: int, pool: list[Agency]) -> list[Report]:
    """Series of one agency's consecutive years: 上年结转 of year Y+1 is 结转下年度继续办理 of year Y."""
    reports: list[Report] = []
    for agency, years in _series(rng, n, pool):
        carried: dict[str, int] | None = None
        for year in years:
            r = make_report(rng, agency=agency, year=year, carried_in=carried)
            carried = {c: int(r.values[f"apply.carried_out.{c}"]) for c in APPLICANTS}
            reports.append(r)
    return reports


def _inconsistent_reports(rng: random.Random, n: int, pool: list[Agency]) -> list[Report]:
    """Reports with one deliberate break each; every third is a pair of years whose 结转 does not carry."""
    reports: list[Report] = []
    while len(reports) < n:
        agency = pool[len(reports)]
        if n - len(reports) >= 2 and len(reports) % 3 == 2:
            first = make_report(rng, agency=agency, year=rng.choice((2019, 2020, 2021, 2022)))
            carried = {c: int(first.values[f"apply.carried_out.{c}"]) + rng.randint(1, 3) for c in APPLICANTS}
            second = make_report(rng, agency=agency, year=first.year + 1, carried_in=carried)
            for r in (first, second):
                r.defects.append({"kind": "cross_year", "years": [first.year, second.year]})
            reports += [first, second]
        else:
            r = make_report(rng, agency=agency)
            _break(rng, r)
            reports.append(r)
    return reports


def _pick_encoding(rng: random.Random, layout: str) -> str:
    if layout not in TEXT_LAYOUTS:
        return "utf-8"
    return rng.choices(ENCODINGS, weights=ENCODING_WEIGHTS)[0]


def _remove_previous(out: Path) -> None:
    """Delete the files an earlier run listed in out/truth.jsonl (and nothing else), so that a
    regenerated corpus holds no stale reports."""
    if not (out / "truth.jsonl").exists():
        return
    for rec in read_truth(out):
        path = out / rec["file"]
        if path.is_file() and path.resolve().is_relative_to(out.resolve()):
            path.unlink()


@dataclass(frozen=True)
class Written:
    reports: int
    inconsistent: int


def _pool_for(n: int, k: int) -> list[Agency]:
    """PLACES' agencies while they hold n reports (k of them inconsistent, one agency each) in 2019-2023;
    past that, enough of the nation's places for runs of about three years an agency."""
    pool = agency_pool()
    if (len(pool) - k) * len(YEARS) >= n - k:
        return pool
    return agency_pool(k + (n - k) // 3)


def write_corpus(out_dir: Path | str, n: int, seed: int, inconsistent_share: float = 0.03) -> Written:
    """Write n reports and truth.jsonl to out_dir. Layouts go round-robin within each format, so every
    layout gets both. The inconsistent portion lives in out_dir/inconsistent/ and is flagged in the truth.
    Files and truth lines are written as they are rendered (a 100,000-report corpus holds no truth in memory)."""
    out, rng = Path(out_dir), random.Random(seed)
    k = round(n * inconsistent_share) if n >= 10 else 0
    pool = _pool_for(n, k)
    rng.shuffle(pool)
    reports: list[tuple[Report, bool] | None] = [(r, False) for r in _consistent_reports(rng, n - k, pool[k:])]
    reports += [(r, True) for r in _inconsistent_reports(rng, k, pool[:k])]
    out.mkdir(parents=True, exist_ok=True)
    _remove_previous(out)
    if k:
        (out / "inconsistent").mkdir(exist_ok=True)
    width = max(4, len(str(n - 1)))  # file names sort in corpus order
    per_format: dict[str, int] = {}
    last_file: dict[str, tuple[int, str]] = {}  # agency → (year, file)
    with (out / "truth.jsonl.part").open("w", encoding="utf-8") as truth:
        for i, item in enumerate(reports):
            assert item is not None
            report, bad = item
            reports[i] = None  # rendered reports are let go
            layout = LAYOUTS[per_format.get(report.fmt, 0) % len(LAYOUTS)]
            per_format[report.fmt] = per_format.get(report.fmt, 0) + 1
            encoding = _pick_encoding(rng, layout)
            content, suffix = render(report, layout)
            name = f"{'inconsistent/' if bad else ''}{i:0{width}d}_{layout}_{report.year}{suffix}"
            (out / name).write_bytes(encode(content, encoding))
            prev = last_file.get(report.agency.name)
            truth.write(TruthRecord(
                file=name, agency=report.agency.name, year=report.year, format=report.fmt, layout=layout,
                encoding=encoding, values=dict(report.values), inconsistent=bad,
                blank_zero_keys=blank_zero_keys(report, layout), province=report.agency.province,
                date=report.date.isoformat(),
                broken_rules=sorted({r for r, _ in check_rules(report.values, report.fmt)}),
                defects=report.defects, prose_facts=dict(report.prose_facts),
                prev_file=prev[1] if prev and prev[0] == report.year - 1 else None).to_json() + "\n")
            last_file[report.agency.name] = (report.year, name)
    (out / "truth.jsonl.part").replace(out / "truth.jsonl")  # truth.jsonl present = the corpus is whole
    return Written(n, k)


def read_truth(out_dir: Path | str) -> list[dict]:
    path = Path(out_dir) / "truth.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate annual reports with known truth.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="number of reports")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inconsistent-share", type=float, default=0.03)
    args = ap.parse_args(argv)
    written = write_corpus(args.out_dir, args.n, args.seed, args.inconsistent_share)
    print(f"wrote {written.reports} reports ({written.inconsistent} inconsistent) and truth.jsonl to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
