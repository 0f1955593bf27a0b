"""Measures: what a question can ask for, built from the template (index.template) plus the words people use.

A measure is an item (a row of the template, or a group of rows such as 不予公开) and a column; its value
in one report is one fact, or the sum of a few facts (a group), always traceable to the cells.

Everything a question reader needs to know about words lives here as data: a new synonym is one line in
ITEM_WORDS or COLUMN_WORDS, a new default column one line in DEFAULT_COLUMNS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from index.template import FORMATS, fact_specs, tables

# ---------------------------------------------------------------- the words people use, per item
# Colloquial and abbreviated words (the user lexicon): how people say an item in speech, not in the form.
COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "penalty": ("罚了", "罚得", "罚的", "罚过", "处罚了", "罚没", "开罚单", "罚单"),
    "license": ("批了", "批的", "批过", "审批了"),
    "procurement": ("集采",),
    "apply.denied": ("不给公开", "拒绝公开", "没给公开", "不让公开"),
    "apply.granted": ("给公开了", "同意给公开", "给予公开", "准予公开"),
    "suit": ("告上法院", "被告", "被起诉", "起诉过", "告过", "打官司", "官司"),
    "review": ("复议案件",),
}

# Item ids: the template's row keys for 二 and 四 ("penalty", "review", "suit.direct"), "apply.<row>" for 三,
# and the groups below. The template's own labels and aliases are added automatically.
ITEM_WORDS: dict[str, tuple[str, ...]] = {
    "penalty": ("行政处罚", "处罚", "罚款", "处罚决定", *COLLOQUIAL["penalty"]),
    "license": ("行政许可", "许可", "审批", "许可决定", *COLLOQUIAL["license"]),
    "coercion": ("行政强制", "强制措施", "强制"),
    "other_service": ("其他对外管理服务事项", "对外管理服务", "管理服务事项"),
    "fee": ("行政事业性收费", "事业性收费", "收费"),
    "procurement": ("政府集中采购", "集中采购", "政府采购", "采购", *COLLOQUIAL["procurement"]),
    "regulation": ("规章",),
    "normative": ("规范性文件", "行政规范性文件"),
    "apply.new": ("本年新收", "新收申请", "新收", "收到申请", "收到的申请", "收到政府信息公开申请", "依申请公开",
                  "依申请", "信息公开申请", "政府信息公开申请", "公开申请", "申请数量", "申请量", "申请件",
                  "申请数", "申请"),
    "apply.carried_in": ("上年结转", "上年度结转", "去年结转", "上一年结转", "上一年度结转", "前一年结转",
                         "结转过来", "转过来的"),  # 从上一年结转过来的: carried in, not 结转下年度
    "apply.granted": ("予以公开", "同意公开", "全部公开", *COLLOQUIAL["apply.granted"]),
    "apply.partial": ("部分公开",),
    "apply.denied": ("不予公开", "不公开", *COLLOQUIAL["apply.denied"]),
    "apply.denied.state_secret": ("国家秘密", "国家机密"),
    "apply.denied.law": ("法律行政法规禁止公开", "法规禁止公开"),
    "apply.denied.safety": ("三安全一稳定",),
    "apply.denied.third_party": ("第三方合法权益", "保护第三方", "第三方权益", "第三方利益"),
    "apply.denied.internal": ("三类内部事务信息", "内部事务信息", "内部事务"),
    "apply.denied.process": ("四类过程性信息", "过程性信息"),
    "apply.denied.enforcement": ("行政执法案卷", "执法案卷"),
    "apply.denied.query": ("行政查询事项", "查询事项"),
    "apply.unable": ("无法提供",),
    "apply.unable.not_held": ("本机关不掌握", "不掌握", "信息不存在"),
    "apply.unable.no_record": ("没有现成信息", "另行制作"),
    "apply.unable.unclear": ("仍不明确", "内容不明确"),
    "apply.rejected": ("不予处理",),
    "apply.rejected.petition": ("信访举报投诉", "信访"),
    "apply.rejected.duplicate": ("重复申请",),
    "apply.rejected.publication": ("公开出版物",),
    "apply.rejected.repetitive": ("大量反复申请", "大量反复"),
    "apply.rejected.confirm": ("确认或重新出具", "重新出具"),
    "apply.other": ("其他处理",),
    "apply.other.no_correction": ("逾期不补正", "不补正", "没有补正", "没补正", "未补正"),
    "apply.other.no_fee": ("逾期未按收费", "未按收费通知", "不缴费", "未缴费", "没缴费", "没交费", "未交费", "不交费",
                           "未缴纳费用", "没有缴费", "没有交费"),
    "apply.total": ("(七)总计", "总计一行", "总计行", "总计那一行", "总计这一行", "办理结果总计", "办理结果总数", "办理结果", "办理总计", "办理总数", "办理总量", "办结总计", "办结总数", "办结"),
    "apply.carried_out": ("结转下年度继续办理", "结转下年度", "结转下年", "结转到下年", "继续办理", "结转",
                          # spoken: applications still open at the year's end
                          "没办完", "没有办完", "未办完", "未办结", "没办结", "没有办结", "还在办理", "尚未办结",
                          "没有答复完", "没答复完", "未答复完", "没有办理完", "没办理完",
                          # moved on to the next year: 转到下一年, 留到下一年, 拖到明年
                          "转到下一年", "转到下年", "转入下一年", "转入下年", "转到明年", "留到下一年", "留到明年",
                          "拖到下一年", "拖到明年", "跨年办理"),
    "review": ("行政复议", "复议", *COLLOQUIAL["review"]),
    "suit": ("行政诉讼", "诉讼", "起诉", "被诉", *COLLOQUIAL["suit"]),
    "suit.direct": ("未经复议直接起诉", "直接起诉", "未经复议", "没经过复议直接起诉", "没经复议直接起诉", "不经复议直接起诉",
                    "没经过复议", "没经复议", "不经复议"),
    # spoken: 复议后又去法院告的 / 复议完了再起诉 (the second route of a suit, not the 复议 itself)
    "suit.after_review": ("复议后起诉", "复议后又起诉", "复议后再起诉", "复议之后起诉", "复议之后又起诉", "经复议后起诉",
                          "复议后提起诉讼", "复议后又提起诉讼", "复议后打官司", "复议后又去法院", "复议后去法院",
                          "复议后又告", "复议后再告", "复议完又起诉", "复议完再起诉", "复议完了再起诉", "复议完了又起诉",
                          # leftmost-longest: 行政复议后又起诉 must not be read as 行政复议 then 起诉
                          "行政复议后起诉", "行政复议后又起诉", "行政复议后再起诉", "行政复议之后起诉", "行政复议后提起诉讼"),
}

# Groups of rows whose sum users ask for. "apply.other" is one row in format 2019 and a group of three in
# format 2021: a report's value is the sum of the member rows its format has.
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "apply.denied": ("不予公开（各项合计）", tuple(f"denied.{k}" for k in (
        "state_secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"))),
    "apply.unable": ("无法提供（各项合计）", ("unable.not_held", "unable.no_record", "unable.unclear")),
    "apply.rejected": ("不予处理（各项合计）", tuple(f"rejected.{k}" for k in (
        "petition", "duplicate", "publication", "repetitive", "confirm"))),
    "apply.other": ("其他处理", ("other", "other.no_correction", "other.no_fee", "other.misc")),
    "suit": ("行政诉讼（直接起诉与复议后起诉合计）", ("suit.direct", "suit.after_review")),
}

# Template labels too generic to name an item in a question (其他 is a row of 2021's 其他处理, 总计 a column).
GENERIC_LABELS = frozenset({"其他", "总计"})

# Words that ask for money: on an item the template counts but never prices (行政处罚 罚了多少钱), the
# answer says the report has no such amount instead of giving the count.
MONEY_WORDS = ("多少万元", "多少元", "罚款金额", "罚没金额", "罚没款", "多少罚款", "罚款数额", "罚款额")
# 罚款总额; 信息处理费 (the fee an applicant may be charged: 三 counts the applications dropped for it, no amount)
RE_MONEY = re.compile("多少钱|花了多少|金额|费用|总额|数额|处理费|" + "|".join(MONEY_WORDS) + "|万元")

# Column words, per table ("active" 二, "apply" 三, "review" 四). Values: column keys; "legal_person" is the
# group 法人或其他组织 (the five organisation columns).
COLUMN_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "active": {
        "prev": ("上一年项目数量", "上一年项目数", "上年项目数量", "上年项目数", "上一年项目", "上年项目",
                 "项目数量", "项目数", "事项数量", "事项数", "上一年的", "上一年", "上年", "项目"),
        "change": ("本年增/减", "本年增减", "增/减", "增减"),
        "decisions": ("本年处理决定数量", "处理决定数量", "处理决定数", "处理决定", "决定数量", "决定数", "决定"),
        "made": ("本年新制作数量", "新制作数量", "新制作", "制作数量", "制作"),
        "published": ("本年新公开数量", "新公开数量", "新公开"),
        "total": ("对外公开总数量", "对外公开总数", "公开总数量", "公开总数", "对外公开"),
        "issued": ("本年制发件数", "制发件数", "制发", "新发布", "发布"),
        "repealed": ("本年废止件数", "废止件数", "废止"),
        "in_force": ("现行有效件数", "现行有效", "有效件数", "有效"),
        # no 采购/收费 in these words: the item word before them must stay readable (采购 + 金额)
        "items": ("项目数量", "项目数", "项目"),
        "amount": ("总金额", "金额", "多少钱", "花了多少", "费用", *MONEY_WORDS),
    },
    "apply": {
        # no 市民 / 群众 / 高校: they head prose questions too (市民满意率), and a column word alone implies 三
        "natural": ("自然人", "个人", "公民"),
        "business": ("商业企业", "企业", "公司"),  # 申请人是公司的
        "research": ("科研机构", "科研院所", "研究机构"),
        "nonprofit": ("社会公益组织", "公益组织", "社会组织", "公益机构"),
        "legal": ("法律服务机构", "律师事务所", "律师", "律所"),
        "other_org": ("其他组织", "其他申请人", "其他类申请人"),
        "legal_person": ("法人或其他组织", "法人或者其他组织", "法人和其他组织", "法人及其他组织", "法人"),
        "total": ("总计", "合计列", "总计列"),
    },
    "review": {
        "upheld": ("结果维持", "维持", "胜诉", "驳回"),  # 胜诉 / 驳回: the agency's act stands
        "corrected": ("结果纠正", "纠正", "纠错", "败诉", "被撤销"),  # 败诉: a suit's 结果纠正
        "other": ("其他结果",),
        "pending": ("尚未审结", "未审结", "未结", "还没审结", "没审结", "没有审结", "还没结", "在审"),
        "total": ("总计", "总数"),
    },
}

# One column named differently by the two templates (2019: 本年新制作数量, 2021: 本年制发件数): a measure on
# either reads the other in reports of the other format.
EQUIVALENT_COLUMNS: dict[tuple[str, str], dict[str, str]] = {
    ("normative", "issued"): {"2019": "made"}, ("regulation", "issued"): {"2019": "made"},
    ("normative", "made"): {"2021": "issued"}, ("regulation", "made"): {"2021": "issued"},
}

COLUMN_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "legal_person": ("法人或其他组织", ("business", "research", "nonprofit", "legal", "other_org")),
}

# The column taken when a question names an item but not its column, first one the index holds. Newer
# template columns first: with reports of both templates, the latest years are mostly 2021-format.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "regulation": ("issued", "made"),
    "normative": ("issued", "made"),
    "license": ("decisions",),
    "other_service": ("decisions",),
    "penalty": ("decisions",),
    "coercion": ("decisions",),
    "fee": ("amount", "prev"),
    "procurement": ("amount", "items"),
    "review": ("total",),
    "suit": ("total",),
    "suit.direct": ("total",),
    "suit.after_review": ("total",),
}  # every apply.* item: ("total",)

# Item labels where the template's own is too terse for an answer.
ITEM_LABELS = {"apply.total": "办理结果总计"}

# Column labels where the template's own is too terse for an answer.
COLUMN_LABELS = {"legal_person": "法人或其他组织"}


# ---------------------------------------------------------------- the words of operations
# What a question asks to do, as data: operation → the words (regular-expression fragments) that say it.
# qa.understand compiles each row once; a new way of saying an operation is one more word in its row.
# Verbs of a report saying a thing (哪些报告说了疫情的事, What did Hegang say about training): the question asks of
# the text; read also as the verb before a topic, so 哪些报告 is not the list of reports
SAYING_WORDS = ("提到", "提及", "说到", "讲到", "写到", "谈到", "涉及", "说过", "写了", "说了", "讲了", "讲过", "谈了",
                "谈过", "提过", "写过",
                r"(?i:(?<![a-z])(?:mention|(?:say|said|says|write|wrote|written|talk|talked)\s+about|discuss))")
OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    "max": ("最多", "最高", "最大", "第一名", "排第一", "排名第一", "居首", "之最", "最靠前", "最前",
            # 增长最快 / 降得最快: the largest rate of change (percent below)
            "(?:增长|增加|上升|上涨|涨|增|提高|攀升|下降|减少|降|跌|下滑)得?最快"),
    "min": ("最少", "最低", "最小", "倒数第一", "垫底", "末位", "最靠后", "(?:增长|增加|上升|上涨|涨|增|提高)得?最慢"),
    "rank": ("排名", "排序", "排行", "名次", "[从由自](?:多|高|大)(?:到|往|而|至)(?:少|低|小)",
             "[从由自](?:少|低|小)(?:到|往|而|至)(?:多|高|大)", "降序", "升序",
             "依次", "各单位", "各个单位", "每个单位", "每家", "所有单位", "全部单位", "分别", "一览", "列出", "列表",
             "各局", "各部门", "各机关", "哪些单位", "都是多少", "各是多少", "各多少"),
    # 从/由 高到低, 自多而少, 降序 / 升序: any of these says a direction
    "order": ("排序", "排个序", "排一下", "排一排", "排名", "排列", "[从由自](?:多|高|大)(?:到|往|而|至)(?:少|低|小)",
              "[从由自](?:少|低|小)(?:到|往|而|至)(?:多|高|大)", "降序", "升序", "倒序"),
    "ascending": ("[从由自](?:少|低|小)(?:到|往|而|至)(?:多|高|大)", "升序"),
    "sum": ("总共", "合计", "一共", "总和", "加起来", "共计", "累计", "总量", "汇总", "加总", "总计(?:是|为|有)?多少",
            "总数", "加在一起", "加一起", "加到一起", "算在一起", "合在一起", "合起来", "之和", "求和", "相加", "总起来",
            # spoken and mistyped: 加一块, 一共加起来; 和计 / 合记 / 总和数 for 合计
            "加一块", "加在一块", "加到一块", "合一块", "凑一块", "和计(?!划|算)", "合记", "总计一下"),
    "avg": ("平均", "年均", "均值", "人均", "中位数", "中位值", "中值"),  # 中位数: the middle one (qa.op_sum)
    "compare": ("比较", "对比", "相比", "哪(?:个|家|项|一个|一项|一家|样)(?:更|比较|还要?)?(?:多|少|高|低)",  # 哪个更多
                "谁多", "谁少", "谁高",
                "比一比", "哪年的?.{0,8}多", "谁.{0,2}得多", "谁的.{0,6}(?:多|大)", "几倍", "多少倍",
                "差多少", "相差", "差距", "多多少", "少多少", "差了多少", "比.{0,12}(?:多|少|高|低)", "(?<![a-z])vs(?![a-z])",
                "(?:多|少|高|低)还是.{0,12}(?:多|少|高|低)"),  # 行政强制多还是行政复议多
    "change": ("比上年", "较上年", "比去年", "较去年", "比上一年", "较上一年", "同比", "上年相比", "与上年", "和上年", "(?:和|跟|与|同)上一年度?", "跟上年",
               "比前一年", "较前一年", "(?:和|跟|与|同)前一年",  # 哪几年比前一年少: each year against its year before
               "增减", "增/减", "增长", "增加", "减少", "下降", "上升", "变化", "变动", "环比", "增幅", "降幅",
               "多了", "少了", "翻了", "缩水", "回落", "涨", "跌", "降了", "升了", "多出", "少出",
               # 项目本年减了多少 / 增了几项: the spoken 本年增/减
               "减了", "增了", "(?:增|涨|降|跌|升|减)得?最(?:快|慢)"),
    # 勾稽 / consistency: the report's own numbers checked against each other
    "findings": ("勾稽", "不一致", "不平衡", "对不上", "不相符", "不符", "矛盾", "数据有问题", "数据问题",
                 "对得上", "一致吗", "是否一致", "一致不一致", "相符吗", "能对上",
                 "(?:表格|数据|数字|表).{0,4}(?:什么|哪些)问题", "(?:之间|数据|数字|表格?|一栏|一列|一行).{0,3}有没有问题",
                 # 表三有问题吗 / 数据没问题吧: the numbers asked about (存在什么问题 alone asks the text)
                 "(?:表[一二三四]|表格|报表|数据|数字)(?:里|中|的)?.{0,4}(?:有问题吗|有问题没有?|有无问题|没问题吧)",
                 # 正文说收到154件、办结148件，对不对: the text's numbers asked to be checked
                 "(?:正文|报告|文中)(?:里|中)?(?:说|写|称)[^？?]{0,40}\\d[^？?]{0,10}(?:对不对|对吗|正确吗|准确吗|没错吧|准不准)",
                 # the measure words are masked (＿) when these are read: 加起来等于＿＿吗
                 "(?:之和|加起来|相加|加总)(?:是否|能否|能不能|是不是|不)?(?:等于|与|和|跟)(?:收到的|本年的|表里的)?"
                 "(?:总计|合计|总数|＿+|申请数|申请量|申请件数)",
                 "等于(?:总计|合计|总数|＿+)吗",
                 # 每一行的总计等于自然人加法人吗 / 分项加起来等于各自总计吗 / 和2019年的接得上吗: a rule of the form
                 "(?:每一?行|各行|每一?列|各列).{0,16}(?:等于|之和|加起来|相加)",
                 "(?:之和|加起来|相加)(?:是否|是不是)?等于(?:各自|各自的|它的|其)(?:总计|合计|＿+)", "接得上|接不上|衔接",
                 # 表三各项加起来等于21吗: the parts of a table against a total the question states
                 "(?:各项|分项|各行|各栏|各列|[这那]?几[栏项列格]).{0,6}(?:之和|加起来|相加|加总|合计)(?:是否|是不是)?(?:等于|是|为)\\d+",
                 # 加不平 / 算不平 / 合不上 / 对不拢: an auditor's words for a sum that does not come out
                 "(?:加|算|对)不平", "合不上", "对不拢", "对不齐", "合得上", "合得拢", "对得拢",
                 "有问题的数据", "数据.{0,4}错", "核对", "校验", "算错", "出错", "错误", "平衡关系", "是否平衡",
                 # 占38.27%算得对吗 / 百分比对不对: a computation the report states, checked
                 "算得?(?:对|准)(?:吗|不对|不准|没有)", "算对了(?:吗|没有?)",
                 "(?:百分比|比例|占比|比重).{0,4}(?:对吗|对不对|正确吗|准确吗|没错吧)",
                 # 一项项加起来跟总计一样吗: a sum against a total, asked in plain words
                 "(?:加起来|之和|相加|加总).{0,20}(?:一样吗|相同吗|是否一样|一样不一样)",
                 # 跟表三算出来的一样吗 / 和表里的相同吗: a stated number against the table's
                 "(?:表[一二三四]?|表格|算出来)[^，。？?]{0,6}(?:一样吗|一样不一样|是否一样|相同吗|是否相同)",
                 "自相矛盾", "前后不一", "正文.{0,24}表(?!示|彰|达|扬)", "表(?:格|里|中|上).{0,24}正文", "自洽", "(?<!不)吻合吗", "站得住",
                 # an auditor's words: 数据是否准确 / 准不准 / 表有没有错 / 有无差错
                 "(?:是否|不够|够不够)准确", "准确(?:吗|与否|性)", "准不准", "有误", "有(?:没有|无)(?:错|误|差错|出入)",
                 "(?:表格?|数据|数字|一栏|一列|报表|年报).{0,4}(?:有错|错了|错没错|对不对|对吗|靠谱吗|可靠吗|可信吗)",
                 # a sum that does not come out: 表三加起来不对 / 加起来不等于总计 / 分项加不到总计
                 "(?:加起来|相加|加总)(?:不对|不等|不够|有出入|对不对|对吗)",
                 # 报告有什么不对的地方 / 表里哪里写错了: the report itself is in question, not the agency's work
                 "(?:报告|年报|报表|表格?|数据|数字)[^，。？?]{0,8}(?:不对|错误?|不准)的地方",
                 "(?:报告|年报|报表|表格?|数据|数字)[^，。？?]{0,6}(?:哪里|哪儿|哪些地方|什么地方)(?:不对|有错|错了|写错)"),
    # a share or a rate: a numerator over a denominator
    "share": ("占比", "比例", "比重", "比率", "占[^，。？?]{0,14}?(?:多少|百分之|几成|几分之|百分比)",
              "占[^，。？?]{0,40}?(?:合计|总和|之和|总数|总量)的?(?:多少|百分之|几成|几分之|百分比)",
              "(?:有|是)(?:几成|多少成|百分之几|百分之多少)(?:是|为|来自|由)?",
              "(?:公开|纠正|维持|办结|败诉|胜诉|答复|按时|结案|＿)率", "(?:有|是|占)百分之(?:几|多少)"),
    "times": ("几倍", "多少倍", "倍数"),
    "percent": ("百分之", "%", "增幅", "降幅", "涨幅", "跌幅", "幅度", "增长率", "下降率", "增速", "百分比", "几成", "多少成",
                "得?最快", "得?最慢"),  # 增长最快: fastest is by rate, not by count
    # scope: these words mean every report (each year of each agency), not each agency's latest one
    "all_years": ("历年", "各年", "每年", "按年", "逐年", "每一年", "各年度", "历年来", "分年度", "按年度", "所有年份",
                  "各个年份", "哪一年", "哪年", "哪几年", "哪些年", "这几年", "几年来", "所有报告", "全部报告",
                  "(?:啥|什么|哪个)时候", "何时",  # 平潭啥时候行政许可破万了: when = which years
                  "哪一?份", "哪几份", "哪些报告", "几份", "每份", "各份", "份报告", "合起来", "那几份",
                  "报告(?:是|有)?(?:哪些|哪几)", "(?:的|些)报告(?:$|有|是|[？?])", "[前后][\\d一二两三四五六七八九十]+名?的?报告", "年份", "[两三四五六七八九十]个?年(?:份|度)?(?:的|来|间|里|中|合计|平均|一共|$|[？?是])",
                  "(?:近|最近|有|这些|那些)几年", "几个年份", "有没有(?:哪一?)?份?报告", "(?:这|那|近|过去|最近)[两三四五六七八九十\\d]+个?年"),
    "latest": ("最新的一份", "最新一份", "只取最新", "最新的报告", "最新报告", "最新一年", "最近一份", "最近的一份"),
    # (?<!有): 有没有 asks, it does not negate (有没有报告的行政处罚超过4000件)
    "absent": ("(?<!有)没有提供", "未提供", "没提供", "(?<!有)没有数据", "无数据", "没数据", "缺少", "缺失",
               "(?<!有)没有填", "未填", "没填", "未填报", "(?<!有)没有报(?!告)", "漏报", "空缺",
               "(?<!有)没有.{0,8}的?数字", "(?<!有)没有.{0,8}的?数据"),
    # equal to zero (not 70件, not 0.5)
    "zero": ("为0(?![\\d.])", "为零", "是0(?![\\d.])", "是零", "等于0(?![\\d.])", "等于零", "(?<![\\d.])零件",
             "(?<![\\d.])0件", "为空", "一[件个项次起].{0,10}?(?:都|也)(?:没有|没)", "(?:都|也)是0(?![\\d.])"),
    "beyond": ("全国", "全省", "全中国", "国家层面", "全社会", "各省", "所有省"),
    "pronoun": ("它", "该单位", "这个单位", "这家单位", "该局", "这个局", "这家", "其报告", "他们", "该机关"),
    "prose": ("存在(?:哪些|什么|的)?(?:主要)?(?:问题|不足)", "哪些问题", "什么问题", "主要问题", "问题", "不足",
              "改进", "措施", "下一步", "做法", "经验", "如何", "怎么", "怎样", "哪些工作", "举措", "亮点",
              "情况如何", "做了什么", "做了哪些", "原因", "为什么", "怎么回事", "内容", "哪些方面", "工作情况",
              # whether a report's text says a thing (哪些单位提到了…, 谁的报告写了…): asked of the text
              *SAYING_WORDS, "不够", "没提", "未提", "没说", "没讲", "没写"),
    # an item's own parts in one report (办理结果的分布): its rows, ranked
    "breakdown": ("分布", "构成", "组成", "明细", "各项情形", "各种情形"),
}

# The part of the report a text question points at, by its words.
PART_WORDS: dict[str, tuple[str, ...]] = {
    "五": ("问题", "不足", "改进", "下一步", "整改", "薄弱", "短板", "差距", r"(?<!够)不够", "不到位", "欠缺", "缺点",
           "做得不好", "今后", "打算", "计划"),
    "六": ("其他需要报告", "其他事项", "其他需报告", "信息处理费"),
    "一": ("总体情况", "整体情况", "概况", "基本情况"),
}

# The denominator of a share the question leaves unsaid, per item (a result row of 三 without one: 办理结果总计).
SHARE_DENOMINATORS: dict[str, tuple[str, ...]] = {
    "apply.total": ("apply.new", "apply.carried_in"),  # 办结率: all results over all applications to handle
}

# Comparison words of a filter (超过100件, 至少70件, 不到1000万元) and the operator each means.
COMPARISON_WORDS: tuple[tuple[str, str], ...] = (
    ("大于等于", ">="), ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("达到", ">="),
    ("起码", ">="), ("以上含", ">="),
    ("小于等于", "<="), ("不超过", "<="), ("不多于", "<="), ("不大于", "<="), ("至多", "<="), ("最多只有", "<="),
    ("顶多", "<="),
    ("突破", ">="), ("跌破", "<"),  # 哪一年突破1万件 / 跌破5000万元 (with 首次: qa.op_filter's first_words)
    ("大于", ">"), ("超过", ">"), ("多于", ">"), ("高于", ">"), ("多过", ">"), ("超出", ">"), ("过", ">"),
    ("小于", "<"), ("少于", "<"), ("低于", "<"), ("不到", "<"), ("不足", "<"), ("不满", "<"), ("未满", "<"),
    ("未达到", "<"), ("没到", "<"), ("没超过", "<="), ("未超过", "<="),
    ("等于", "=="), ("是", "=="), ("为", "=="), ("有", "=="),
)


# ---------------------------------------------------------------- the measures, from the template
@dataclass(frozen=True)
class Item:
    id: str
    label: str
    table: str  # active / apply / review
    part: str  # 二 三 四
    columns: tuple[str, ...]  # column keys in template order (union of both formats)
    column_labels: dict[str, str]
    members: tuple[str, ...] = ()  # for groups: the member items' ids
    words: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True)
class Measure:
    """One item and one column. `id` is the canonical key when the measure is one fact ("penalty.decisions")."""

    id: str
    item: str
    column: str
    label: str  # "行政处罚 · 处理决定数量"
    unit: str
    part: str
    keys_by_format: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_sum(self) -> bool:
        return any(len(k) > 1 for k in self.keys_by_format.values())

    def keys(self, fmt: str) -> tuple[str, ...]:
        """The facts whose sum is this measure in a report of the given format (empty: not in that template)."""
        return self.keys_by_format.get(fmt, ())

    @property
    def all_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for ks in self.keys_by_format.values() for k in ks))


def _item_id(table: str, row_key: str) -> str:
    return f"apply.{row_key}" if table == "apply" else row_key


def _fact_key(item_id: str, column: str) -> str:
    return f"{item_id}.{column}"


@cache
def items() -> dict[str, Item]:
    """Every item: the template's rows of both formats, then the groups."""
    specs = fact_specs()
    out: dict[str, Item] = {}
    for fmt in FORMATS:
        for table in tables(fmt):
            for row in table.rows:
                iid = _item_id(table.key, row.key)
                cols = {c.key: c.label for c in row.columns}
                old = out.get(iid)
                if old:  # both formats: the 2019 labels stay (处理决定数量, 规范性文件), new columns are added
                    cols = {**old.column_labels, **{k: v for k, v in cols.items() if k not in old.column_labels}}
                label = old.label if old else ITEM_LABELS.get(iid) or specs[_fact_key(iid, row.columns[0].key)].item
                words = tuple(dict.fromkeys(w for w in (row.label, *row.aliases, *ITEM_WORDS.get(iid, ()))
                                            if w not in GENERIC_LABELS))
                out[iid] = Item(iid, label, table.key, table.part, tuple(cols), cols, words=words)
    for gid, (label, members) in GROUPS.items():
        member_ids = tuple(f"apply.{m}" if gid.startswith("apply") else m for m in members)
        first = out[member_ids[0]]
        out[gid] = Item(gid, label, first.table, first.part, first.columns, first.column_labels,
                        members=member_ids, words=ITEM_WORDS.get(gid, ()))
    return out


def _format_keys(item: Item, column: str) -> dict[str, tuple[str, ...]]:
    """For each format, the fact keys whose sum is (item, column) in a report of that format."""
    specs = fact_specs()
    cols = COLUMN_GROUPS[column][1] if column in COLUMN_GROUPS else (column,)
    rows = item.members or (item.id,)
    out: dict[str, tuple[str, ...]] = {}
    for fmt in FORMATS:
        keys = tuple(_fact_key(r, c) for r in rows for c in cols
                     if _fact_key(r, c) in specs and fmt in specs[_fact_key(r, c)].formats)
        other = EQUIVALENT_COLUMNS.get((item.id, column), {}).get(fmt)
        if not keys and other and _fact_key(item.id, other) in specs:
            keys = (_fact_key(item.id, other),)
        if keys:
            out[fmt] = keys
    return out


def measure(item_id: str, column: str) -> Measure | None:
    """The measure (item, column), or None when the item has no such column."""
    item = items().get(item_id)
    if item is None or (column not in item.columns and column not in COLUMN_GROUPS):
        return None
    if column in COLUMN_GROUPS and item.table != "apply":
        return None
    by_fmt = _format_keys(item, column)
    if not by_fmt:
        return None
    specs = fact_specs()
    first = next(iter(by_fmt.values()))[0]
    col_label = COLUMN_LABELS.get(column) or item.column_labels.get(column, column)
    mid = first if not item.is_group and column not in COLUMN_GROUPS else f"{item_id}.{column}"
    return Measure(mid, item_id, column, f"{item.label} · {col_label}", specs[first].unit, item.part, by_fmt)


def default_columns(item_id: str) -> tuple[str, ...]:
    item = items()[item_id]
    return DEFAULT_COLUMNS.get(item_id) or (("total",) if item.table in ("apply", "review") else item.columns[:1])


def measure_by_id(mid: str) -> Measure | None:
    """Inverse of Measure.id: "penalty.decisions", "apply.denied.total", "suit.total" …"""
    item_id, _, column = mid.rpartition(".")
    return measure(item_id, column) if item_id in items() else None


# ---------------------------------------------------------------- finding words in a question
@dataclass(frozen=True)
class Mention:
    kind: str  # "item" or "column"
    target: str  # item id, or "table:column"
    start: int
    end: int
    word: str


@cache
def _vocabulary() -> tuple[re.Pattern[str], dict[str, list[tuple[str, str]]]]:
    """One alternation of every word, longest first (so 复议后起诉 wins over 复议), and word → targets."""
    targets: dict[str, list[tuple[str, str]]] = {}
    for item in items().values():
        for w in item.words:
            targets.setdefault(_norm(w), []).append(("item", item.id))
    for table, cols in COLUMN_WORDS.items():
        for col, words in cols.items():
            for w in words:
                targets.setdefault(_norm(w), []).append(("column", f"{table}:{col}"))
    words = sorted(targets, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), targets


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


# 2021's （六）其他处理 · 3.其他 has only the generic label 其他: it is named after its group (其他处理中的其他,
# 其他处理里“3.其他”一行), never by 其他 alone (其他组织 / 其他结果 are other rows and columns)
_OTHER_MISC = re.compile(r"其他处理(?:中|里|下|之)?的?[“\"「『]?(?:第?[3三]项?[.、:：]?|\([3三]\))?其他"
                         r"(?!处理|组织|结果|申请|类|机构|对外|法律|行政)[”\"」』]?")


def mentions(text: str) -> list[Mention]:
    """Item and column words in the text, leftmost-longest, non-overlapping."""
    pattern, targets = _vocabulary()
    out = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if (misc := _OTHER_MISC.match(text, m.start())) is not None:
            out.append(Mention("item", "apply.other.misc", misc.start(), misc.end(), misc.group()))
            pos = misc.end()
            continue
        for kind, target in targets[m.group()]:
            out.append(Mention(kind, target, m.start(), m.end(), m.group()))
        pos = m.end()
    return out


@cache
def _by_sound() -> dict[tuple[str, ...], str]:
    """Every vocabulary word of three characters or more, by the toneless reading of its characters."""
    from qa.agencies import _sound

    _, targets = _vocabulary()
    out: dict[tuple[str, ...], str] = {}
    for w in sorted(targets, key=len, reverse=True):
        # not a phrasing word (花了多少): its homophones are ordinary words of a question (变化了多少)
        if 3 <= len(w) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and "多少" not in w:
            out.setdefault(tuple(_sound(ch) for ch in w), w)
    return out


def sound_alike(text: str) -> list[tuple[int, str, str]]:
    """Words of the template written with one character of the same sound (行政处发 → 行政处罚, 不予工开 →
    不予公开): (start, as written, meant). Only where the exact words do not already cover the place."""
    from qa.agencies import _sound

    table = _by_sound()
    taken = [(m.start, m.end) for m in mentions(text)]
    out: list[tuple[int, str, str]] = []
    i = 0
    while i < len(text):
        for n in range(min(8, len(text) - i), 2, -1):
            window = text[i:i + n]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", window) or any(a < i + n and i < b for a, b in taken):
                continue
            meant = table.get(tuple(_sound(ch) for ch in window))
            if meant and sum(a != b for a, b in zip(window, meant)) == 1:
                out.append((i, window, meant))
                i += n - 1
                break
        i += 1
    return out


def column_label(table: str, column: str) -> str:
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    for item in items().values():
        if item.table == table and column in item.column_labels:
            return item.column_labels[column]
    return column
