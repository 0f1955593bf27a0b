"""Normalising a question, in one place, before anything reads it: NFKC (full-width digits, letters and
punctuation), traditional → simplified (index.hanzi), English words for the template's items, years in
Chinese numerals or two digits (二〇二三年, 21年 → 2023年, 2021年), lower-case Latin, no spaces.

Agency names in Latin letters (Pingtan County, Hongze District People's Government) are not translated here:
they depend on the index, and qa.latin reads them, with the words after them, before this runs.
"""

from __future__ import annotations

import re
import unicodedata

from index.hanzi import to_simplified
from qa.cnnum import cn_to_int

# English words people mix into a question, as the template's words. Longest first; whole words only.
ENGLISH: dict[str, str] = {
    "administrative penalty": "行政处罚", "administrative penalties": "行政处罚", "penalties": "行政处罚",
    "penalty": "行政处罚", "fines": "罚款", "fine": "罚款",
    "administrative license": "行政许可", "licenses": "行政许可", "license": "行政许可", "licences": "行政许可",
    "licence": "行政许可", "permits": "行政许可", "permit": "行政许可", "licensing": "行政许可",
    "coercion": "行政强制", "enforcement": "行政强制", "compulsory measures": "行政强制",
    "administrative review": "行政复议", "reviews": "行政复议", "review": "行政复议",
    "reconsideration": "行政复议", "litigation": "行政诉讼", "lawsuits": "行政诉讼", "lawsuit": "行政诉讼",
    "suits": "行政诉讼", "fees": "行政事业性收费", "fee": "行政事业性收费", "procurement": "政府集中采购",
    "regulations": "规章", "normative documents": "规范性文件",
    "applications": "申请", "application": "申请", "requests": "申请", "request": "申请",
    "decisions": "处理决定", "decision": "处理决定", "cases": "件", "case": "件",
    "upheld": "维持", "corrected": "纠正", "pending": "尚未审结", "amount": "金额", "amounts": "金额",
    "granted": "予以公开", "withheld": "不予公开", "fully disclosed": "予以公开", "disclosed in full": "予以公开", "fully disclose": "予以公开",
    "partially disclose": "部分公开", "disclose in part": "部分公开",
    "denied": "不予公开", "refused": "不予公开", "deny": "不予公开", "withhold": "不予公开",
    "and why": "，分别是什么原因", "by reason": "分别是什么原因", "by reasons": "分别是什么原因",
    "broken down by reason": "分别是什么原因", "by applicant": "申请人分别是谁", "by applicant type": "申请人分别是谁",
    "breakdown": "构成", "broken down": "构成",
    "correction rate": "纠正率", "rate of correction": "纠正率", "uphold rate": "维持率", "upheld rate": "维持率",
    "could not be provided": "无法提供", "unable to provide": "无法提供", "not held": "不掌握相关政府信息", "information did not exist": "不掌握相关政府信息",
    "information does not exist": "不掌握相关政府信息",
    "did not hold the information": "不掌握相关政府信息", "did not have the information": "不掌握相关政府信息", "for what reasons": "分别是什么原因", "what reasons": "什么原因", "not disclosed": "不予公开", "carried over": "结转",
    "carried over to the next year": "结转下年度", "carry over to the next year": "结转下年度",
    "carried over into the next year": "结转下年度", "carried over from the previous year": "上年结转",
    "carried forward": "结转", "legal persons": "法人或其他组织", "organizations": "法人或其他组织",
    # the five organisation columns and the refusal reasons of 三, each in a researcher's words
    "research institutions": "科研机构", "research institutes": "科研机构", "research organisations": "科研机构",
    "research organizations": "科研机构", "public-interest organisations": "社会公益组织",
    "public-interest organizations": "社会公益组织", "public interest organisations": "社会公益组织",
    "public interest organizations": "社会公益组织", "non-profit organisations": "社会公益组织",
    "non-profit organizations": "社会公益组织", "nonprofit organisations": "社会公益组织",
    "nonprofit organizations": "社会公益组织", "non-profits": "社会公益组织", "nonprofits": "社会公益组织",
    "charities": "社会公益组织", "ngos": "社会公益组织", "law firms": "法律服务机构", "legal service providers": "法律服务机构",
    "legal service organisations": "法律服务机构", "legal service organizations": "法律服务机构",
    "internal affairs information": "三类内部事务信息", "internal affairs": "三类内部事务信息",
    "process information": "四类过程性信息", "deliberative information": "四类过程性信息",
    "law enforcement files": "行政执法案卷", "enforcement files": "行政执法案卷", "case files": "行政执法案卷",
    "third-party rights": "保护第三方合法权益", "third party rights": "保护第三方合法权益",
    "third-party interests": "保护第三方合法权益", "third party interests": "保护第三方合法权益",
    "administrative queries": "行政查询事项",
    "did any agency": "有没有哪个单位", "did any agencies": "有没有哪个单位", "has any agency": "有没有哪个单位",
    "receive requests from": "收到过申请的", "received requests from": "收到过申请的",
    "receive applications from": "收到过申请的", "received applications from": "收到过申请的",
    "organisations": "法人或其他组织", "companies": "商业企业", "businesses": "商业企业", "enterprises": "商业企业", "in force": "现行有效", "repealed": "废止",
    "how many": "多少", "how much": "多少", "total": "合计", "average": "平均", "top": "前",
    "administrative reconsideration": "行政复议", "administrative licensing": "行政许可",
    "administrative licenses": "行政许可", "administrative permits": "行政许可", "administrative coercion": "行政强制",
    "administrative enforcement": "行政强制", "administrative fees": "行政事业性收费", "administrative litigation": "行政诉讼",
    "proactive disclosure": "主动公开", "proactively disclosed": "主动公开", "regulatory documents": "规范性文件",
    "information disclosure": "政府信息公开", "charges": "行政事业性收费", "fee income": "行政事业性收费金额",
    "partially disclosed": "部分公开", "partial disclosure": "部分公开", "natural persons": "自然人",
    "individuals": "自然人", "agency": "单位", "agencies": "单位", "reports": "报告", "report": "报告",
    "per year": "每年", "each year": "每年", "every year": "每年", "annually": "每年", "per month": "每月",
    "each month": "每月", "every month": "每月", "monthly": "每月", "year-on-year": "同比", "yoy": "同比",
    "proportion": "比例", "what percentage": "百分之几", "what percent": "百分之几", "difference": "相差",
    "higher": "更多", "lower": "更少", "more": "多", "fewer": "少", "consistent": "一致吗", "add up": "对得上吗",
    "don't add up": "对不上", "do not add up": "对不上", "doesn't add up": "对不上", "does not add up": "对不上",
    "inconsistent": "不一致", "inconsistencies": "不一致", "contradictions": "矛盾", "contradict": "矛盾",
    "across all reports": "所有报告", "in all reports": "所有报告", "all reports": "所有报告", "all years": "历年",
    "every report": "所有报告", "list the agencies": "有哪些单位", "list all agencies": "有哪些单位",
    "what agencies": "哪些单位", "zero": "为零", "how many times": "几倍", "times as many": "倍",
    "percent": "百分之几", "second": "第二", "bottom": "倒数", "problems": "存在哪些问题", "shortcomings": "不足",
    "per report": "每份报告", "each report": "每份报告", "new applications": "新收申请", "new requests": "新收申请",
    "received no": "没有收到", "receive no": "没有收到", "did not receive": "没有收到", "didn't receive": "没有收到",
    "had no": "没有", "have no": "没有", "has no": "没有", "which years": "哪几年", "in which years": "哪几年",
    "years of reports": "年的报告", "years of report": "年的报告", "years": "年份",
    # the words of a ranking, a comparison or a threshold
    "which agency": "哪个单位", "which agencies": "哪些单位", "which reports": "哪些报告", "which year": "哪一年",
    "which": "哪个", "the most": "最多", "most": "最多", "the least": "最少", "least": "最少", "fewest": "最少",
    "highest": "最高", "lowest": "最低", "more than": "超过", "fewer than": "少于", "less than": "少于",
    "at least": "至少", "growth rate": "增长率", "growth": "增长", "increase": "增加", "decrease": "减少",
    "share": "占比", "percentage": "百分比", "ratio": "比例", "in total": "一共", "sum": "合计",
    "compared with": "相比", "compare": "比较", "rank": "排名", "ranking": "排名",
    # a lawsuit's two routes, and the verbs of a change (drop from 2022 to 2025: the two ends, not the sum;
    "not through reconsideration": "未经复议直接起诉", "without reconsideration": "未经复议直接起诉",
    "without review": "未经复议直接起诉", "filed directly": "直接起诉", "after reconsideration": "复议后起诉",
    "following reconsideration": "复议后起诉", "after review": "复议后起诉",
    # a bare "drop" is read only before from/by (_ENGLISH_CHANGE): 行政处罚'; drop table facts asks no change)
    "dropped": "下降", "fell": "下降", "declined": "下降", "rose": "增长", "grew": "增长", "increased": "增加",
    "decreased": "减少",
    # relative years, as the Chinese words qa.relyears reads
    "last year": "去年", "previous year": "上一年度", "the year before last": "前年", "this year": "今年",
    "current year": "今年", "next year": "明年",
    # the rows of 三 in other words: a request refused, partly granted, not processed; withdrawn (no row has it)
    "refuse": "不予公开", "refuses": "不予公开", "partially granted": "部分公开", "partly granted": "部分公开",
    "granted in part": "部分公开", "partly disclosed": "部分公开", "not processed": "不予处理",
    "declined to process": "不予处理", "withdrawn": "撤回", "withdrew": "撤回", "withdraw": "撤回",
    "state secret": "属于国家秘密", "state secrets": "属于国家秘密", "refusals": "不予公开",
    "carry over from the previous year": "上年结转", "carried in": "上年结转", "brought forward": "上年结转",
    "change": "变化", "changed": "变化", "changes": "变化",
    # a decision a court or a reviewer reversed is a 结果纠正; a request turned down is a 不予公开 (rejections)
    "overturned": "纠正", "overturn": "纠正", "reversed": "纠正", "revoked": "纠正", "quashed": "纠正",
    "decision upheld": "维持", "decision was upheld": "维持", "decisions upheld": "维持",
    "decision overturned": "纠正", "decision was overturned": "纠正", "rejections": "不予公开",
    "rejection": "不予公开", "rejected": "不予公开", "not disclose": "不予公开", "non-disclosure": "不予公开",
    # the rows of （四）and （五）in a foreigner's words: information to be made anew, petitions
    "newly created": "没有现成信息", "newly made": "没有现成信息", "newly compiled": "没有现成信息",
    "no ready-made information": "没有现成信息", "not readily available": "没有现成信息",
    "complaints or petitions": "信访举报投诉", "petitions or complaints": "信访举报投诉", "petitions": "信访举报投诉",
    "petition": "信访举报投诉", "complaints": "信访举报投诉", "not process": "不予处理",
    "not handled": "不予处理", "duplicates": "重复申请", "duplicate requests": "重复申请",
    "duplicate applications": "重复申请", "repeated requests": "重复申请", "repeat requests": "重复申请",
    "percentage change": "变化百分之几", "percent change": "变化百分之几", "the bottom one": "倒数第一",
    "bottom one": "倒数第一", "the last one": "倒数第一", "the top one": "第一名",
    "judicial review": "行政诉讼", "judicial reviews": "行政诉讼", "court cases": "行政诉讼", "court case": "行政诉讼",
    "sued": "被起诉", "administrative appeals": "行政复议", "administrative appeal": "行政复议", "appeals": "行政复议",
    "appeal": "行政复议", "handled": "办结", "handle": "办结", "processed": "办结", "dealt with": "办结",
    "biggest increase": "增加最多", "largest increase": "增加最多", "greatest increase": "增加最多",
    "biggest rise": "增加最多", "largest rise": "增加最多", "biggest decrease": "减少最多", "largest decrease": "减少最多",
    "biggest drop": "减少最多", "largest drop": "减少最多", "biggest decline": "减少最多", "largest decline": "减少最多",
    "biggest fall": "减少最多", "increase every year": "逐年增加", "increased every year": "逐年增加",
    "rise every year": "逐年增加", "rose every year": "逐年增加", "grow every year": "逐年增加", "grew every year": "逐年增加",
    "decrease every year": "逐年减少", "decreased every year": "逐年减少", "decline every year": "逐年减少",
    "declined every year": "逐年减少", "fall every year": "逐年减少", "fell every year": "逐年减少", "median": "中位数",
    "repeal": "废止", "repeals": "废止", "abolished": "废止", "yearly": "历年", "over the years": "历年",
    "across the years": "历年", "all the years": "历年", "annual reports": "报告", "annual report": "报告",
    "lose": "纠正", "lost": "纠正", "still being processed": "结转下年度", "still being handled": "结转下年度",
    "still in progress": "结转下年度", "still open": "结转下年度",
    # the words of part 五 and of a report's gist (qa.op_prose reads 措施 / 改进 / 概括)
    "measures": "措施", "improvement measures": "改进措施", "improvements": "改进", "improvement": "改进",
    "improve": "改进", "main points": "概括", "key points": "概括", "highlights": "亮点",
    # what a report counts in 条 on its platforms (通过“平潭发布”公众号发布信息672条)
    "official wechat account": "公众号", "wechat official account": "公众号", "official account": "公众号",
    "wechat account": "微信公众号", "training": "培训", "trainings": "培训", "website": "网站", "websites": "网站",
    "policy interpretation": "政策解读", "policy interpretations": "政策解读", "new media": "新媒体",
    "hotline": "热线", "press conference": "新闻发布会", "press conferences": "新闻发布会", "how many items": "多少条", "how many posts": "多少条", "publish": "发布",
    # the kinds of agency, standing without a place (which law enforcement bureau …): qa.latin reads them after one
    "law enforcement bureau": "执法局", "law enforcement bureaus": "执法局", "law enforcement": "执法",
    "urban management bureau": "城管局", "urban management bureaus": "城管局", "urban management": "城管",
    "city management": "城管", "chengguan": "城管",
    # it / its after an answer: the report it named (它 / 它的, read by qa.context)
    "which is more": "哪个多", "which one is more": "哪个多", "which has more": "哪个多", "which had more": "哪个多",
    "its": "它的", "did it": "它", "does it": "它", "has it": "它", "had it": "它",
    "the year before": "上一年度", "the prior year": "上一年度", "a year earlier": "上一年度",
}
_ENGLISH_SPAN = re.compile(r"(?<![a-z])(?:the\s+)?(?:last|past|recent)\s+(\d{1,2}|two|three|four|five)\s+years(?![a-z])")
# from 2021 to 2025 / between 2021 and 2025 / 2021 through 2025: a range of years, as 2021到2025年
_ENGLISH_YEARS = re.compile(r"(?<![a-z\d])(?:from\s+|between\s+(?=\d{4}\s*and))?((?:19|20)\d\d)\s*"
                            r"(?:to|through|until|and(?<=between\s\d{4}\sand)|-|–)\s*((?:19|20)\d\d)(?![\d])")
_ENGLISH_COUNT = {"two": "2", "three": "3", "four": "4", "five": "5"}
_ENGLISH = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True))
                      + r")(?![a-z])")
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}
_CN_DIGITS = "[〇零○一二三四五六七八九]"
# 二〇二三年, and the first year of a range (二〇二〇至二〇二二年); 一九年 / 二三年 (two digits: 19, 20–29)
_CN_YEAR = re.compile(rf"({_CN_DIGITS}{{4}}|(?<!{_CN_DIGITS})[一二]{_CN_DIGITS})"
                      rf"(?=年|\s*(?:至|到|-|—|~)\s*(?:{_CN_DIGITS}{{2}}|{_CN_DIGITS}{{4}}|\d{{2}}|\d{{4}})年)")
_SHORT_YEAR = re.compile(r"(?<![\d.近这过])(\d\d)(?=\s*年(?!度?[内中底初末]?\d)|\s*(?:到|至|-|—|~)\s*\d\d\s*年)")
_SHORT_YEAR_PAIR = re.compile(r"(?<![\d.])(\d\d)\s*(到|至|-|—|~)\s*(\d\d)(?=\s*年)")


def _full_year(two: str) -> str:
    n = int(two)
    return str(2000 + n) if n < 50 else str(1900 + n)


# 两千零二十四年 / 二千零二十年: a year said as a number, not digit by digit
_CN_SPOKEN_YEAR = re.compile(r"[两二]千零?(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])"
                             r"(?=年|\s*(?:至|到|-|—|~)\s*[两二\d])")


def years(text: str) -> str:
    """二〇二三年 → 2023年; 两千零二十四年 → 2024年; 21年 → 2021年; 21到25年 → 2021到2025年. A count of years (10年)
    stays."""
    text = _CN_SPOKEN_YEAR.sub(lambda m: str(cn_to_int(m.group(0))), text)
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)), text)
    text = _SHORT_YEAR_PAIR.sub(lambda m: f"{_full_year(m.group(1))}{m.group(2)}{_full_year(m.group(3))}", text)

    def short(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return _full_year(m.group(1)) if 10 <= n <= 49 or n >= 90 else m.group(1)

    return _SHORT_YEAR.sub(short, text)


# 过千 / 上万 / 破亿: a round threshold said in one word, as a number a filter reads (超过1000)
_ROUND = {"千": "1000", "万": "1万", "亿": "1亿"}
_OVER_ROUND = re.compile(r"(?:过|上|破|超)([千万亿])(?![\u4e00-\u9fff]*?[千万亿])")


def round_thresholds(text: str) -> str:
    """过千件 → 超过1000件, 过亿元 → 超过1亿元."""
    return _OVER_ROUND.sub(lambda m: "超过" + _ROUND[m.group(1)], text)


# comparison signs typed on a phone or a keyboard, as the words the filters read (NFKC has made ＞ into >)
_SIGNS = (("≥", "大于等于"), ("⩾", "大于等于"), (">=", "大于等于"), ("≤", "小于等于"), ("⩽", "小于等于"),
          ("<=", "小于等于"), ("≠", "不等于"), ("!=", "不等于"), (">", "大于"), ("<", "小于"))
_SIGN = re.compile("(?:" + "|".join(re.escape(s) for s, _ in _SIGNS) + r")(?=\s*\d)")


def signs(text: str) -> str:
    """行政许可≥1000件 → 行政许可大于等于1000件 (only before a number: a sign is a threshold there)."""
    return _SIGN.sub(lambda m: dict(_SIGNS)[m.group(0)], text)


_LATIN_WORDS = re.compile(r"[a-z]{2,}")
_ENGLISH_QUESTION_END = re.compile(r"\s*\?\s*$")
# and in 2024? / what about Hongze?: a follow-up, as the Chinese one (那2024呢)
_ENGLISH_FOLLOWUP = re.compile(r"^\s*(?:and|what about|how about)(?:\s+(?:in|for))?(?![a-z])\s*")


# how did Pingtan's penalties change: the amount of a change (变化多少), not how a thing is done
_ENGLISH_HOW_CHANGE = re.compile(r"(?<![a-z])how (?:did|has|have|does|do) (.+?) (?:change|develop|evolve)(?![a-z])")
_ENGLISH_ASKS = re.compile(r"\s*(?:which|what|how|who|where|when|rank|list)(?![a-z])")
# drop from 2022 to 2025 / fall by: the verb of a change, read before the years take their "from"
_ENGLISH_CHANGE = re.compile(r"(?<![a-z])(?:(drop|drops|fall|falls|decline|declines)|(rise|rises|grow|grows))"
                             r"(?=\s+(?:from|by|between)(?![a-z]))")
# what share of Pingtan's 2024 requests were granted: the part (granted) over the whole (requests), as 占…的比例
_ENGLISH_SHARE = re.compile(r"(?:(?:what|which)(?:'s|\s+is|\s+was)?\s+)?(?:the\s+)?(?:share|percentage|proportion|fraction|percent)\s+of\s+(.+?)\s+"
                            r"(?:that\s+|which\s+)?(?:(?:were|was|are|is|got|get|came from|come from)\s+|(?=could not|couldn't|cannot|can't))([a-z' ]+?)\s*(\?|$)")


# what share were fully disclosed (after a count): the part of the whole asked before, as 其中…的占比
_ENGLISH_SHARE_WITHIN = re.compile(r"(?:(?:what|which)\s+)?(?:share|percentage|proportion|fraction|percent)\s+"
                                   r"(?:of\s+(?:them|those|these)\s+)?(?:were|was|are|is|got|get)\s+([a-z' ]+?)\s*(\?|$)")


# how many times more … in 2024 than in 2025: the first year over the second, as 2024年是2025年的几倍
_ENGLISH_TIMES = re.compile(r"(?<![a-z])how many times(?:\s+(?:more|as many|as much|higher|larger|greater|bigger))?(?![a-z])")
_ENGLISH_YEAR_THAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s+than\s+(?:in\s+|that\s+of\s+)?((?:19|20)\d\d)(?!\d)")


# licences granted: the licences decided (行政许可's decisions), not requests granted disclosure (予以公开)
_LICENCE = re.compile(r"(?<![a-z])(?:licen[cs]|permit)")
_DISCLOSURE = re.compile(r"(?<![a-z])(?:request|application|disclos|information)")
_GRANTED = re.compile(r"(?<![a-z])(?:granted|grant)(?![a-z])")


# as a percentage? / in percent? (a follow-up after a count): the last count as a share, as 按比例呢
_ENGLISH_AS_SHARE = re.compile(r"^\s*(?:and\s+)?(?:as|in)\s+(?:a\s+)?(?:percentage|percent|share|proportion|ratio|fraction)"
                               r"(?:\s+of\s+(?:the\s+)?(?:total|all|them|those))?\s*\??\s*$")


def english(text: str) -> str:
    """English words of the template's items as their Chinese words (lower-case text); an English question's
    final ? as 吗 (a question word left in it, 多少 / 哪个, still makes it no yes-or-no), a follow-up's as 呢."""
    latin = len(_LATIN_WORDS.findall(text)) >= 2
    if _ENGLISH_AS_SHARE.match(text):
        return "按比例呢"
    text = _ENGLISH_SHARE.sub(lambda m: f"{m.group(2)}占{m.group(1)}的比例{m.group(3)}", text)
    text = _ENGLISH_SHARE_WITHIN.sub(lambda m: f"其中{m.group(1)}的占比{m.group(2)}", text)
    if _ENGLISH_FOLLOWUP.match(text):
        text = "那" + _ENGLISH_QUESTION_END.sub("", _ENGLISH_FOLLOWUP.sub("", text, count=1)) + "呢"
    elif latin and _ENGLISH_ASKS.match(text):  # which agency …?: asks a thing, no yes or no (收费吗 would)
        text = _ENGLISH_QUESTION_END.sub("", text)
    elif latin:
        text = _ENGLISH_QUESTION_END.sub("吗?", text)
    if latin and _ENGLISH_TIMES.search(text) and _ENGLISH_YEAR_THAN.search(text):
        text = _ENGLISH_YEAR_THAN.sub(r"\1年是\2年的几倍", _ENGLISH_TIMES.sub("", text))
    if latin:
        text = _ENGLISH_HOW_CHANGE.sub(r"\1变化多少", text)
    if latin and _LICENCE.search(text) and not _DISCLOSURE.search(text):
        text = _GRANTED.sub("", text)
    if latin:
        text = _ENGLISH_CHANGE.sub(lambda m: "下降" if m.group(1) else "增长", text)
        text = _ENGLISH_YEARS.sub(lambda m: f"{m.group(1)}到{m.group(2)}年 ", text)
    text = _ENGLISH_SPAN.sub(lambda m: f"近{_ENGLISH_COUNT.get(m.group(1), m.group(1))}年", text)  # past 3 years
    return _ENGLISH.sub(lambda m: ENGLISH[m.group(1)], text)


def english_terms(question: str) -> list[tuple[str, str]]:
    """The English words of a question the term table read, each with its Chinese word (for the reading)."""
    text = unicodedata.normalize("NFKC", question).lower()
    if _LICENCE.search(text) and not _DISCLOSURE.search(text):  # as english() reads it: licences granted
        text = _GRANTED.sub("", text)
    return list(dict.fromkeys((m.group(1), ENGLISH[m.group(1)]) for m in _ENGLISH.finditer(text)))


def spaces(text: str) -> str:
    """No spaces, but one between two Latin words (did pingtan receive), so a name written in Latin letters
    stays a word of its own."""
    return re.sub(r"\s+", lambda m: " " if _between_latin(m) else "", text)


def _between_latin(m: re.Match[str]) -> bool:
    s = m.string
    return 0 < m.start() and m.end() < len(s) and s[m.start() - 1].isascii() and s[m.start() - 1].isalpha() \
        and s[m.end()].isascii() and s[m.end()].isalpha()


# the applicants of 三 are 自然人 and 法人或其他组织: "not natural persons" is the other group
_NOT_NATURAL = re.compile(r"(?:除了?|除去)?自然人(?:以外|之外)的?|非自然人的?|不是自然人的")


# 个人和组织各多少: 组织 beside the natural persons is the other group (alone, 加强组织领导 is no applicant)
_ORGS_BESIDE = re.compile(r"(?<=个人|公民|然人)(和|与|及|、|跟|以及|还是)组织(?!或|领导|建设|机构|架构)|"
                          r"(?<![或他])组织(和|与|及|、|跟|以及|还是)(?=个人|公民|自然人)")


def applicants(text: str) -> str:
    """自然人以外的申请 / 非自然人 / 个人和组织 → 法人或其他组织 (the template's one other group of applicants)."""
    text = _ORGS_BESIDE.sub(lambda m: f"{m.group(1)}法人或其他组织" if m.group(1) else f"法人或其他组织{m.group(2)}",
                            text)
    return _NOT_NATURAL.sub("法人或其他组织", text)


# a rate given as its formula: 公开率（予以公开+部分公开）/总计 / 纠正÷总计 / 维持除以总计 → …占…的比例 (a bare / is
# left alone: 本年增/减 is a column's name)
_FORMULA_BRACKETED = re.compile(r"\(([^()]{2,40})\)\s*(?:/|÷|除以)\s*\(?([\u4e00-\u9fff·]{2,20})\)?")
_FORMULA_BARE = re.compile(r"([\u4e00-\u9fff]{2,12}?)\s*(?:÷|除以)\s*([\u4e00-\u9fff]{2,12})")


def formula(text: str) -> str:
    text = _FORMULA_BRACKETED.sub(lambda m: f"，{m.group(1)}占{m.group(2)}的比例", text)
    return _FORMULA_BARE.sub(lambda m: f"{m.group(1)}占{m.group(2)}的比例", text)


def normalize(question: str) -> str:
    """The one normal form every reader works on."""
    text = unicodedata.normalize("NFKC", question)
    text = to_simplified(text).lower()
    text = spaces(english(text))
    return applicants(round_thresholds(years(signs(formula(text)))))
