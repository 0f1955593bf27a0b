"""English words for the template's rows and for the turns of a conversation (qa/normalize.py's term table),
asked over dev.json's index in other words than the held-out set's (tests/heldout_questions.json batch 15):
each case is a conversation and the words its last answer must say (the row read and its value)."""

from __future__ import annotations

import pytest

from test_dev_questions import DEV, ask_turns
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV} not found (../shared is not beside the repo)")

# (the turns, words the last answer says)
CASES = [
    # a decision reversed is 结果纠正, in a court (lawsuits) or in a review (lose)
    (["How many of Pingtan's 2025 lawsuits were overturned?"], "「行政诉讼（直接起诉与复议后起诉合计） · 结果纠正」为3件"),
    (["How many reconsideration cases did Pingtan lose in 2025?"], "「行政复议 · 结果纠正」为3件"),
    (["Pingtan 2024 reconsideration cases?", "how many were upheld?", "and reversed?"], "「行政复议 · 结果纠正」为1件"),
    # requests turned down, not processed, made anew, repeated, still open
    (["平潭2025年有多少 rejections？"], "「不予公开（各项合计） · 总计」为11件"),
    (["How many requests did Hongze District not process in 2023 because they were complaints or petitions?"],
     "「不予处理 · 信访举报投诉类申请 · 总计」为1件"),
    (["Hongze 2023: how many requests could not be met because the information would have to be newly created?"],
     "「无法提供 · 没有现成信息需要另行制作 · 总计」为3件"),
    (["How many requests did Pingtan dismiss as duplicates in 2023?"], "「不予处理 · 重复申请 · 总计」为1件"),
    (["How many requests were still being processed at the end of 2025 in Pingtan?"], "「结转下年度继续办理 · 总计」为6件"),
    # a share asked after a count without saying of what: the part's share, never the count over the part
    (["Pingtan 2025 information disclosure requests?", "what share were fully disclosed?"], "「予以公开 · 总计」占"),
    (["How many lawsuits did Pingtan face in 2023?", "what percentage of them were upheld?"], "5件 ÷ 7件 = 71.43%"),
    # how many times more … in one year than in another: the first over the second
    (["How many times more licences did Pingtan grant in 2024 than in 2025?"], "2024年是2025年的1.87倍"),
    (["How many times as many penalties did Pingtan issue in 2022 than in 2019?"], "2022年是2019年的4.91倍"),
    # the turns of a chain: the percentage change, the bottom one
    (["Pingtan 2025 fee income?", "and 2024?", "what's the percentage change?"], "下降77.66%"),
    (["Top 3 agencies by administrative penalties in 2020", "and the bottom one?"], "鹤岗市城市管理综合执法局最少"),
    # a court's and an appeal's other names; requests handled; sued
    (["平潭 2024 年有幾宗 judicial review?"], "「行政诉讼（直接起诉与复议后起诉合计） · 总计」为19件"),
    (["How many administrative appeals did Pingtan have in 2025?"], "「行政复议 · 总计」为36件"),
    (["How many information disclosure applications did Pingtan handle in 2025?"], "「办理结果总计 · 总计」为148件"),
    (["In 2024, how many times was Pingtan sued?"], "为19件"),
    # the biggest change between two years, a trend, a median over the years, a repeal, a share of a group
    (["Which year saw the biggest increase in administrative penalties for Pingtan?"], "增加最多的是2022年"),
    (["Did Pingtan's penalties decline every year from 2022 to 2025?"], "2022年2,113件，2023年1,330件，2024年1,100件，2025年644件"),
    (["What is the median of Pingtan's yearly administrative penalties?"], "中位数是1,100件"),
    (["How many normative documents did Pingtan repeal in 2023?"], "「规范性文件 · 本年废止件数」为132件"),
    (["What percentage of Pingtan's 2024 requests came from natural persons?"], "217件 ÷ 218件 = 99.54%"),
    # a topic of the text in English: looked for as its Chinese words, and said when no report has it
    (["What did Hegang's report say about training?"], "没有找到关于「培训」的内容"),
    (["Which reports mention press conferences?"], "说到这一点的有2个单位"),
]


@pytest.mark.parametrize("turns,said", CASES, ids=[" / ".join(t) for t, _ in CASES])
def test_english_words_are_read_as_the_template_says(dev_qa, turns: list[str], said: str) -> None:
    last = ask_turns(dev_qa, *turns)[-1]
    assert said in last.text and "466.67" not in last.text, last.text
