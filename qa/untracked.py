"""Counts the template never splits out, asked as if it did: a handling of requests (撤回, 当场答复), an outcome
of 表四 (调解, 和解, 撤诉), a kind of applicant (个体工商户, 事业单位). The answer says the table has no such row or
column and what it has instead, never the row's total in its place."""

from __future__ import annotations

import re

from qa.answer import Alternative, Answer, Reading

# a handling of requests the template does not count apart (withdrawn, answered on the spot)
RE_HANDLING = r"撤回|撤销(?:了|其)?申请|撤申请|当场答复|当面答复|现场答复|即时答复"
# an outcome of a review or a lawsuit 表四 does not count apart (协调解决 / 和解读 are other words)
RE_OUTCOME = r"撤回起诉|撤诉|(?<!协)调解(?!决)|和解(?![读答释])"
# a kind of applicant 表三 has no column for (its columns: 自然人; 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他)
RE_APPLICANT_KIND = r"个体工商户|个体户|事业单位|外国人|港澳台|人大代表|政协委员|新闻记者|记者|大学生|学生"
RE_UNTRACKED = re.compile(f"{RE_OUTCOME}|{RE_HANDLING}")
RE_UNTRACKED_APPLICANT = re.compile(rf"(?:申请人|申请者)[^，。？?]{{0,6}}(?:{RE_APPLICANT_KIND})|"
                                    rf"(?:{RE_APPLICANT_KIND})[^，。？?]{{0,8}}(?:申请|提出|提交)")

# what each table has instead: (the thing asked, the table's own split, the row offered instead)
_HAS = {
    "outcome": ("案件", "年度报告的表四没有单独统计这一项（行政复议和行政诉讼的结果只分结果维持、结果纠正、其他结果和尚未审结）",
                "总计", "其他结果"),
    "handling": ("申请", "年度报告的表格没有单独统计这一项（表三的办理结果只分予以公开、部分公开、不予公开、无法提供、不予处理和"
                 "其他处理）", "申请总数", "其他处理"),
    "applicant": ("申请人", "表三没有这一类申请人的栏目（申请人只分自然人，以及法人或其他组织下的商业企业、科研机构、社会公益组织、"
                  "法律服务机构和其他）", "申请总数", "其他"),
}


def untracked_asked(text: str, table: str | None) -> str | None:
    """The words asking for a count the template does not split out, or None (`table`: the item's table)."""
    if table == "apply" and (m := RE_UNTRACKED_APPLICANT.search(text)):
        return re.search(RE_APPLICANT_KIND, m.group()).group()
    m = RE_UNTRACKED.search(text)
    return m.group() if m else None


def untracked_answer(question: str, word: str, operation: str) -> Answer:
    kind = "outcome" if re.fullmatch(RE_OUTCOME, word) else "applicant" if re.fullmatch(RE_APPLICANT_KIND, word) \
        else "handling"
    noun, has, whole, instead = _HAS[kind]
    return Answer(question=question, status="absent",
                  text=f"问的是「{word}」的{noun}：{has}，报告没有给出这个数字，无法回答，也不以{whole}代替。"
                       f"可以问「{instead}」或报告正文有没有提到。",
                  alternatives=[Alternative(label=f"看「{instead}」", question=question.replace(word, instead)),
                                Alternative(label="查正文", question=f"报告里有没有提到{word}")],
                  reading=Reading(operation=operation, summary=f"问的是「{word}」，模板中没有这一项"))
