"""What a search query says in words other than a report's, read for the search alone (qa.retrieve): the
reports' near-synonyms of one thing, a negation in the reports' form, a count the query quotes and a term it
quotes.

Users' words for a report's term (被人告了 → 行政复议) are qa.prose.USERS_TERMS; the rings here are terms the
reports themselves use for one thing, any of which a question may name while a report writes another
(一网通办 / 全程网办, 公开栏 / 宣传栏), with the everyday words users say for a few of them (过时, 大项目): one ring,
every member stands for each of the others."""

from __future__ import annotations

import re

# Each ring: the words reports (and questions in their wording) use for one thing. Only words whose
# every use in these reports means the ring's thing: 舆论 (舆论监督) is no 舆情, 一窗通办 (one counter) no 一网通办.
# A word is searched as its pieces too (网上办 → 网上, 办), so none whose pieces are in every report
# (网上办理 → 办理, 政务公开栏 → 政务公开): those brought table rows about 办理 above the passage meant.
RINGS: tuple[tuple[str, ...], ...] = (
    ("一网通办", "全程网办", "网上办", "掌上办"),
    ("公开栏", "公示栏", "宣传栏", "公告栏", "信息公开栏", "信息公开专栏"),
    ("智能问答", "问答机器人", "智能客服", "在线客服"),
    ("纠错", "纠正"),
    ("巡查", "巡检"),
    ("职级晋升", "提拔", "晋升"),
    ("征地", "土地征收", "征收土地"),
    ("意见征集", "征求意见", "民意征集", "征集意见"),
    ("新闻发布会", "发布会"),
    ("三审三校", "分级审核", "先审后发"),
    ("保密审查", "涉密信息审查", "保密审核"),
    ("在线访谈", "网上访谈"),
    # users' everyday words for a thing the reports name formally (过期作废的文件, 大项目, 欠工资, 外面的人): none
    # is in any report, so each only brings the reports' words in
    ("废止", "失效", "作废", "过期", "过时"),
    ("重大建设项目", "重大项目", "大项目"),
    ("欠薪", "欠工资", "拖欠工资", "欠农民工工资", "农民工工资"),
    ("社会各界", "外面的人", "外部人士", "社会人士"),
)


def ring_words(query: str) -> list[str]:
    """The other members of each ring a query names, in ring order (问答机器人 → 智能问答 智能客服 在线客服)."""
    out: list[str] = []
    for ring in RINGS:
        named = [w for w in ring if w in query]
        if named:
            out += [w for w in ring if w not in named and not any(w in n for n in named)]
    return list(dict.fromkeys(out))


# A negated verb as a question says it (没收到, 没有发生) and as reports write it (未收到, 未发生): the
# question's form also misleads the segmenter (没收到 reads as 没收 "confiscate" + 到)
_NEGATED = re.compile(r"(?<!有)没有?(?=(?:收到|收取|发生|出现|公开|答复|办理|受理|发布|更新|开展|设立|建立|制定|落实|完成|"
                      r"提供|处理|审核|审查|纠正|违反|造成|超过|超期|逾期|进行|开设|关停|维护|按时|及时))")


def as_reports_negate(query: str) -> str:
    """没收到 → 未收到, 没有发生 → 未发生: the negation reports write (the question's 没 before other words stays:
    没有自己的门户网站 is how reports say that too; so does 有没有, a question whether)."""
    return _NEGATED.sub("未", query)


# A count the query quotes (那2599条信息里…, 81件申请里…): the passage stating that very number is the one the
# question starts from. Not a year (2023年), nor a percent (a rate is asked for, not quoted, as often), nor one
# digit (3个工作日: most passages state a 3 somewhere, as the keyword index drops single digits for).
_QUOTED = re.compile(r"(?<![\d.])(\d{2,}(?:\.\d+)?|\d\.\d+)\s*(?=万?(?:条|件|个|项|次|篇|期|人次|名|家|份|起|场|批))")


def quoted_counts(query: str) -> list[str]:
    """The numbers a query quotes with a counter (2599条 → 2599)."""
    return list(dict.fromkeys(_QUOTED.findall(query)))


def states_any(text: str, numbers: list[str]) -> bool:
    """The text states one of the numbers whole (2599 in 2599条, not in 12599 nor 2599.5), spaces and
    thousands separators aside."""
    squashed = re.sub(r"(?<=\d),(?=\d{3})|\s+", "", text)
    return any(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d]|\.\d)", squashed) for n in numbers)


# A term the query sets in quotes (坚持“集约开设、及时注销”原则, 推出“圆桌对话”机制): words pasted from a report or a
# news item quoting one, the report's own name for the thing; Chinese only, 2–12 characters (a quoted English
# phrase, "formalism at the fingertips", is no report's text)
_QUOTED_TERM = re.compile(r"[“\"「『‘]([\u3400-\u9fff、，·]{2,12})[”\"」』’]")


def quoted_terms(query: str) -> list[str]:
    """The Chinese terms a query quotes (“集约开设、及时注销” → 集约开设、及时注销)."""
    return list(dict.fromkeys(_QUOTED_TERM.findall(query)))
