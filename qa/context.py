"""Conversation context: a follow-up (那行政许可呢？ 前五名呢 济南呢 最少的呢 2021年呢) reuses the previous
question's reading with the part that changed. The UI keeps one Conversation per chat session."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from qa.cnnum import parse_number
from qa.lexicon import COLUMN_GROUPS, items, measure
from qa.op_value import RE_EACH_YEAR
from qa.phrasing import FOLLOWED_VALUE_NOTE
from qa.prose_more import RE_TELL_MORE
from qa.relyears import is_relative_note
from qa.relyears import resolve as resolve_relative
from qa.understand import (AGGREGATES, RE_COMPARE, RE_CORRECTION, RE_NOT_BUT, RE_OVER_YEARS, RE_THAN, Plan, Reader,
                           is_followup)

MAX_TURNS = 20


class Turn(BaseModel):
    question: str
    plan: Plan
    focus: list[str] = Field(default_factory=list)  # the agencies the answer was about (for 它 / 该单位)
    focus_years: list[int] = Field(default_factory=list)  # and the years (它的行政许可呢: the winner's year)
    found_item: str | None = None  # the part a breakdown found largest (哪种办理结果最多 → 它占总计的比例)


class Conversation(BaseModel):
    turns: list[Turn] = Field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def add(self, question: str, plan: Plan, focus: list[str], focus_years: list[int] | None = None,
            found_item: str | None = None) -> Conversation:
        """A new conversation with this turn appended (the old one is left as it was)."""
        turn = Turn(question=question, plan=plan, focus=focus, focus_years=focus_years or [], found_item=found_item)
        return Conversation(turns=[*self.turns[-(MAX_TURNS - 1):], turn])


def _short(plan: Plan) -> bool:
    """Few words of its own: English words the term table left (how many were 予以公开) add no measure or name."""
    return len(RE_LATIN_WORD.sub("", plan.text)) <= 10


RE_LATIN_WORD = re.compile(r"[a-z']{2,}\s*")
# the words of a bare ranking follow-up (第二多的是谁 / 最少的是哪家 / 2020年哪个单位最多): what is left names a thing
RE_ASKING_ONLY = re.compile(r"哪个|哪家|哪一?家|哪些|哪几|单位|部门|机关|谁|是|的|最多|最少|最高|最低|最大|最小|"
                            r"第[一二三四五六七八九十\d]+|多|少|名|排|位|呢|那|前|后|[a-z'?？。，,\s\d]|年度?")


# words by which a question sets its own scope (哪个单位行政处罚最多): it starts fresh, even when short
RE_OWN_SCOPE = re.compile(r"哪个|哪家|哪些|哪几|各单位|各个|所有|全部|每个|每家|谁|单位")
RE_BOTH = re.compile(r"(?:(?:这|那)?(?:[两二三四五六七八九十]|几)(?:个|年|家|份|项)?|它们|他们|这些|二者|两者).{0,3}"
                     r"(?:加起来|合计|一共|总共|相加|之和)")
RE_FILLER = re.compile(r"[那呢的吗么了？?。，,！!\s＿\d]|年度?|还有|那么")  # what an elliptical question adds
RE_WHICH_YEAR = re.compile(r"哪一?年|哪几年|哪些年|哪个年份|年份")  # 哪年最多: over the years of the same agency
TEXT_OPS = {"prose", "mixed", "findings", "out_of_scope", "gaps"}  # answers in words: a measure after one asks for a value
RE_AGAINST = re.compile(r"比|还是|相比|对比")  # 和洪泽比呢 / 跟伊川相比: the named one against the last answer's
RE_PRONOUN_WORDS = re.compile(r"它们?|该单位|这个单位|这家单位?|其|前一年|后一年|上一年|下一年|上年|前年|去年")
RE_WITHIN = re.compile(r"其中|这些|这几|里面|当中|之中|以上|上述|它们")  # 其中最少的: the set the last answer listed
RE_EVERY_REPORT = re.compile(r"(?:全部|所有|各个?)(?:报告|单位|家)")  # 占所有报告的比例呢: the sum over every report
RE_ORGS_ALONE = re.compile(r"^(?:那|那么)?(?:单位|组织|企业和组织)(?:的|申请的?)?(?:呢|有?多少|有?几)")  # after 个人的呢
RE_NTH_PLACE = re.compile(r"第([二三四五六七八九十\d]+)名")  # 第三名的行政处罚呢: a place of the last ranking
RE_WHY = re.compile(r"^(?:那|那么)?(?:这是|这|是)?(?:为什么|为啥|为何|怎么回事|咋回事|什么原因|原因是什么|原因呢|哪里不对|错在哪)")
RE_SAME_QUESTION = re.compile(r"(?:同样|一样|相同|同一个?)的?问题|这个问题|同一问题|同样问")
RE_WORD_READ = re.compile(r"「([^」]{1,8})」读作")  # a note on how one word of a question was read
RE_FIRST = re.compile(r"第一名|第一的|最多的那|最高的那|那年|那一年|当年|同一年")
RANKINGS = ("max", "min", "top", "bottom", "nth")
# 换个单位，用元表示 / 换成亿元呢: the last answer again, in the unit this question's words ask (qa.phrasing.in_yuan)
RE_UNIT_SWITCH = re.compile(r"换个?单位|(?:换|改|用|以|按|折合|换算)(?:成|为|作)?(?:人民币)?(?:亿元|万元|元)|"
                            r"(?:亿元|万元|元)(?:表示|计|为单位)")
# 多少？ / 具体数呢 / 具体是多少 / 数字呢: the number of what the last answer talked about
RE_BARE_NUMBER = re.compile(r"(?:那|那么)?(?:具体)?的?(?:数字?|数值|数目|数据)?(?:是|有|为)?(?:多少|几)?(?:件|项|个|条|次)?呢?")


def _continued(prev: Plan, plan: Plan) -> Plan:
    """A copy of the previous plan that answers this question (its words and notes)."""
    new = prev.model_copy(deep=True)
    new.question, new.text, new.followup, new.notes = plan.question, plan.text, True, list(plan.notes)
    # how a word of the last question was read (「那年」读作…) is not said again for a question without it
    new.defaults = [d for d in new.defaults if not ((w := RE_WORD_READ.match(d)) and w.group(1) not in plan.text)]
    if prev.operation == "value" and prev.all_years:  # 各是多少 → 那前年呢: each year again, no total unasked
        new.each = prev.each or bool(RE_EACH_YEAR.search(prev.text))
    return new


def _elliptical(plan: Plan, turns: list[Turn]) -> Plan | None:
    """Follow-ups that need more than the last plan: 两个加起来 (the last turns' reports summed), 增长了百分之几
    (the change between the last turns' years), 占不予公开的比例 (the last measure as the numerator),
    第一名那年的行政复议呢 (the winner's agency and year)."""
    last = turns[-1]
    prev = last.plan
    if prev.item is not None and not plan.item and not plan.agencies and not plan.years:
        if RE_UNIT_SWITCH.search(plan.text):
            return _continued(prev, plan)
        if _bare_number(plan.text):
            return _number_of_last(plan, last)
    if prev.item is not None and not plan.item and (compared := _compared_again(plan, last)) is not None:
        return compared
    if prev.item is None or plan.agencies:
        return None
    # 占比是多少 after 其中…呢: a share, not a comparison of the two; 占所有报告行政处罚合计的比例呢 names the
    # measure just asked again (its whole over every report)
    if plan.bare_op == "share" and not plan.item or plan.operation == "share" and plan.item == prev.item and \
            plan.years in ([], list(prev.years or turns[-1].focus_years)) and RE_EVERY_REPORT.search(plan.text):
        return _share_of_last(plan, turns)
    # 合计 / 加起来呢 alone, after two turns that asked different things (not a series): the same as 两个加起来
    both = RE_BOTH.search(plan.text) or plan.bare_op == "sum" and _short(plan) and not plan.all_years and \
        not (prev.agencies and prev.all_years and prev.operation == "value")
    if (both or RE_COMPARE.search(plan.text) and not plan.change and not plan.years) \
            and not plan.item and (new := _measures_of_turns(plan, turns, summed=bool(both))):
        return new  # 两个加起来 / 哪个多 after two measures of one report: those measures, summed or compared
    if both and not plan.item and (RE_BOTH.search(plan.text) or len(prev.agencies) >= 2 or len(
            {(tuple(t.plan.agencies or t.focus), tuple(t.plan.years)) for t in turns[-3:] if t.plan.item == prev.item}) >= 2):
        new = _continued(prev, plan)
        years = sorted({y for t in turns[-3:] if t.plan.item == prev.item for y in (t.plan.years or t.focus_years)})
        agencies = list(dict.fromkeys(a for t in turns[-3:] if t.plan.item == prev.item for a in
                                      (t.plan.agencies or t.focus)))
        new.years, new.agencies, new.kind_agencies = years, agencies, []
        new.operation, new.op_explicit, new.all_years = "sum", True, True
        new.defaults = [d for d in new.defaults if not d.startswith("未指明单位")] + ["合计前几问的报告"]
        return new
    if plan.bare_op in ("sum", "avg") and not plan.item and prev.agencies and prev.all_years and \
            prev.operation == "value":  # 近三年分别几件 → 加起来呢 / 平均呢: the same series, summed or averaged
        new = _continued(prev, plan)
        new.operation, new.op_explicit = plan.bare_op, True
        return new
    same = [t for t in turns[-3:] if t.plan.item == prev.item]  # the last turns about the same measure
    # 本年增减呢 after 上一年项目数量呢: the template's 本年增/减 column of the same row, not a change between years
    column_change = f"{items()[prev.item].table}:change" in plan.column_words and measure(prev.item, "change")
    if (plan.change and not column_change or plan.percent or plan.times) and not plan.item and \
            plan.operation != "share":
        # 是2021年的几倍: the year named against the last one asked; 增长了百分之几: the turns' years
        years = sorted({plan.years[0], prev.years[-1]}) if len(plan.years) == 1 and prev.years else \
            sorted({y for t in same for y in t.plan.years})
        if years and prev.operation == "share" and (prev.agencies or last.focus) and plan.change:
            # 纠正率呢 → 和上一年比呢: the rate in both years, not the change of its numerator
            new = _continued(prev, plan)
            new.years = [years[0], years[-1]] if len(years) >= 2 else [years[0] - 1, years[0]]
            new.agencies, new.all_years = list(prev.agencies or last.focus[:1]), True
            return new
        if years and (prev.agencies or last.focus):  # 比上一年增长多少: one year against the report before
            new = _continued(prev, plan)
            new.years = [years[0], years[-1]] if len(years) >= 2 else years[-1:]
            new.operation, new.percent, new.times = "change", len(years) >= 2 or plan.percent, plan.times
            new.agencies = list(prev.agencies or last.focus[:1])
            return new
    # 谁多 / 差多少 after two values: a comparison of the turns' agencies (or years)
    if RE_COMPARE.search(plan.text) and not plan.item and not plan.change and not plan.years:
        agencies = list(dict.fromkeys(a for t in same for a in (t.plan.agencies or t.focus)))
        years = sorted({y for t in same for y in t.plan.years})
        if len(agencies) >= 2 or len(years) >= 2:
            new = _continued(prev, plan)
            new.times, new.percent = plan.times, plan.percent
            if len(agencies) >= 2:
                new.agencies, new.operation = agencies, "compare"
            else:
                new.years, new.operation = [years[0], years[-1]], "change"
            return new
    if plan.operation == "share" and plan.share_of and (not plan.share_items or plan.share_items == plan.share_of):
        new = plan.model_copy(deep=True)
        # 两项合计占…的比例呢 after two measures of one report: both summed over the whole named
        pair = _pair_of_turns(turns) if RE_BOTH.search(plan.text) else None
        # (after 两个加起来, the sum just given is the numerator: 占…的比例呢)
        numer = [pair[0].item, pair[1].item] if pair else [prev.item, *prev.extra_items] \
            if prev.operation == "sum_measures" else [prev.item]
        new.item, new.share_items = numer[0], numer
        new.column, new.column_explicit = prev.column, prev.column_explicit
        new.agencies, new.years, new.followup = list(prev.agencies), list(prev.years), True
        new.defaults = [f"分子按前两问的「{items()[numer[0]].label}」与「{items()[numer[1]].label}」之和"
                        if len(numer) == 2 else f"分子按上一问的「{items()[prev.item].label}」"]
        return new
    if (nth := RE_NTH_PLACE.search(plan.text)) and plan.item and plan.item != prev.item and \
            prev.operation in ("max", "min", "top", "bottom", "rank", "nth"):
        # 第三名的行政处罚呢 after a ranking: the report in that place, then the measure now asked of it
        new = _continued(prev, plan)
        new.operation, new.nth, new.of_nth, new.extra_items = "nth", parse_number(nth.group(1)), True, [plan.item]
        new.order = "asc" if prev.operation in ("min", "bottom") or prev.order == "asc" else "desc"
        return new
    if RE_FIRST.search(plan.text) and plan.item and last.focus:
        new = plan.model_copy(deep=True)
        new.agencies, new.years, new.all_years, new.followup = list(last.focus[:1]), list(last.focus_years[:1]), \
            False, True
        new.defaults = [d for d in new.defaults if not d.startswith("未指明单位")] + \
            [f"「{RE_FIRST.search(plan.text).group()}」读作上一问找到的{last.focus[0]}{f'{last.focus_years[0]}年' if last.focus_years else ''}"]
        if new.operation in AGGREGATES:
            new.operation = "value"
        return new
    return None


def _bare_number(text: str) -> bool:
    """多少？ / 具体数呢: the question asks only for a number, naming nothing."""
    t = re.sub(r"[？?。！!，,\s]", "", text)
    return bool(t) and RE_BARE_NUMBER.fullmatch(t) is not None and re.search(r"多少|几|数", t) is not None


def _number_of_last(plan: Plan, last: Turn) -> Plan:
    """具体数呢 after 哪一年最多 / 哪家最多: the value of the report the ranking found (its agency and year);
    after any other answer, that answer again (its numbers are the ones asked)."""
    new = _continued(last.plan, plan)
    if last.plan.operation in RANKINGS and len(last.focus) == 1 and len(last.focus_years) == 1:
        new.agencies, new.years, new.all_years = list(last.focus), list(last.focus_years), False
        new.operation, new.n, new.nth, new.comparison = "value", None, None, None
        new.defaults = [d for d in new.defaults if not d.startswith("范围")]
    return new


def _year_asked(last: Turn) -> list[int]:
    """The one year the last answer was about: the year it named, or the year its ranking found (它比2021年多几件
    after 平潭哪一年最多)."""
    if len(last.plan.years) == 1:
        return list(last.plan.years)
    if last.plan.operation in RANKINGS and len(last.focus) == 1 and len(last.focus_years) == 1:
        return list(last.focus_years)
    return []


def _compared_again(plan: Plan, last: Turn) -> Plan | None:
    """The last measure, compared as this question asks: 洪泽比平潭多多少 (two agencies named, no measure), or
    是不是比2023年少 / 比2023年多多少 after a question about 2024 (that year against the one named, A比B as asked)."""
    prev = last.plan
    before = list(prev.agencies or last.focus[:1])
    if len(plan.agencies) >= 2 and (RE_COMPARE.search(plan.text) or plan.than_word or plan.times or plan.percent):
        new = _continued(prev, plan)
        new.agencies, new.agency_mentions, new.operation = list(plan.agencies), list(plan.agency_mentions), "compare"
    elif len(plan.agencies) == 1 and len(before) == 1 and plan.agencies != before and \
            (RE_COMPARE.search(plan.text) or RE_AGAINST.search(plan.text) or plan.times or plan.percent):
        # 比伊川多还是少 / 和洪泽比呢 / 是伊川的几倍: the last answer's agency against the one named now
        new = _continued(prev, plan)
        new.agencies, new.operation = before + list(plan.agencies), "compare"
        new.agency_mentions = list(prev.agency_mentions[:1]) + list(plan.agency_mentions)
        plan = plan.model_copy(update={"than_first": before[0]})
    elif (plan.than_word or RE_THAN.search(plan.text)) and not plan.agencies and len(plan.years) == 1 and \
            len(own := _year_asked(last)) == 1 and \
            own != plan.years and (prev.agencies or last.focus):
        new = _continued(prev, plan)
        new.agencies = list(prev.agencies or last.focus[:1])
        new.years, new.operation, new.all_years = sorted(own + plan.years), "change", True
        new.n, new.nth = None, None
        new.defaults = [d for d in new.defaults if not d.startswith("范围")]
        # 2025年比这一年少了百分之几: the year named before 比 is the one said more or less; else the one asked
        than = RE_THAN.search(plan.text)
        before = str(plan.years[0]) if than and 0 <= plan.text.find(str(plan.years[0])) < than.start() else None
        plan = plan.model_copy(update={"than_first": plan.than_first or before or str(own[0])})
    else:
        return None
    new.than_first, new.than_word, new.yesno = plan.than_first, plan.than_word, plan.yesno
    new.times, new.percent = plan.times, plan.percent
    return new


def _measures_of_turns(plan: Plan, turns: list[Turn], summed: bool) -> Plan | None:
    """The last two turns asked two measures of the same report (平潭2023年行政处罚多少件 / 那行政强制呢): a plan
    over both measures, summed (两个加起来) or compared (哪个多); the engine settles which (qa.operations)."""
    pair = [t for t in turns if t.plan.item][-2:]
    if len(pair) == 2 and (columns := _columns_of_turns(plan, pair)) is not None:
        return columns
    got = _pair_of_turns(turns)
    if got is None:
        return None
    a, b, agencies, years = got
    new = _continued(a, plan)
    new.extra_items, new.agencies, new.years, new.all_years = [b.item], agencies, years, False
    new.operation = "sum" if summed else "compare"
    new.times, new.percent = plan.times, plan.percent
    new.defaults = [d for d in new.defaults if not d.startswith("未指明单位")] + ["前两问的两项"]
    return new


def _pair_of_turns(turns: list[Turn]) -> tuple[Plan, Plan, list[str], list[int]] | None:
    """The last two turns' plans when they asked two measures of one report, with that report's agency and year."""
    pair = [t for t in turns if t.plan.item][-2:]
    if len(pair) < 2 or pair[0].plan.item == pair[1].plan.item:
        return None
    # where each was asked: the agency and the year named, or the one report the answer cited (它的行政许可呢)
    where = [(tuple(t.plan.agencies or t.focus[:1]), tuple(t.plan.years or t.focus_years)) for t in pair]
    if where[0] != where[1] or len(where[0][0]) != 1 or len(where[0][1]) > 1:
        return None
    return pair[0].plan, pair[1].plan, list(where[0][0]), list(where[0][1])


def _columns_of_turns(plan: Plan, pair: list[Turn]) -> Plan | None:
    """自然人那一列 → 商业企业那一列呢 → 这两个加起来等于总计吗: two columns of one row of one report, summed against
    the row's 总计 (qa.op_check.columns_summed says the sum and whether it matches)."""
    a, b = (t.plan for t in pair)
    where = {(tuple(t.plan.agencies or t.focus[:1]), tuple(t.plan.years or t.focus_years)) for t in pair}
    if a.item != b.item or a.column == b.column or "total" in (a.column, b.column) or len(where) != 1 or \
            plan.operation != "findings":
        return None
    (agencies, years), = where
    if len(agencies) != 1 or len(years) > 1:
        return None
    new = _continued(b, plan)
    new.operation, new.column, new.extra_columns = "findings", a.column, [b.column]
    new.agencies, new.years, new.all_years = list(agencies), list(years), False
    return new


def _share_of_last(plan: Plan, turns: list[Turn]) -> Plan:
    """占比多少 after 其中维持的几件: the last measure over the one asked before it (行政复议 · 总计), or over
    its own total (the engine's default for a share) when the conversation named no other."""
    prev = turns[-1].plan
    new = _continued(prev, plan)
    new.operation, new.share_items, new.share_of = "share", [prev.item], []
    whole = RE_EVERY_REPORT.search(plan.text)  # (占总数的比例 after 其中维持的: its own table's total, below)
    # (after 排第几 the report placed is the one asked about, not the ranking's reports)
    who = prev.agencies or prev.place_of or turns[-1].focus
    if whole and RE_BOTH.search(plan.text):  # 这两个加起来占所有报告的比例: the agencies the last turns asked, summed
        who = list(dict.fromkeys(a for t in turns[-3:] if t.plan.item == prev.item
                                 for a in (t.plan.agencies or t.focus)))
    if (len(who) == 1 or whole and 1 < len(who) <= MAX_SIDE_BY_SIDE) and (RE_OVER_YEARS.search(plan.text) or whole):
        # 占历年总和的比例呢 / 占全部报告的多少: the last value over its agency's years, or over every report
        new.agencies, new.place_of = list(who), []
        new.years = list(prev.years or ([prev.place_year] if prev.place_year else turns[-1].focus_years))[:1]
        over_years = bool(RE_OVER_YEARS.search(plan.text))
        new.share_years, new.share_across, new.share_items, new.all_years = over_years, not over_years, [], over_years
        # 在所有报告里排第几 → 占所有报告的合计: the whole is the ranking's, every report of every year
        new.share_every = not over_years and prev.all_years and not prev.years and prev.operation in (*RANKINGS, "rank")
        return new
    if plan.years:  # 2024年的比例呢: the year this turn names
        new.years, new.all_years = list(plan.years), len(plan.years) > 1
    before = next((t.plan for t in reversed(turns[:-1]) if t.plan.item), None)
    if prev.operation == "sum_measures":  # 两个加起来 → 占总计的比例呢: the sum just given over its table's total
        new.operation, new.share_items = "share", [prev.item, *prev.extra_items]
        new.share_of = ["apply.total"] if items()[prev.item].table == "apply" else []
        new.defaults = [f"分子按前两问的「{items()[prev.item].label}」与「{items()[prev.extra_items[0]].label}」之和"]
    elif before is not None and before.item != prev.item and set(before.agencies) == set(prev.agencies):
        new.share_of = [before.item]
        new.defaults = [f"分母按上一问的「{items()[before.item].label}」"]
    elif items()[prev.item].table == "apply" and prev.item not in ("apply.new", "apply.total", "apply.carried_in"):
        new.share_of = ["apply.total"]
    return new


def _relative_to_conversation(plan: Plan, last: Turn) -> None:
    """那前一年呢 / 上一年度呢 after a question about 2023: counted back from the conversation's one year, not from
    the latest year in the index. 那前年呢 / 去年的呢 too, when the question before named its year itself: the
    follow-up asks about the years around the one talked about (after 平潭去年… they count from now, as that
    question did). 近三年呢 counts from now, and a complete question keeps the index's."""
    if not plan.relative or plan.relative_base_named or (plan.agencies and plan.item):
        return
    # 平潭2023年… (or a year counted from one named): the year talked about, not one counted from now; after
    # 2022年和2024年… each of the two (the comparison moved back); after 哪一年最多, the year found
    named = 1 <= len(last.plan.years) <= 3 and (not last.plan.relative or last.plan.relative_base_named)
    found = not last.plan.years and last.plan.operation in RANKINGS and len(last.focus_years) == 1
    elliptical = not plan.item and not plan.agencies
    if not all(r.anaphoric or elliptical and (named or found) and r.span == 1 and r.back >= 1 for r in plan.relative):
        return
    years = last.plan.years if named or len(last.plan.years) == 1 else \
        last.focus_years if len(last.focus_years) == 1 else []
    if not years:
        return
    meant, said = [], []
    for year in years:
        got, how = resolve_relative(plan.relative, year, "上一问的")
        meant, said = sorted(set(meant + got)), said + how
    plan.years, plan.relative_base_named = meant, True
    plan.all_years = len(meant) > 1
    plan.defaults = [d for d in plan.defaults if not is_relative_note(d, plan.relative)] + said


def _column_on_last_row(plan: Plan, prev: Plan) -> None:
    """行政诉讼多少 → 其中败诉的呢 / 它的纠正的呢: a column word alone implies its usual row (纠正 → 行政复议), but
    after a question about another row of the same table it is that row's column."""
    if plan.item_implied and prev.item and plan.column and items()[prev.item].table == items()[plan.item].table \
            and measure(prev.item, plan.column):
        implied = f"按「{items()[plan.item].label}」"
        plan.defaults = [d for d in plan.defaults if not d.endswith(implied)]
        plan.item, plan.item_word = prev.item, prev.item_word


MAX_SIDE_BY_SIDE = 3  # agencies a question talks about together: a follow-up check is of their reports
RE_THESE_NUMBERS = re.compile(r"(?:这|那)(?:两|几)?个?(?:数|数字|数据)")  # 这两个数对得上吗: the numbers just given
RE_ONE_OF_TWO = re.compile(r"前者|后者|前一个|后一个|前一家|后一家|前面那个|后面那个")


def _one_of_two(plan: Plan, last: Turn, reader: Reader) -> Plan | None:
    """后者里面属于行政执法案卷的有几件 after a turn about two years (or two agencies): the question read again with
    the one meant named in its place (前者 the first, 后者 the last), so it is that report's question."""
    m = RE_ONE_OF_TWO.search(plan.text)
    prev = last.plan
    agencies, years = list(prev.agencies or last.focus), list(prev.years or last.focus_years)
    if m is None or plan.agencies or plan.years or not (len(agencies) == 2 or len(years) == 2):
        return None
    said = []

    def named(m: re.Match) -> str:
        at = 0 if m.group().startswith("前") else -1
        agency = agencies[at] if len(agencies) == 2 else agencies[0] if len(agencies) == 1 else ""
        year = years[at] if len(years) == 2 else years[0] if len(years) == 1 else None
        said.append(f"「{m.group()}」读作{agency}{f'{year}年' if year else ''}")
        return f"{agency}{f'{year}年' if year else ''}"

    new = reader.read(RE_ONE_OF_TWO.sub(named, plan.text))  # (后者比前者少多少: both named in their places)
    new.question, new.followup = plan.question, True
    if not new.item and prev.item and len(said) > 1:  # 后者比前者少多少: the measure talked about, compared
        new.item, new.item_word, new.column, new.column_explicit = prev.item, prev.item_word, prev.column, \
            prev.column_explicit
        new.operation = "change" if len(years) == 2 and len(set(agencies)) <= 1 else "compare"
        new.all_years = len(years) == 2 and len(set(agencies)) <= 1
    elif new.item_implied and prev.item:  # 前者的维持了几件 after 行政诉讼: that row's column
        _column_on_last_row(new, prev)
    elif not new.item and prev.item and new.operation in ("prose", "out_of_scope"):  # 后者是多少: its value
        new.item, new.item_word, new.column, new.column_explicit = prev.item, prev.item_word, prev.column, \
            prev.column_explicit
        new.operation, new.prose = "value", False
    new.defaults = [*new.defaults, *said]
    return new


def _one_of_two_rows(plan: Plan, last: Turn, reader: Reader) -> Plan:
    """后者占总计的比例 after 予以公开和部分公开各多少 (two rows of one report): the question read again with the row
    meant in the pronoun's place (前者 the first named, 后者 the last); the rest of the reading goes on from there
    as if the row had been named (the report talked about, 按比例, 前一年 …)."""
    prev = last.plan
    two = [prev.item, *prev.extra_items] if prev.item else []
    if len(two) != 2 or plan.item or not RE_ONE_OF_TWO.search(plan.text) or \
            len(prev.agencies or last.focus) > 1 or len(prev.years or last.focus_years) > 1:
        return plan
    said = []

    def named(m: re.Match) -> str:
        label = items()[two[0 if m.group().startswith("前") else -1]].label.split("（")[0]
        said.append(f"「{m.group()}」读作上一问的「{label}」")
        return label

    new = reader.read(RE_ONE_OF_TWO.sub(named, plan.text))
    new.question = plan.question
    new.defaults = [*new.defaults, *said]
    return new


RE_SHARE_ASKED = re.compile(r"占|比例|比重|百分之|百分比")
RE_THAT_PART = re.compile(r"它|这一?项|这一?类|这种|该项|那一?项|那一?类")


def _share_of_part_found(plan: Plan, last: Turn) -> Plan:
    """它占总计的比例 / 这一项占多少 after 哪种办理结果最多: the part found over the whole the ranking was of, in the
    report it was found in (the reading says both)."""
    prev, part = last.plan, last.found_item
    if part is None or not prev.item or plan.agencies or plan.years or not RE_SHARE_ASKED.search(plan.text) or \
            not (RE_THAT_PART.search(plan.text) or plan.operation == "prose" and not plan.item) or \
            plan.item not in (None, prev.item) or measure(part, "total") is None:
        return plan
    label = items()[part].label.split("（")[0]
    plan.operation, plan.prose, plan.followup = "share", False, True
    plan.item, plan.item_word, plan.column, plan.share_items, plan.share_of = part, None, "total", [part], [prev.item]
    plan.agencies, plan.years = list(last.focus), list(last.focus_years)
    plan.defaults = [*plan.defaults, f"读作上一问找到的「{label}」占「{items()[prev.item].label}」的比例"]
    return plan


def _of_the_report_talked_about(plan: Plan, last: Turn) -> bool:
    """办理结果里予以公开占多少 after 平潭2023年收了几件: a value or a share that names its measure but no agency,
    year or scope of its own, asked right after a turn about one report, is that report's (the reading says so),
    not a question over every agency (a question marked as a follow-up, 其中…占多少, is merged below as one).
    Sets the plan's agency and year; True when it did."""
    prev = last.plan
    who, years = list(prev.agencies or last.focus), list(prev.years or last.focus_years)
    if not plan.item or plan.operation not in ("value", "share") or plan.agencies or plan.years or \
            is_followup(plan.text) or \
            plan.all_years or plan.unknown_agency or plan.candidates or plan.kind or \
            RE_OWN_SCOPE.search(plan.text) or RE_EVERY_REPORT.search(plan.text) or \
            len(who) != 1 or len(years) > 1 or prev.all_years or prev.operation in ("findings", "corpus", "invalid"):
        return False
    plan.agencies, plan.years, plan.followup = who, years, True
    plan.defaults = [d for d in plan.defaults if not d.startswith("未指明单位")] + \
        [f"问题中没有单位{'和年份' if years else ''}，按上一问的{who[0]}{f'{years[0]}年' if years else ''}"]
    return True


def resolve(plan: Plan, conversation: Conversation | None, reader: Reader) -> Plan:
    """The plan to execute: the question's own, or the previous one with what this question changes."""
    last = conversation.last if conversation else None
    if last is None or plan.operation in ("invalid",):
        return plan
    prev = last.plan
    if m := RE_NOT_BUT.match(plan.text):
        # 不是2022，是2021年: what follows 是 is the correction, read alone (the words before it are the mistake)
        said = reader.read(plan.text[m.end():])
        said.question, said.text = plan.question, plan.text
        plan = said
    if (picked := _one_of_two(plan, last, reader)) is not None:
        return picked
    plan = _one_of_two_rows(plan, last, reader)
    plan = _share_of_part_found(plan, last)
    _relative_to_conversation(plan, last)
    special = _elliptical(plan, conversation.turns)
    if special is not None:
        return special
    _column_on_last_row(plan, prev)
    if _of_the_report_talked_about(plan, last):
        return plan
    # 它前一年呢 / 它排第几: the pronoun says whose report, the rest is elliptical (no text asked, or only an
    # operation on the measure talked about): the follow-up path below
    bare = plan.pronoun and not plan.item and plan.operation in ("prose", "out_of_scope") and \
        (len(RE_PRONOUN_WORDS.sub("", RE_FILLER.sub("", plan.prose_text))) < 2 or plan.bare_op is not None)
    if plan.pronoun and not plan.agencies and last.focus and not bare:
        plan.agencies = list(last.focus)
        if not plan.years and last.focus_years:
            plan.years = list(last.focus_years)
            plan.all_years = len(plan.years) > 1
        if len(plan.agencies) >= 2 and plan.operation in ("value", "rank"):
            plan.operation = "compare"
        plan.agency_mentions = [plan.agency_mentions[0] if plan.agency_mentions else "它"]
        plan.candidates = []
        if plan.operation in ("prose", "out_of_scope") and not plan.item:
            plan.operation, plan.prose = "prose", True
        elif plan.operation in AGGREGATES and not plan.op_explicit:
            plan.operation = "value"
        return plan
    # 这个数对得上吗 / 和正文说的一样吗 after a question about one report, or two or three side by side (两家加起来呢 →
    # 这两个数对得上正文吗): those reports' checks, not every report's
    if plan.operation == "findings" and not plan.agencies and not RE_OWN_SCOPE.search(plan.text) and \
            1 <= len(prev.agencies or last.focus) <= MAX_SIDE_BY_SIDE and prev.operation not in ("findings", "corpus"):
        plan.agencies = list(prev.agencies or last.focus)
        plan.years = plan.years or list(prev.years or last.focus_years)[:1]
        plan.all_years, plan.followup = False, True
        if not plan.item and prev.item and RE_THESE_NUMBERS.search(plan.text):  # 这两个数: the measures just asked
            asked = list(dict.fromkeys(t.plan.item for t in conversation.turns[-2:] if t.plan.item))
            plan.item, plan.extra_items, plan.column = asked[0], asked[1:], "total"
        return plan
    if RE_WHY.search(plan.text) and not plan.agencies and not plan.item and not plan.years:
        if prev.operation == "findings":  # 对得上吗 → 为什么: the same checks, each break shown with its sums
            return _continued(prev, plan)
        if prev.item and len(last.focus) == 1 and len(last.focus_years) == 1:
            # 为什么那年这么多: a table gives counts, never causes; only the report's own text could say why
            plan.agencies, plan.years, plan.all_years = list(last.focus), list(last.focus_years), False
            # (not marked a follow-up: found nowhere in that report, it is not asked again over every report)
            plan.operation, plan.prose, plan.followup = "prose", True, False
            plan.prose_text = f"{items()[prev.item].label.split(' · ')[0].split('（')[0]} 原因"
            plan.defaults = [*plan.defaults, f"表格只给数字，不说明原因；在{last.focus[0]}{last.focus_years[0]}年报告的正文中查找"]
            return plan
    if RE_SAME_QUESTION.search(plan.text) and not plan.item and (plan.agencies or plan.years):
        # 同样的问题问伊川 / 这个问题换成2024年: the last question asked again of the agency (or year) named
        if prev.operation in TEXT_OPS:
            plan.prose_text, plan.part, plan.prose, plan.operation = prev.prose_text, prev.part, True, "prose"
            plan.agencies, plan.years = plan.agencies or list(prev.agencies), plan.years or list(prev.years)
            plan.followup = True
            return plan
        plan.prose, plan.prose_text, plan.operation = False, "", prev.operation
    # only elliptical questions inherit: a follow-up word, or a short one that names no measure of its own
    complete = bool(plan.agencies and (plan.item or plan.prose or plan.operation in ("findings", "corpus", "gaps")))
    marked = is_followup(plan.text) or (_short(plan) and not RE_OWN_SCOPE.search(plan.text) and not complete) or \
        bool(RE_SAME_QUESTION.search(plan.text)) and not plan.item
    # 第二多的是谁 / 最少的是哪家 after a value: the same measure ranked (谁 / 哪家 ask for the agency, no own scope)
    # (哪个单位主动公开政府信息最多 names a thing of its own, which no table holds: not the measure just asked)
    marked = marked or (plan.bare_op in ("max", "min", "top", "bottom", "nth") and not plan.item
                        and not plan.agencies and prev.item is not None
                        and len(RE_ASKING_ONLY.sub("", plan.prose_text or plan.text)) < 3)
    # 都有哪些情形 / 分别是哪些原因: the parts of the measure just asked (哪些 here asks for parts, not a scope)
    # (它在平潭这几年里排第几: the agency talked about, named again, is no scope of its own)
    marked = marked or (plan.bare_op in ("breakdown", "place") and not plan.item and
                        (not plan.agencies or set(plan.agencies) <= set(prev.agencies or last.focus)))
    # a question in words naming no agency, after a text answer about one (城管网评队伍转发了多少): the same report
    marked = marked or (plan.operation == "prose" and prev.operation in ("prose", "mixed") and len(last.focus) == 1
                        and not plan.agencies and not plan.item and not RE_OWN_SCOPE.search(plan.text))
    # 这些单位里哪个最多 after a filter: the set just listed, even in words that set their own scope
    marked = marked or (prev.operation in ("filter", "count") and prev.comparison is not None and not plan.item
                        and not plan.agencies and bool(RE_WITHIN.search(plan.text)))
    if not marked or prev.operation in ("invalid", "corpus"):
        return plan
    if prev.operation in ("prose", "mixed") and plan.operation in ("prose", "out_of_scope") and not plan.agencies \
            and not plan.item and not plan.unknown_agency:  # (今天股市怎么样: a name not found is said, not carried)  # 政府门户网站呢 / 那改进措施呢 after a text answer: the same report
        plan.agencies = list(prev.agencies or last.focus)
        plan.years = plan.years or list(prev.years)
        plan.followup = True
        if len(RE_PRONOUN_WORDS.sub("", RE_FILLER.sub("", RE_TELL_MORE.sub("", plan.prose_text)))) < 2:  # 2023年的呢 / 它前一年呢 / 具体说说 / 还有呢
            plan.prose_text, plan.part, plan.prose = prev.prose_text, prev.part, True
            plan.operation = "prose"
            plan.more = prev.more + 1 if RE_TELL_MORE.search(plan.text) else 0  # told more: beyond what was quoted
        elif re.fullmatch(r"[那这]?(?:一共|总共|共)?(?:有|列了|写了)?(?:几|多少)(?:个方面|条|个|项|点|件)(?:呢|吗)?[？?]?|"
                          r"(?:那|具体)?(?:说说|讲讲)?(?:其中)?的?第\s*(?:[一二三四五六七八九十]|\d+)\s*(?:条|项|点|个)"
                          r"(?:是什么|是啥|说的是什么|写的什么|讲了什么|呢|的内容)?[？?]?",
                          plan.prose_text.strip()):  # 一共几条 / 第二条是什么 after 有哪些问题: of what was just listed
            plan.prose_text, plan.part, plan.prose = f"{prev.prose_text} {plan.prose_text}", prev.part, True
            plan.operation = "prose"
        return plan
    new = _continued(prev, plan)
    changed = False
    # the measure
    if plan.item and plan.item != prev.item and not (plan.op_explicit and plan.operation not in ("value",)
                                                     and not marked):
        new.item, new.item_word, new.extra_items = plan.item, plan.item_word, plan.extra_items
        if prev.operation == "share" and prev.share_items == [prev.item]:
            new.share_items = [plan.item]  # 予以公开占多少 → 部分公开呢: the new row's share of the same whole
        keep_col = prev.column if prev.column_explicit and measure(plan.item, prev.column or "") else None
        if plan.column_explicit:
            new.column, new.column_explicit, new.column_word = plan.column, True, plan.column_word
            new.defaults = [d for d in plan.defaults]
        elif keep_col:
            new.column, new.column_explicit = keep_col, True
            new.defaults = []
        else:
            new.column, new.column_explicit, new.defaults = plan.column, False, list(plan.defaults)
        changed = True
    elif plan.item and plan.column_explicit and plan.column != prev.column:
        new.column, new.column_explicit, new.column_word = plan.column, True, plan.column_word
        new.defaults = [d for d in new.defaults if not d.startswith("未指明")]
        changed = True
    elif not plan.item and prev.item and items()[prev.item].table == "apply" and RE_ORGS_ALONE.search(plan.text):
        new.column, new.column_explicit = "legal_person", True  # 个人的呢 → 组织的呢: the other applicants
        new.defaults = [d for d in new.defaults if not d.startswith("未指明")]
        changed = True
    elif not plan.item and plan.column_words and prev.item:
        item = items()[prev.item]
        for target in plan.column_words:
            table, col = target.split(":")
            if table == item.table and (col in item.columns or col in COLUMN_GROUPS) and measure(prev.item, col):
                new.column, new.column_explicit = col, True
                new.defaults = [d for d in new.defaults if not d.startswith("未指明")]
                changed = True
                break
    if changed and prev.operation == "breakdown" and plan.bare_op != "breakdown" and plan.operation != "breakdown":
        # 涉及哪些申请人 → 其中商业企业几件: one of the parts just listed, its value (not the parts again)
        new.operation, new.each, new.parts_sum = "value", False, False
    # the agencies
    if plan.agencies and plan.agencies != prev.agencies:
        new.agencies, new.agency_mentions = list(plan.agencies), list(plan.agency_mentions)
        new.candidates, new.kind, new.kind_agencies = [], None, []
        if new.operation in AGGREGATES or new.operation == "mixed":
            new.operation = "prose" if new.operation == "mixed" else "value"
            new.n, new.comparison, new.absent_only = None, None, False
        c = new.comparison
        if new.yesno and c is not None and c.op == "==" and c.value != 0 and not plan.comparison:
            # 是798件吗 → 伊川呢: the number checked was the last agency's; this one's value is what is asked
            new.yesno, new.comparison = False, None
            new.defaults = [*new.defaults, FOLLOWED_VALUE_NOTE]
        if len(new.agencies) >= 2 and new.operation == "value":
            new.operation = "compare"
        if len(new.agencies) == 1 and new.operation == "compare":
            new.operation = "value"
        changed = True
    elif plan.candidates or plan.unknown_agency:
        new.candidates, new.ambiguous_mention = plan.candidates, plan.ambiguous_mention
        new.unknown_agency, new.agencies = plan.unknown_agency, []
        if new.operation in AGGREGATES:
            new.operation = "value"
        changed = True
    # years (那去年呢 after 2024年 under 去年 = 2024: the same year, still this turn's reading of it)
    if plan.years and (plan.years != prev.years or plan.relative):
        new.years, new.all_years = list(plan.years), plan.all_years and len(plan.years) > 1
        new.defaults = [d for d in new.defaults if not is_relative_note(d, prev.relative)] + \
            [d for d in plan.defaults if is_relative_note(d, plan.relative)]  # how this turn's years were read
        new.relative, new.relative_base_named = list(plan.relative), plan.relative_base_named
        if prev.operation in RANKINGS and prev.all_years and len(new.agencies) == 1 and len(new.years) == 1 and \
                not plan.bare_op and not plan.op_explicit:  # 平潭哪年最多 → 那前年呢: that year's value
            new.operation, new.n, new.nth = "value", None, None
            new.defaults = [d for d in new.defaults if not d.startswith("范围")]
        if RE_CORRECTION.search(plan.text) and len(plan.years) == 1 and len(prev.years) == 2 and \
                prev.operation in ("change", "compare") and not plan.op_explicit:
            # 不对，我是说2021年 after 2020年和2022年哪年多: that year alone (which of the two it replaces is not
            # said), with that reading and the comparison asked before said
            new.operation, new.all_years = "value", False
            new.defaults = [*new.defaults, f"「{plan.question.strip('？?。 ')}」读作只问{plan.years[0]}年（上一问比较的是"
                                           f"{prev.years[0]}年和{prev.years[1]}年）"]
        changed = True
    elif plan.all_years and not prev.all_years:
        new.all_years = True
        changed = True
    # the operation
    op = plan.operation if plan.op_explicit and plan.operation in AGGREGATES | {"compare", "change", "share"} else \
        plan.bare_op if prev.item else None
    if op in ("sum", "avg") and prev.operation in ("value", "compare", "change") and prev.agencies and \
            not plan.agencies and not plan.all_years:
        op = None  # 复议后起诉的一共几件: a total of the same report, not a sum over agencies
        if plan.item and not plan.column_explicit:
            new.column, new.column_explicit = plan.column, False
        changed = changed or not plan.item  # 一共多少 after one value: that value is the total asked
    if not op and plan.item and new.item == plan.item and prev.operation in TEXT_OPS:
        # 平潭2023年存在哪些问题 → 行政处罚多少: a measure of the same report, read as its value, not as text
        op = "compare" if len(new.agencies) >= 2 else "value"
        new.prose, new.part = False, None
    if op:
        if op in ("top", "bottom"):
            new.n = plan.n
        if op == "share":  # 纠正率是多少 after 其中纠正的: the same report's rate
            new.share_of, new.share_items = list(plan.share_of), list(plan.share_items)
            named = {t for t, _ in plan.item_at}  # (a denominator the question names itself stays)
            if plan.item and prev.item not in (None, plan.item) and "其中" in plan.text and \
                    not named & set(plan.share_of):
                # 不予公开几件 → 其中国家秘密的占多少: a share of the whole the last turn asked, not of 办理结果总计
                new.share_of = [prev.item]
                new.defaults = [*new.defaults, f"分母按上一问的「{items()[prev.item].label}」"]
        new.operation = op
        new.order = plan.order
        if plan.comparison or plan.absent_only:
            new.comparison, new.absent_only = plan.comparison, plan.absent_only
        elif op in AGGREGATES and prev.operation in ("filter", "count") and prev.comparison and \
                not prev.absent_only and RE_WITHIN.search(plan.text) and not plan.item:
            new.within = True  # 其中最少的是哪个 after 超过100件的有哪些: within the reports just listed
        if op == "nth":
            new.nth, new.n, new.order = plan.nth, plan.n, plan.order
        if op == "place":  # 排第几: the report just asked, placed in the ranking of its year
            op = new.operation = "rank"
            whose = list(new.agencies or last.focus[:1])
            new.place_of, new.agencies = whose, []
            # 在平潭这几年里: its own years; so too 它排第几 in a talk that ranked that agency's years (平潭哪年…最多)
            own = bool(plan.agencies) and bool(RE_OVER_YEARS.search(plan.text)) or any(
                t.plan.agencies == whose and t.plan.all_years and t.plan.operation in ("max", "min", "top", "bottom", "rank")
                for t in conversation.turns[-3:])
            everyone = own or bool(re.search(r"所有|全部|历年|各年", plan.text))  # 在所有报告里排第几: every report
            year = (new.years[:1] or last.focus_years[:1] or [None])[0]
            new.years, new.all_years = ([], True) if everyone else ([year] if year else [], False)
            new.place_year = year if everyone else None
            if own:
                new.agencies = whose
        if op == "breakdown":  # 分别是什么原因: the same report's parts
            new.each, new.agencies, new.all_years = plan.each, list(new.agencies or last.focus[:1]), False
            new.years = new.years[:1] or list(last.focus_years[:1])
        if RE_WHICH_YEAR.search(plan.text) and (new.agencies or last.focus):
            new.agencies, new.all_years, new.years = list(new.agencies or last.focus[:1]), True, []
        elif op in ("max", "min", "top", "bottom", "rank", "sum", "avg", "nth") and not plan.agencies and \
                not new.place_of:  # (排第几 has set its own scope above)
            new.agencies, new.agency_mentions = [], []
        changed = True
    if not changed:
        return plan
    if RE_FIRST.search(plan.text) and prev.operation in RANKINGS and new.operation == prev.operation and \
            len(last.focus) == 1 and len(last.focus_years) == 1 and not plan.agencies and not plan.years:
        # 那年制发了几件 after 平潭哪一年废止得最多: the value of the report the ranking found, not another ranking
        new.agencies, new.years, new.all_years = list(last.focus), list(last.focus_years), False
        new.operation, new.n, new.nth = "value", None, None
        new.defaults = [d for d in new.defaults if not d.startswith("范围")] + \
            [f"「{RE_FIRST.search(plan.text).group()}」读作上一问找到的{last.focus[0]}{last.focus_years[0]}年"]
    if new.agencies or new.operation != plan.operation:  # (what about licenses? after a 最多: not 列出全部单位)
        new.defaults = [d for d in new.defaults if not d.startswith("未指明单位")]
    return new
