"""A held-out question set (tests/heldout_questions.json): questions of dev.json's kinds over dev.json's
corpus, in wordings, rows, agencies and years that dev.json does not use (other template rows, pinyin-like
typos, traditional characters, English mixed in, pasted paragraphs, the agency at the end, 几成 / 倒数第二 /
大于等于 / 翻了几倍 …; batch 4, ho228–ho287: relative years 去年 / 前年 / 近三年 / 上一年度 counted from the
latest year in the index (2025) or the conversation's, yes/no questions, 「A比B少多少」, wrong characters, names
the index lacks beside found ones, values the report does not give; batch 5, ho288–ho347: full-width digits,
homophones 复以 / 和计, yes/no over several years (都超过50件吗) and of a round count (四千多件吗), follow-ups that switch
the agency or compare against a new one (比伊川多还是少), 换成2024年 / 按比例呢, bottom-N, 在100到1000件之间, A比B少百分之几,
three agencies side by side, names the index lacks, ambiguous readings; batch 6, ho348–ho407: all-English questions
(Which agency had the most administrative reconsideration cases? / and in 2024?), 占几成 answered in 成, 平均每月,
同比 / 环比 follow-ups, 后三名, counts of reports, 自洽, a long two-part question, a name written in Latin letters that
the index lacks (Shenzhen), 'best' with no stated measure; batch 7, ho408–ho457: a journalist's, an auditor's, a
citizen's and a researcher's words — 国家秘密那一栏, 申请人是公司的, 败诉了几次, 被告得最多, 自然人以外, 差的6件去哪了,
a wrong-level name (济南市政府 for 济南市城市管理局: refused), 平潭县, predictions (明年) and a reply time (要多久能答复)
refused, a median, a compound yearly growth rate, rates ranked over years with ties, 和上一年比呢 after a rate;
batch 8, ho458–ho497: a student's, a lawyer's and an official's words — rows by number (表三第（五）项, 第三部分),
amounts asked in 元 or as 多少钱, a column one template lacks (refused, never 0), 二〇二四年 / 两千零二十五年, 那去年呢 /
洪泽呢？ / 换成行政许可, two agencies' 同比, 2021版模板的报告里, 平均每个项目多少万元, which report's 表三 does not add up
and by how much, 哪些单位…都没有, 多少家; batch 9, ho498–ho547: 法人或其他组织 as a sum of columns and its share of
its own row, 分别是什么原因 (a row's parts listed), ties at 最少, 前三名 of a result row, 第二少, two agencies each with
its own year (平潭2024年和洪泽2023年), two conditions on two items (且), 结转下年度 ratios, English year ranges
(from 2021 to 2025) and disclosure words, wrong levels and old names (平潭市, 洪泽县), 行政许科 / 沙合, 它的纠正的呢
after 行政诉讼, 表三各项加起来等于21吗).
Every expected value was read by hand from the reports' cells; `why` names the cell. First scores of new batches
before any fix: batch 5 52/60, batch 6 44/60, batch 7 36/50, batch 8 33/40, batch 9 41/50, batch 11 (ho556–ho580: 提到了/说到了 over all reports, A加B等于C加D吗, 伊穿 / 济男)
22/25 (21/25 with traceability; one of the three misses was the gold's own 160 for 160.00), batch 12 (ho581–ho630: a
journalist's, an auditor's and a citizen's words — 平谈 / 鹤冈, 从上一年结转过来, 项目本年减了, 2024年是2025年的几倍,
依申请办理结果里…的占比, cells a report lost or never had (absent, never 0), English lawsuit routes and drop from) 43/50, batch 13 (ho631–ho670: an auditor's
(合计对不上, 结转数对不对, 办理结果加起来等于收到的吗), a thesis student's (平均数, 中位数, 占历年总和的比例, 增长率, 排名前三),
a citizen's unpunctuated words (咋样, 多不多, 有没有, 平谭), chains of 3 turns (第二呢 → 它的…呢, 那前年呢, 换成济南呢,
只看2024年的) and English follow-ups without a marker (and the year before? / how many were granted?)) 32/40,
40/40 after the fixes by kind (tests/test_qa_followups.py asks the same kinds in other words),
batch 13b (ho701–ho720: English and mixed questions naming the agency in pinyin or English — Ping Tan, Ping-tan,
Hóngzé District, Jinan Municipal Urban Management Bureau, Pingtan County, Zhangdian law enforcement bureau, the
Jinan Municipal People's Government (another body: refused), Fuqing City (not held: said)) 14/20; after qa/latin.py 20/20.
Batch 14 (ho721–ho745: trends over years (连续增长了几年, 从哪一年开始逐年下降, 什么趋势, 逐年变化), rankings under a
condition (除了平潭, 除了洪泽以外, 2023年哪家…多，多多少), a fact beside a consistency finding (收到了多少件，数据对得上吗),
a fact and a text ask in one sentence (收了多少申请，存在什么问题), counts of reports (几份年报, 哪些年份有报告), units
(多少元 for 万元, 多少项, 花了多少钱), 同比 / 环比, negatives (哪几年没有复议后起诉), typos 平谭 / 复义 / 申情) 19/25; 25/25 after the fixes by kind (除了 / 除外 leave an agency out of
the scope, 多多少 beside a ranking says the lead, 连续…几年 is the longest run of rises, a number and a text ask are
both answered).
Batch 15 (ho746–ho795: an auditor's year-on-year checks (近两年同比各增减, 哪几年比上一年少, 同比增幅最大), a journalist's
headline numbers (七年来累计, 是2019年的几倍, 最多的一年是最少一年的几倍), a law student's 复议/诉讼 outcomes (both routes
together, 尚未审结, 败诉率), a citizen typing fast (平谭去年行政处法, 洪则区, 济南成管局, 鹤刚, 张店执法局21年), chains of 3–4
turns (那前年呢 after a named year, 换成行政许可呢, 它排第几, 它在平潭这几年里排第几), 哪一年最多？比前一年多多少 (the year
found against its own year before), 2020年以后 (read as including 2020, and said), 除了予以公开以外的, and absent years and
cells) 38/50; 50/50 after the fixes by kind (tests/test_qa_batch15.py asks the same kinds in other words).
Batch 15b (ho800–ho839: English follow-up chains, mixed Chinese–English sentences, English words for table rows
(rejections, overturned, petitions, newly created), English rankings and comparisons, names the index lacks, pinyin with
typos (Pintan), a pinyin spelling two places share) 28/40; 40/40 after the fixes (tests/test_qa_english.py).
Batch 16 (ho840–ho869: a 人大代表's year ranges (2021至2023年合计, 年均, 占2019至2025年合计的比例, 排第几 within a
range), a 复议 lawyer's rates with the formula said (纠错率 = 结果纠正÷总计, 维持率, over summed years), voice-input
homophones (行政除罚, 政府信息工开, 行政虚可, 形政许可), a journalist's tables (按年份列出…, 列出各单位…), negatives (哪些单位没有…,
一件…都没有), 同比 / 环比, columns one template lacks (收费金额 of 2019's, 项目数量 and 废止 across templates: refused, never 0)
and units (万元, 项)) 27/30 by the scorer (26/30 by hand: ho864's 第3 was another report's place in a ranking of every
agency); 30/30 after the fixes by kind (a group named with all its parts is the whole, 合计多少，年均多少 both said, one
year's share of a named range, a year's place within a named range of its agency's years; further kinds found asking
the same things in other words: 没被提起过 / 没有被申请过 read as none, 哪些单位从来没有 over every report of an agency;
tests/test_qa_batch16.py asks them all in other words).
Batch 17 (ho870–ho919: a 政务公开办 auditor's, a 人大 staffer's and a graduate student's template words — 申请人类型
为法人或其他组织, 社会公益组织, （六）其他处理“3.其他”一行商业企业栏, 结转下年度 by applicant, 不予公开 / 无法提供 /
不予处理 sub-rows, 维持率 and 复议后起诉占诉讼 with the formula, thresholds 介于…之间 / 不少于 / 不到 / 超过一亿元, 前三名 /
倒数第一, 比…多几成, A和B合计, 年均; a citizen on a phone (25年…比24年, 两千零二十四年, 评潭, 繁體, partial disclosure)) 45/50
(two of the misses were the golds' own: 1781.19 / 4669.03 where the answer gave the exact 1781.191333 / 4669.029801, widened
as ho474 / ho043 accept); 50/50 after the fixes by kind (a year said as a number, 2021's 其他处理 · 3.其他 named after
its group, a column named with 栏, 变化了多少 is no money word; probes in other words found more, fixed too: A比B多百分之几 /
多几成 between two rows of one report, 介于X到Y without 之间, 总共几件 其中X呢, 哪几年有X提出申请, 其中X的占多少 after a
whole, two columns of one row compared or added, A跟B比少了几成, 两项合计占…的比例呢, a column over 全部 of its own row;
tests/test_qa_batch17.py asks them all in other words).
Batch 18 (ho920–ho969: conversations — 那前年呢 after a turn naming two years, 具体数呢 / a bare 多少? after a
ranking, 换个单位 (万元 → 元), 不对，我是说2024年, 它呢 / 那个呢, 前三名呢, English follow-ups (as a percentage?), a year
switch into a template without the row; consistency — a prose total against its parts after 其中 (渠道, 网络/邮寄/送达),
cross-year chains (结转下年度 → 上年结转, 上一年项目数量), rule 3 per row and rule 4 per route that hold, prose against
表四 with two numbers, 除了平潭 over the corpus; refusals — nicknames the index lacks (榕城, 冰城), 以前 / 以后 past the
corpus, wrong levels (淄博市, 邢台市), a row the 2021 template lacks, money where only counts exist (信息处理费))
35/50 by the scorer (30/50 by hand: ho921 具体数呢 and ho922 多少? were not answered, ho932 那前年呢 after a year found
counted from the index, ho935 本年增减呢 answered another column, ho955 除了平潭 kept 平潭); 50/50 after the fixes by
kind (a correction 不对，我是说… asks the last question changed; 多少？/ 具体数呢 after a ranking is the found report's value;
换个单位 repeats the last answer in the unit asked; 那前年呢 moves each of two named years, and after 哪一年最多 counts from
the year found; 本年增减呢 is the 本年增/减 column; English 'as a percentage?' is 按比例呢; a prose total is summed
against the parts listed after it without brackets; 上一年项目数量 runs on from the year before's 上一年项目数量 + 本年增/减;
the one rule asked (每一行 / 新收加结转 / 跨年度结转 / 表四) is answered with the checks that show it; 除了 leaves an agency
out of a corpus check; each measure stated is set against its cell; 信息处理费 is money never given; ho952's 表四 answer
no longer lists another table's text check). tests/test_qa_batch18.py asks them all in other words.
Batch 19 (ho970–ho999: a 政务公开办 clerk's and a journalist's — conversations mixing kinds (a value → its rank →
its share of every report's sum, a share → 那去年呢, 表二 rows and 表三 columns switched, 这两个加起来, 后者里面…, 它比2021年
多几件 after 只看2021年以后的, 再看看洪泽, a blank 总计 cell then 对得上吗, 这两个数和正文对得上吗), consistency (a named
report's 表三 results against （七）总计, 正文 393 against 表 470, 表三 of every report since 2021, 哪一年的报告有问题, a prose
75 that 新收 74 + 上年结转 1 explains, a stated share 42件、占51.85%, 伊川 consistent, 洪泽 表四 诉讼 columns), refusals
(张店's lost 上年结转, 洪泽's missing 逾期不补正 row, a 纠错率 over a zero base), two readings (规范性文件 columns, 洪泽's 复议
总计 0 against its results 11) and unusual words (打官司, 买东西花了多少钱, 群众递来的申请)) 22/30 by the scorer (21/30 by
hand: ho976 后者里面… and ho977 表三办理结果总计那一格 were answered as rankings over every agency, ho986 also stated a
bogus prose-parts break (予以公开3件 read as a total); ho979's 130.81499 and ho993's 无从计算 were right and the gold's
tokens were widened); 29/30 after the fixes by kind (前者 / 后者 read as the one meant; 它比2021年多几件 after 哪一年最多
counts from the year found; 占所有报告…合计 after 在所有报告里排第几 is over every report of every year; 那一格 / 那一栏 is the
report talked about; a consistency ask after one report checks that report; two columns asked in turn summed against
the row's 总计; a compared total its own parts break is said; 跟表三算出来的一样吗 is a consistency ask; a number after
其中 is a part, never a total); 30/30 once 这两个数和正文对得上吗 set the measures just asked against the numbers the text
gives them (ho970: 2 and 7 match). Left: ho977's blank （七）总计 is said as 空白（按0计）, ho987 checks 42 ÷ 81 = 51.85% but not
42 = 22 + 20. tests/test_qa_batch19.py asks the kinds in other words.
Batch 20 (ho1000–ho1049: a 政务公开办 auditor's, a journalist's, a law student's and a phone user's fact questions —
前三按顺序, 倒数第二, 三家加起来, 两家合计, 信息不存在 / 被纠错 / 败诉 / 重复申请 / 危及三安全一稳定 / 逾期不补正, 繁體,
full-width digits, 平谈 / 行政出罚, Pingtan … administrative fees, 几成, 至少 / 超过 / 不到 over years and reports, a
sentence cell, a lost row, a row the 2021 template lacks, agencies the index lacks (厦门市城市管理局, 福州市), a year
the agency lacks, two readings of 行政处罚 in the 2019 template) 47/50 by the scorer (49/50 by hand: ho1029's 7 was
the refusal's own count of agencies held, ho1035's 42.00倍 and ho1039's 100.00% were right and the golds' tokens
were widened; ho1047 废止比制发多 passed the scorer with a list of cells that did not answer it); 50/50 after the fixes
by kind, with probes in other words that found more (tests/test_qa_batch20.py asks them all in other words): two
columns of one row compared per report, 高于平均值 (the scope's own average, never 七年's 七), 比上一年增长最快 (by
rate) / 翻了一倍以上 / 下降超过30% (the change over the year before, bounded), 行政复议和行政诉讼都不为0 (one condition
on both), （予以公开+部分公开）/总计 and 纠正÷总计 (a rate as its formula), 除了2025年以外 (a year left out), 前三名加起来,
平均每年增长多少, 申请最多那年的予以公开, 纠错率超过10%的年份, 合计多少，各占多少 / 谁多，加起来多少, 首次超过 / 突破 /
跌破, 给予公开 / 信息不存在, 收费项目有几个 (上一年项目数量).
Batch 23 (ho1150–ho1199: a provincial 政务公开办 auditor's, a data journalist's, a thesis student's, a phone user's
and an English researcher's fact questions over 不予公开 sub-rows, applicant columns (商业企业, 科研机构, 社会公益组织),
复议 / 诉讼 result columns, 废止, 结转, 行政强制 and 收费 amounts; must_not now also checked, in the sentence, for
every kind) 38/50 by the scorer (35/50 by hand: ho1150 gave 新收 70 and a consistency dump, its 2 matched by
accident; ho1151 read 是否一致 as a consistency check; ho1198 answered 法人或其他组织, not 社会公益组织); 49/50 after
the fixes by kind (English applicant and refusal words, a year before a full stop, 国家机密, 复议后又去法院告, 哪几年比
前一年翻番, 哪些单位收了信息处理费 said as none, 哪些单位的申请来自企业 over every report, 历年A总数和B总数哪个多, 占当年
所有单位合计的比例最高, 一共…占多少 pooled, （七）总计一行, 两家的件数是否一致, 请核对：…是多少; tests/test_qa_batch23.py);
left: ho1152 (填报为0的单位 read over each agency's latest report, said in the answer; 平潭2022's 0 not listed).

Batch 22 (ho1100–ho1149: conversations, consistency asks and refusals in a journalist's, an auditor's, a law
student's, a researcher's and a phone user's words — 它的…呢, 前者是后者的几倍, 按比例呢, 不对，我是说洪泽, 那年 after a
ranking of years, a value after a prose answer, after a consistency answer and after a refusal, English follow-ups
(and how many could not be provided? / what about administrative licensing?), a four-turn chain, 后者占总计的比例
after two rows; 表三 / one row / one route of 表四 对得上吗, the text's 42件占51.85% and 393 against the tables, 结转 and
现行有效 run on between consecutive years, 在2026年报告里能对上吗, 算得对吗; an agency, a year, a level (洛阳市) the
corpus lacks, 平均审理天数, 罚没金额 / 罚款总额, 推算, 你评价一下, 撤回申请, 调解结案) 47/50 by the scorer (43/50 by hand:
ho1114 后者 read as the first row, ho1137 那几栏加起来等于19吗 read as a filter, ho1146 调解 answered with the total;
the scorer passed ho1126 (the asked row's check not shown among four others), ho1130 (a 2026 report called
consistent), ho1132 (百分比算得 read as an agency's name) and ho1143 (你评价 read as a name)); 50/50 by the scorer and by
hand after the fixes by kind (tests/test_qa_batch22.py asks them in other words, with the further kinds its probes
found: applicant kinds without a column, 表三有问题吗, 正文说…对不对, 收了多少罚款, 它占总计的比例 after a breakdown, 那下一年呢),
and ho1069 (报告里说…涉及哪些申请人: the text's 75 = 新收 74 + 上年结转 1 quoted beside 表三) no longer a known failure.
It measures whether the reading side generalises beyond dev.json's words. Scored exactly like dev.json (the
scorer and the corpus index are test_dev_questions.py's; both sets share one index per session).

    .venv/bin/python -m pytest tests/test_heldout_questions.py -q
    .venv/bin/python -m pytest tests/test_heldout_questions.py -q -k summary -s   # pass rate per kind
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# The held-out set assumes dev.json's corpus (asserted below): it is asked over dev.json's index and engine.
from test_dev_questions import CORPUS as DEV_CORPUS
from test_dev_questions import DEV, cases, check_question, check_traceable, summary
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

HELDOUT = Path(__file__).with_name("heldout_questions.json")
ITEMS: list[dict] = json.loads(HELDOUT.read_text("utf-8"))
CORPUS: dict = next(x for x in ITEMS if x.get("kind") == "corpus")
QUESTIONS = [x for x in ITEMS if x.get("kind") != "corpus"]
# The held-out set is a measure, not a gate on every item: the summary asserts this floor.
TARGET = 0.90

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV.parent} not found (../shared is not beside the repo)")

# Known failures, each with its cause; they stay visible as xfail (an unexpected pass shows as XPASS).
KNOWN: dict[str, str] = {
    "ho1152": "填报为0的单位 is read over each agency's latest report (said in the answer); 平潭2022's 0 is not listed",
}


def test_heldout_set_is_well_formed():
    assert CORPUS["corpus"] == DEV_CORPUS["corpus"], "the held-out set must assume dev.json's corpus"
    ids = [x["id"] for x in QUESTIONS]
    assert len(ids) == len(set(ids)) and len(ids) >= 100
    dev = {x["q"] for x in json.loads(DEV.read_text("utf-8")) if "q" in x}
    assert not [x["id"] for x in QUESTIONS if x.get("q") in dev], "held-out questions must not repeat dev.json"
    for x in QUESTIONS:
        assert x["expect"] and x["why"] and ("q" in x) != ("turns" in x), x["id"]


@pytest.mark.parametrize("item", cases(QUESTIONS, KNOWN))
def test_heldout_question(item, dev_qa, dev_corpus):
    check_question(dev_qa, item, dev_corpus)


@pytest.mark.parametrize("item", cases(QUESTIONS, {}))
def test_heldout_answer_numbers_are_traceable(item, dev_qa):
    check_traceable(dev_qa, item)


def test_heldout_summary(dev_qa, dev_corpus, capsys):
    with capsys.disabled():
        rate = summary(dev_qa, QUESTIONS, dev_corpus, "heldout_questions.json")
    assert rate >= TARGET, f"held-out {rate:.1%} < {TARGET:.0%}"
