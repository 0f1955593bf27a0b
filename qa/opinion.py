"""Questions asking for a verdict (你评价一下, 打个分, 谁做得更规范): the reports give counts and their own words,
never a rating, so none is made up; the answer says so and offers the numbers that can be set side by side."""

from __future__ import annotations

import re

from qa.answer import Alternative, Answer, Reading

# 你觉得…好不好 / 评价一下 / 打个分: a judgement asked in so many words, whatever the question names
RE_ASKED_VERDICT = re.compile(r"你(?:觉得|认为|怎么看|评价)|评价一下|评一评|打个?分|打几分|评个?分|几颗星")
# 谁做得更规范 / 哪个工作做得更好: a judgement asked of no measure (哪个单位的主动公开做得最好 names one: it is
# ranked on that measure's count and the reading says so, qa.understand); 做得怎么样 alone asks what the text says
# (哪个单位的报告最规范 judges the report itself: read on its completeness and sums, qa.understand)
RE_BETTER = re.compile(r"(?:谁|哪个|哪家|哪一家|哪个单位)[^，。？?]{0,16}(?:做|干|搞)得?(?:更|最)?"
                       r"(?:好|规范|到位|出色|优秀|差|糟)")


def opinion_asked(text: str, measured: bool) -> str | None:
    """The words asking for a verdict, or None (`measured`: the question names a measure of the tables)."""
    m = RE_ASKED_VERDICT.search(text) or (None if measured else RE_BETTER.search(text))
    return m.group() if m else None


def no_opinion(question: str, words: str, agencies: list[str]) -> Answer:
    who = "、".join(agencies) or "各单位"
    example = f"{agencies[0]}和{agencies[1]}的依申请公开各多少件" if len(agencies) >= 2 else \
        f"{agencies[0] if agencies else '平潭'}历年依申请公开多少件"
    return Answer(question=question, status="out_of_scope",
                  text=f"问的是评价（「{words}」）：这些年度报告只有表格里的数字和报告自己的文字，没有对{who}工作好坏的"
                       "评价或打分，这里也不作评价，无法回答。可以比较具体的数字（例如各年的申请、复议和诉讼件数），"
                       "或查看报告自己写的存在问题。",
                  alternatives=[Alternative(label="比较数字", question=example),
                                Alternative(label="报告自己写的问题", question=f"{agencies[0] if agencies else '平潭'}存在哪些问题")],
                  reading=Reading(operation="out_of_scope", summary=f"问的是评价（{words}），报告不作评价"))
