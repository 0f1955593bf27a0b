"""Answers read from the reports' text: retrieval filtered to the agency, year and part a question names,
then the sentence that answers, not one near it: every sentence of the retrieved passages is scored by
the question's words (weighed by rarity), by the number and measure asked (多少条 wants a count in 条,
满意率多少 a percentage), and in part 五 by which half it is in (问题 vs 改进措施/下一步); the best
sentences come first, one per passage.

A question is out of the reports' scope when its content words (not the agency's name, not question
words) are mostly missing from the best passage, weighed by how rare each word is: an honest "not in
these reports" with the closest passages beats a confident wrong sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.keyword import PART_TITLES, normalize
from index.model import Passage
from qa.cite import passage as passage_citation, sentence as sentence_citations  # noqa: F401 - citations are built in qa.cite
from qa.retrieve import Retriever

ASPECT = frozenset("了过着")  # aspect particles a question puts after its verb (建了, 做过)
GENERIC = frozenset({"报告", "年报", "年度", "单位", "情况", "工作", "政府", "信息", "政务", "本年", "全年", "开展",
                     "一下", "介绍", "说说", "主要", "有关", "相关", "方面", "具体", "什么样", "怎么样", "如何",
                     # how a question asks, not what about (下一年准备采取哪些改进措施, 工作上还有哪些不足)
                     "还有", "准备", "一年", "下一年", "承认", "采取", "哪些", "一共", "总共", "内容",
                     # whether and where a report says it (有没有提到, 谁的报告写了): the topic is the rest
                     "提到", "提及", "说到", "讲到", "写到", "谈到", "涉及", "说过", "写了", "部分",
                     # what it says about a thing (鹤岗关于培训说了什么): the frame of the topic, not a word of it
                     "关于", "对于", "至于"})
# Which reports or years a question spans (每年, 这几年, 哪几年): a scope the answer reads report by report,
# not what the question is about
# How people talk around what they ask, never what about: who (自己, 那边), what they think or want told
# (觉得, 说来听听), how much (比较, 大概), when (时候, 平时, 去年: a year is a filter), where the talk is
# (这块, 外面), and verbs' complements (一年下来, 拿出来). Kept out of a question's content words, or a
# colloquial question would read as out of the reports' scope for words no report uses.
COLLOQUIAL = frozenset({"自己", "自家", "人家", "那边", "这边", "这块", "那块", "这方面", "那方面", "外面", "外边",
                        "觉得", "认为", "感觉", "以为", "想问", "想知道", "知道", "听说", "说来", "听听", "讲讲",
                        "聊聊", "看看", "说说看", "比较", "挺", "非常", "特别", "大概", "大约", "到底", "究竟",
                        "实际", "实际上", "真的", "真正", "确实", "果真",
                        "一般", "平时", "平常", "时候", "时间", "去年", "今年", "明年", "来年", "前年", "当年",
                        "下来", "出来", "起来", "上来", "过来", "一下子", "东西", "事情", "事儿", "老百姓", "百姓",
                        # how it went (搞得咋样): the question's tone, not its topic
                        "咋样", "咋", "怎样", "啥样", "搞得", "弄得", "干得", "做得", "办得", "搞", "弄",
                        # scope: every year or report (qa/op_prose answers each), not the topic
                        "每年", "历年", "各年", "这几年", "几年", "哪几年", "哪些年", "逐年", "每一年", "变化", "不同",
                        "区别", "一样", "每个", "单位", "哪家", "谁", "哪些单位", "都", "有没有",
                        # each its own (各是多少, 分别是): the answer read report by report; 数量 is the how many
                        "各是", "各为", "分别", "分别是", "各自", "数量",
                        # why and whether it went well (因为…的事, 干得好不好): how the question runs on
                        "说法", "一个", "只字", "因为", "由于", "为啥", "为何", "为什么", "为啥子", "干嘛", "干啥", "好不好", "不好", "好坏", "行不行", "高不高", "多不多", "够不够", "足不足", "全不全", "是不是", "的事", "这事", "那事",
                        # how firmly it is said (压根没提, 根本没说, 一点都没写): the saying, not the topic
                        "压根", "压根儿", "根本", "完全", "丝毫", "一点", "一点儿", "从来", "从未", "半句", "一句",
                        # what it is called (门户网站叫什么名字): the name asked, of the thing that is the topic
                        "名字", "名儿", "叫什么", "叫啥",
                        # how the answer is to be given (帮我总结一下…那部分): a summary of what the topic names
                        "帮我", "总结", "概括", "概述", "归纳",
                        # who asks and what for (我是记者，想引用一句原话; 他们自个咋说的): the asker, not the topic
                        "记者", "引用", "原话", "原文", "自个", "自个儿", "他们", "她们", "人家说", "给我", "直接", "的话",
                        # when within the asked thing (收到申请以后怎么处理): the order of steps, not a topic
                        "以后", "之后", "然后",
                        # where asked (在哪些方面还有提升空间, 哪些地方): the frame of a which, not a topic
                        "哪些方面", "哪方面", "哪些地方", "什么地方", "哪些环节", "地方"})
# a modal before a one-character verb (要建, 能做, 该改): a two-character word no report holds that starts with one
# says how the question runs, never what about
_MODALS = frozenset("要想能会该得")
# characters that make no content word of their own (是从, 都是, 来的): a question's frame, never its topic
_FRAME_CHARS = frozenset("是从都的了来去在有把被给对向到和与及或也还就又才很太最更没不吗呢么吧啊呀之其这那哪谁啥些个")
# a verb with its aspect particle (发了, 做过, 搞着): the particle says when, the verb alone is too short to say what
_ASPECT = re.compile(r"^.[" + "".join(sorted(ASPECT)) + "]$")
_SENT = re.compile(r"(?<=[。！？!?])|\n")  # not at ；: a list of problems stays one sentence
_HEADING = re.compile(r"^[#\s]*[一二三四五六七八九十]+、")
MAX_SENTENCE = 150
MAX_LIST = 400  # a list the question asks for (一是…二是…三是…) runs on over sentences up to this length
ITEM_TITLE = 20  # a list item this short (三是继续加强业务指导培训。) is a title; its sentence follows
_LIST_GOES_ON = re.compile(r"^(?:其?[二三四五六七八九十]是|（[二三四五六七八九十]）|\([二三四五六七八九十]\)|[2-9][、.．]|"
                           r"第[二三四五六七八九十]|此外|另外|同时)")
COVERAGE = 0.5  # share of the question's content weight the best passage must hold
# The phrase a question is about, as English (about the training of staff, on staff training) or Chinese (关于队伍
# 培训说了什么) frames it: its head, the noun before "of" or the last one, is the thing asked; the words before it
# only narrow it (staff, 队伍), and a passage saying only them says nothing of the thing
# (the reader may have put the report's word in already: about the培训of staff)
_ABOUT_EN = re.compile(r"(?i)(?<![a-z])(?:about|on|regarding|concerning)(?![a-z])\s*(?:(?:the|its|their|any)(?![a-z])\s*)?"
                       r"([a-z\u4e00-\u9fff][a-z\u4e00-\u9fff -]*?)\s*(?:[?？.,，]|$|(?<![a-z])(?:in|at|for|during|by|from)(?![a-z]))")
_ABOUT_ZH = re.compile(r"(?:关于|对于|至于)([\u4e00-\u9fff]{2,12}?)(?:方面|这块|那块|都|[说讲写提谈做有的]|[？?，,]|$)|"
                       r"在([\u4e00-\u9fff]{2,12}?)(?:这一?)?方面")  # 在队伍培训方面做了什么
FETCH_PASSAGES = 8  # passages whose sentences are reranked for one report
MAX_NEAR = 8  # a word no report holds: at most this many readings one character away are tried (Prose.mend_unknown)

# What a number is counted in: 多少条 → 条. Longest first (人次 before 次). A rate or share wants a percentage.
COUNTERS = ("人次", "万元", "余人", "条", "件", "项", "期", "次", "篇", "个", "人", "家", "场", "份", "批", "名", "部",
            "户", "天", "元", "起", "封", "场次", "个工作日", "轮", "批次")
# 哪几个方面 asks which, not how many
# 篇数, 人数, 次数: a count named by its counter and 数 (政策解读篇数), asked without 多少
_COUNT_NOUN = re.compile(r"(篇|条|件|项|期|次|个|人|场|份|批|名|户|家)数(?!据|字|量|码)")
_ASK_COUNTER = re.compile(r"(?:多少|(?<!哪)几)\s*(" + "|".join(sorted(COUNTERS, key=len, reverse=True)) + ")|"
                          + _COUNT_NOUN.pattern)
_ASK_RATE = re.compile(r"(?:率|比例|比重|占比|百分之|百分比)")
_ASK_NUMBER = re.compile(r"多少|(?<!哪)几[个条件项期次篇人家场份批名部户天封轮]|数量|人次|比例|百分|率是|率多|"
                         r"(?i:(?<![a-z])how (?:many|much)(?![a-z])|(?<![a-z])(?:number|share|percentage|proportion) of(?![a-z]))|"
                         + _COUNT_NOUN.pattern)
_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
# a count a sentence states: a number in one of COUNTERS (154件, 300 余条, 0元, 两次), never a year or a date
_COUNT = (r"(?:(?<![\d.])\d[\d,]*(?:\.\d+)?|(?<!第)[一二两三四五六七八九十百千万]+)(?:余|多)?(?:"
          + "|".join(sorted(COUNTERS, key=len, reverse=True)) + ")")
_CLAUSE = r"[^。；;，,！？!?\d]{0,12}?"  # within one clause, no other number between
# a number a sentence states, with what follows it: in digits (808 条, 96.65%) or in Chinese numerals before a
# counter (开展了两次, 十余期): a count written out in words is stated as much as one in digits (not an ordinal:
# 第一项, 十七届四次会议, nor 每一条)
_NUMBER_SAID = re.compile(r"(\d[\d,]*(?:\.\d+)?|(?<![第届每])[一二两三四五六七八九十百千]+(?=(?:余|多)?(?:"
                          + "|".join(sorted(COUNTERS, key=len, reverse=True)) + r")))\s*(%|％|[\u4e00-\u9fff]{1,2})?")


def states_number(text: str) -> bool:
    """The text states a number, not a year: in digits or in Chinese numerals before a counter (两次)."""
    return bool(_NUMBER_SAID.search(_YEAR.sub("", text)))


# 向申请人收过费吗, 收没收费: whether a fee was charged, which the text says (part 六: 无收取信息处理费情况); the
# table's 行政事业性收费 is another thing, and how many applications there were not asked
_ASKS_CHARGED = re.compile(r"收[过了取]?(?:[^，,。？?]{0,6}?的)?(?:费|钱)(?:用)?(?:了|过)?(?:吗|么|嘛|没有?|没)|收没收|收不收|"
                           r"(?:有没有|是否|有无)(?:向[^，,。？?]{0,8}?)?收(?:取|过)?(?:[^，,。？?]{0,6}?的)?(?:费|钱)(?:用)?(?:[吗么嘛？?。]|$)|"
                           r"(?i:(?<![a-z])charg(?:e[sd]?|ing)(?![a-z])|\bany fees?\b)")


# 多久能答复: how long a thing takes (qa.understand reads 多久 as 答复期限工作日); reports say 法定期限 and seldom a
# number of days
_ASKS_DURATION = re.compile(r"多久|多长时间|几天|多少天|多快|期限工作日")
_STATES_DAYS = re.compile(r"\d+\s*个?(?:工作日|天|日内|小时|分钟)")


def asks_duration(question: str) -> bool:
    return bool(_ASKS_DURATION.search(question))


def states_days(text: str) -> bool:
    """The text gives a length of time as a number (15个工作日, 30分钟), not only 法定期限."""
    return bool(_STATES_DAYS.search(text))


# Users' words for a few of the reports' own terms: 该不该公开 is what the reports call 公开属性 (认定), a
# 红头文件 their 规范性文件, an 官网 their 门户网站, 打官司 their 行政诉讼, 收集意见 their 征集 / 听取 / 意见箱,
# 办完 their 完毕 / 办结; English words for the topics of their text (whole words: a hanzi next to one is no
# boundary to \b, so (?<![a-z])). Searched beside the user's words; in
# a question's content words the user's word stands for any of the report's (qa/prose.Prose.content_terms).
# A third element, when given, is what else the question must say for the word to mean this (收了多少钱 is
# the 信息处理费 only in a question about applications).
USERS_TERMS: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...] = (
    (re.compile(r"(?:该不该|要不要|能不能|可不可以|是否)(?:对外|向社会)?公开|公不公开"), "公开属性", None),
    (re.compile(r"红头文件"), "规范性文件", None),
    (re.compile(r"官网"), "门户网站", None),
    (re.compile(r"打官司|告上法庭|告到法院"), "行政诉讼", None),
    (re.compile(r"收集|搜集|汇集|听取"), "征集 意见箱 意见簿 听取", re.compile(r"意见|建议|诉求|想法")),
    # a case dealt with (案子都处理完了吗): the reports' 结案 / 审结 (the 处理完 itself is read just below)
    (re.compile(r"(?:案子|案件)(?=[^，,。？?]{0,6}?(?:处理完|办完|结了|了结|审结))"), "结案 审结", None),
    (re.compile(r"办完|做完|处理完|弄完|办妥"), "完毕 办结", None),
    (re.compile(r"费用|收费|多少钱|收钱|收[了过]?钱|收[了过]费|收没收|收不收"), "信息处理费",
     re.compile(r"申请|要资料|查资料|信息公开")),
    # whether fees were charged, asked without applications (济南城管收过费吗, 收过老百姓的钱没有): the fee a
    # text states (信息处理费) or the table's fee row (行政事业性收费)
    (_ASKS_CHARGED, "信息处理费 行政事业性收费", None),
    (re.compile(r"开会|开了?会|开过会|开的会"), "会议 召开", None),
    # how an application is dealt with (办理流程, 处理程序, 收到申请以后): the reports tell the steps in their own
    # words (登记、审核、办理、答复, 受理, 答复程序), seldom as 流程
    (re.compile(r"(?:办理|处理|受理|答复|办事)?(?:流程|程序|步骤|环节)|(?i:(?<![a-z])(?:process|procedure|workflow)(?:es|s)?(?![a-z]))"),
     "受理 答复 登记 流程 程序", re.compile(r"(?i)申请|request|application")),
    (re.compile(r"(?:收到|接到|拿到)(?=[^，,。？?]{0,10}?申请[^，,。？?]{0,4}?(?:以后|之后|后))"), "受理 答复 办理 登记 流程 程序",
     None),  # 收到申请以后怎么处理: the steps after, not the receiving
    # 怎么保证发布的信息不出错: the checks before publishing (审核, 三审三校, 文字关), not an error the report names
    (re.compile(r"(?:不|没|别|少)?出(?:错|差错|纰漏|岔子)|差错|错漏|纰漏"), "审核 审查 把关 校对 文字关",
     re.compile(r"发布|信息|内容|公开|稿")),
    # 两微一端 (微博, 微信 and an app): the reports say 两微 or name them
    (re.compile(r"两微一端|两微"), "两微 微博 微信", None),
    # the deputies' suggestions and members' proposals, named with or without who makes them (人大代表建议 / 人大建议)
    (re.compile(r"人大代表的?建议|人大建议"), "人大建议 人大代表建议", None),
    (re.compile(r"政协委员的?提案|政协提案"), "政协提案 政协委员提案", None),
    # a hotline is its number (热线电话, 服务热线): the reports say 热线 (市长热线, 12345热线), seldom with 电话
    (re.compile(r"热线(?:电话|号码)|(?:服务|投诉|便民)热线"), "热线", None),
    # money and hands for the work (有钱有人吗, 人手够不够): the reports' 经费 / 资金, 人员 / 专职
    (re.compile(r"(?:有|给|拨|花|缺|没|要)钱|钱(?:够|到位|从哪)|预算够"), "经费 资金", None),
    (re.compile(r"人手|缺人|(?<!没)有人(?=吗|么|没|[？?，,]|$)|(?:配|添|补|加)人|专门(?:干|管|负责|做|搞)"), "人员 专职", None),
    # who answers for a failing (被追责, 处分): 责任追究 / 问责
    (re.compile(r"追责|追究责任|问责|处分|担责"), "责任追究 问责", None),
    # whether it counts at the year's end (跟年终考核挂不挂钩, 算进考核): 绩效考核
    (re.compile(r"(?:年终|年底|年度|年末)考核|挂不?挂钩|挂钩|算进|考评|绩效"), "绩效考核 考核", None),
    # 纳入考核: the reports put a thing into another as often with 列入 (列入绩效考核评估范围)
    (re.compile(r"纳入|列入|归入"), "纳入 列入", None),
    # who keeps an eye on the work (怎么盯着各单位): 监督 / 督查 / 检查
    (re.compile(r"盯(?:着|紧|住)?|看着|管着|(?:专门|专项)?(?:查过|查了|查一查|检查过|抽查过)"), "监督 督查 检查", None),
    # who decides or answers for the work (谁来拿主意, 谁拍板, 指定了谁来负责): its leading group and the people named
    (re.compile(r"谁来?(?:拿主意|拍板|负责|牵头|挂帅|抓|管)|拿主意|拍板|牵头|老大|头头|一把手|带头人"), "领导小组 组长 分管领导 负责 专人", None),
    # the one each office names to pass its information on (联系人, 对接人): the reports' 联络员
    (re.compile(r"联系人|对接人|对接的人|联络人"), "联络员", None),
    # 编了没有: what the reports say they 编制 (指南, 目录)
    (re.compile(r"编(?:了|过|好|没编|写)"), "编制", None),
    # 找政府要材料: what the reports call an application (申请, 依申请公开)
    (re.compile(r"(?:找|向|跟|问)[^，,。？?]{0,8}?(?:要|讨|索取)(?:材料|资料|信息|文件|东西)|(?:要|讨要|索要|索取)(?:材料|资料)"),
     "申请 依申请公开", None),
    # how long an answer takes (多久能答复): the time limits the reports state
    (_ASKS_DURATION, "法定期限 时限 工作日", None),
    # 被人告了: a review or a suit; 申诉 is what people call a 行政复议
    (re.compile(r"被人?告|告了|起诉|被诉|状告"), "行政复议 行政诉讼", None),
    (re.compile(r"申诉"), "行政复议", None),
    # an account nobody reads or nobody keeps (没人看的公众号, 没人打理): the reports' 关注度低, 无人维护 / 运维
    (re.compile(r"没(?:什么|啥|有)?人(?:看|关注|点|用)|(?:看|关注|用)的人(?:很|太)?少|阅读量(?:很|太)?(?:低|少)"),
     "关注度低 关注度", None),
    (re.compile(r"没(?:什么|啥|有)?人(?:打理|维护|运营|更新|管)|无人(?:打理|管理)|僵尸"), "无人维护 无力运维 运维", None),
    # more or fewer than the year before (比前一年多了还是少了, than the year before): the reports' 同比
    (re.compile(r"(?i)比(?:前|上)一?年|比去年|较上年|than (?:the |a )?(?:year before|last year|previous year|prior year)|"
                r"year[- ]on[- ]year|compared (?:with|to) (?:the )?(?:last|previous|prior) year"), "同比", None),
    # 稿子, 见报, 登报: what the reports call 稿件 / 新闻报道, 刊发 / 发表
    (re.compile(r"稿子"), "稿件 新闻报道", None),
    (re.compile(r"见报|登报|登了?报纸|上了?报纸"), "刊发 发表 报道", None),
    # 在网上递申请, 寄信申请: how an application comes in, which the reports call its 渠道 (网络申请, 信函)
    (re.compile(r"(?:网上|线上|在线|网络上?)[^，,。？?]{0,4}?(?:(?:递|交|提出)(?![流往通易费钱])|申请)"), "申请渠道 网络申请 网站", None),
    (re.compile(r"寄信|写信|邮寄|信件"), "信函 邮寄", re.compile(r"申请|要资料|要材料|信息公开")),
    # 晒了: what the reports call 公开 / 发布
    (re.compile(r"晒(?:了|出|过)?"), "公开 发布", None),
    (re.compile(r"(?i)(?:press|news) conferences?"), "新闻发布会", None),
    (re.compile(r"(?i)(?<![a-z])train(?:ing|ings)?(?![a-z])"), "培训", None),
    (re.compile(r"(?i)new media"), "政务新媒体", None),
    # WeChat is one kind of 政务新媒体, not every kind: a report saying 政务新媒体 alone does not say WeChat
    (re.compile(r"(?i)wechat"), "微信公众号 微信", None),
    (re.compile(r"(?i)weibo"), "微博", None),
    (re.compile(r"(?i)covid(?:[- ]?19)?|coronavirus|epidemic|pandemic"), "疫情 防控", None),
    (re.compile(r"(?i)third[- ]party|outside (?:firm|company|agency|expert)s?|independent (?:firm|assessor|evaluator)s?"),
     "第三方", None),
    (re.compile(r"(?i)(?<![a-z])(?:assess(?:ment|ed|es)?|evaluat(?:e|ed|es|ion|ing))(?![a-z])"), "评估", None),
    (re.compile(r"(?i)(?<![a-z])(?:learn(?:s|ed|ing)?|study|studies|studying)(?![a-z])"), "学习", None),
    (re.compile(r"(?i)(?<![a-z])(?:staff|personnel|employees?|workers?)(?![a-z])"), "工作人员 人员 队伍", None),
    (re.compile(r"(?i)(?<![a-z])(?:fees?|charged?|charging)(?![a-z])"), "信息处理费 收费", None),
    (re.compile(r"(?i)garbage|waste sorting|trash"), "垃圾分类 垃圾", None),
    (re.compile(r"(?i)policy interpretations?|explain(?:ing|ed)? (?:the )?polic(?:y|ies)"), "政策解读", None),
    # 人工智能 / AI: the reports name it by what it does (智能问答, 智能推荐) as often as by AI
    (re.compile(r"(?i)(?<![a-z])AI(?![a-z])|artificial intelligence|人工智能|大模型"), "AI 智能", None),
    (re.compile(r"(?i)(?<![a-z])(?:websites?|portals?)(?![a-z])"), "门户网站 网站", None),
    (re.compile(r"(?i)(?<![a-z])platforms?(?![a-z])"), "平台", None),
    (re.compile(r"(?i)(?<![a-z])(?:channels?|outlets?)(?![a-z])"), "渠道 载体", None),
    (re.compile(r"(?i)(?<![a-z])meetings?(?![a-z])"), "会议", None),
    (re.compile(r"(?i)(?<![a-z])(?:suggestions?|proposals?)(?![a-z])"), "建议 提案", None),
    (re.compile(r"(?i)(?<![a-z])complaints?(?![a-z])"), "投诉", None),
    (re.compile(r"(?i)typos?|misprints?|wrong characters?|errors? in (?:the )?(?:text|wording)"), "错字 错别字 文字关", None),
    (re.compile(r"(?i)(?<![a-z])(?:check(?:s|ed|ing)?|review(?:s|ed|ing)?|vet(?:s|ted|ting)?|approv(?:e|es|ed|al))(?![a-z])"),
     "审核 审查", None),
    (re.compile(r"(?i)(?<![a-z])(?:publish(?:es|ed|ing)?|releas(?:e|es|ed|ing)|(?<!by )(?<!via )post(?:s|ed|ing)?)(?![a-z])"), "发布", None),
    (re.compile(r"(?i)(?<![a-z])(?:updates?)(?![a-z])"), "动态 更新", None),
    (re.compile(r"(?i)(?<![a-z])(?:late|delay(?:s|ed)?|slow(?:ly)?|timely|on time|in time|prompt(?:ly)?)(?![a-z])"), "及时", None),
    # the template's words for who applied and how (table 三): businesses, individuals, by post
    (re.compile(r"(?i)(?<![a-z])(?:business(?:es)?|compan(?:y|ies)|enterprises?|firms?)(?![a-z])"),  # after third-party
     "商业企业 企业", None),
    (re.compile(r"(?i)(?<![a-z])(?:individuals?|citizens?|private persons?|natural persons?)(?![a-z])"), "自然人", None),
    (re.compile(r"(?i)(?<![a-z])(?:by|via|through) (?:post|mail|letters?)(?![a-z])|(?<![a-z])(?:mailed|letters)(?![a-z])"),
     "邮寄 信函", None),
    # how a platform is kept safe (attacks, honeypots, vulnerability scans): the reports' 安全 / 技术防护
    (re.compile(r"(?i)(?<![a-z])(?:cyber ?security|security|secure|hack(?:ers?|ing|ed)?|attacks?|intrusions?|firewalls?)(?![a-z])"),
     "安全 技术防护", None),
    (re.compile(r"(?i)honey ?pots?"), "蜜罐", None),
    (re.compile(r"(?i)vulnerabilit(?:y|ies)(?: scans?| scanning)?"), "漏洞扫描", None),
    (re.compile(r"(?i)(?<![a-z])(?:drills?|exercises?)(?![a-z])"), "演练", None),
    (re.compile(r"(?i)(?<![a-z])(?:secre(?:t|ts|cy)|confidential(?:ity)?|leaks?)(?![a-z])"), "保密", None),
    (re.compile(r"(?i)(?<![a-z])(?:hotlines?)(?![a-z])"), "热线", None),
    (re.compile(r"(?i)round[- ]?table"), "圆桌对话", None),
    (re.compile(r"(?i)single[- ]window|one[- ]stop|(?<![a-z])one window"), "一窗通办 一站式", None),
    (re.compile(r"(?i)public[- ]services?"), "公共服务", None),
    # information that does not exist (could not be provided because …): table 三's 无法提供 / 本机关不掌握
    (re.compile(r"(?i)(?:did|does|do)(?: not|n't) exist|non-?existent|could not be provided|unable to provide"),
     "无法提供 不掌握", None),
    (re.compile(r"(?i)open[- ]?days?|open house"), "开放日", None),
    (re.compile(r"(?i)(?<![a-z])(?:drones?|UAVs?)(?![a-z])"), "无人机", None),
    (re.compile(r"(?i)(?<![a-z])(?:lawsuits?|sued|sue|court)(?![a-z])"), "行政诉讼", None),
    (re.compile(r"(?i)(?<![a-z])(?:reconsideration|administrative review)(?![a-z])"), "行政复议", None),
    (re.compile(r"(?i)(?<![a-z])(?:budget|funding|funds?|money)(?![a-z])"), "经费 资金", None),
    (re.compile(r"(?i)(?<![a-z])(?:accountab(?:le|ility)|punish(?:ed|ment)?)(?![a-z])"), "责任追究 问责", None),
    (re.compile(r"(?i)(?<![a-z])(?:supervis(?:e|ion|ed)|oversight|inspect(?:s|ed|ion|ions)?)(?![a-z])"), "监督 检查", None),
    (re.compile(r"(?i)(?<![a-z])(?:performance|appraisal)(?![a-z])"), "绩效考核 考核", None),
    (re.compile(r"(?i)(?<![a-z])(?:applications?|requests?)(?![a-z])"), "申请", None),
    # does not have, no website of its own: the reports say 没有 / 还没有 (自己的)
    (re.compile(r"(?i)(?<![a-z])(?:do(?:es)?n't|do(?:es)? not|not even|without|lacks?)(?![a-z])"), "没有", None),
    (re.compile(r"(?i)(?<![a-z])(?:its|their) own(?![a-z])"), "自己的", None),
)


# 平潭2022年报说…: the question's year was read off with its 年, which leaves the report's 报 at the start of
# what is left; with the verb after it (报说, 报里) the search would read it as a word no report holds
_REPORT_LEFT = re.compile(r"(?:^|(?<=\s))(?:度)?报(?:告)?(?=[说里中上写讲提谈称显]|\s|$)")
# 2022年报说2023年打算怎么做: the second year is when the plans are for, in the report of the year before
RE_PLAN_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?:度)?的?(?:打算|计划|准备|将|要|想|预备|安排)")
# What does Pingtan plan to do in 2024, its plans for 2024: the year the plans are for, alone in the question
# (in Chinese, 平潭2024年打算 names the report of 2024, as 2024年的改进措施 does)
RE_PLAN_FOR_YEAR = re.compile(r"(?i)(?<![a-z])plan(?:s|ning)?(?: to [a-z]+(?: [a-z]+)?)? (?:for|in) ((?:19|20)\d\d)(?!\d)")


# 跟2023年比, 和上一年相比: the frame of a comparison whose other side (a year, a name) was read off the query,
# leaving 跟 比; how the question runs, not what about (比例, 比重 stay)
_COMPARED = re.compile(r"(?:跟|和|与|同|较)?\s+(?:相比|相较|比较|对比|比起来|比)(?![例重率值])")


def users_terms(query: str) -> tuple[str, list[list[str]]]:
    """The query without the users' words USERS_TERMS knows, and the report's words for each of them."""
    found = []
    for rx, words, context in USERS_TERMS:
        if rx.search(query) and (context is None or context.search(query)):
            query = rx.sub(" ", query)
            found.append(words.split())
    return query, found


def holds(term: str, text: str) -> bool:
    """A content term is in a text: a user's word that stands for several of the report's (征集|听取), any."""
    return any(w in text for w in term.split("|"))


def in_report_words(query: str) -> str:
    """The query with the words reports use for what it asks (短板 → 存在的主要问题 不足 有待), for the search:
    the report does not call its problems 短板 nor its work 亮点, nor a 红头文件 so."""
    words = [Asked.of(query).report_words(query)] + [" ".join(w) for w in users_terms(query)[1]]
    words = " ".join(w for w in words if w)
    return f"{query} {words}" if words else query


def not_asked_parts(query: str) -> set[str]:
    """The parts of a report that cannot answer the query: part 五 for what the report did well (亮点做法),
    since it holds what fell short and what is planned."""
    return {"五"} if Asked.of(query).merit else set()


def states_count(text: str, terms: list[str]) -> bool:
    """One of the question's words and a count stand in one clause (收到政府信息公开申请154件, 信息处理费0元,
    公开51条疫情防控相关信息): the text states the number asked for, as a table row may too."""
    squashed = re.sub(r"\s+", "", text)
    return any(re.search(re.escape(t) + _CLAUSE + _COUNT, squashed)
               or re.search(_COUNT + _CLAUSE + re.escape(t), squashed)
               for t in terms if len(t) >= 2 and not t.isdigit())


def asks_number(question: str) -> bool:
    """多少条 / 几个 / 比例: the question wants a number (which a table row may state), not which or how."""
    return bool(_ASK_NUMBER.search(question))

# 依申请公开是怎么办理的, 按什么流程处理: how a thing is done, which the text says, even when the thing has a
# count in a table (unless the question also asks how many)
_HOW_VERB = (r"(?:办理|处理|办的|办|做的|做|开展|答复|受理|落实|推进|管理|建设|规范|审核|保障|回应|操作|提高|提升|改进|改善|加强|"
             r"保证|确保|避免|防止|杜绝)")
# 办理流程是怎样的, 程序如何: the way asked by its noun; 做了什么, 采取了哪些措施 (RE_DID): what was done about a
# thing (the 了 says done, not planned), which only the text tells even of a thing a table counts
_WAY = r"(?:流程|程序|步骤|环节|做法|办法|机制)"  # (kept in the query: the noun may say what about)
_DID = r"(?:做|干|搞|采取|采用|出台|推出|实施)(?:了|过)(?:些|哪些|什么|啥)(?:样的|具体)?(?:措施|举措|办法|工作|事情?)?"
RE_DID = re.compile(_DID)
_ASKS_HOW = re.compile(rf"(?:怎么|如何|怎样|咋)样?(?:来|去)?{_HOW_VERB}|(?i:(?<![a-z])how (?:does|do|did|is|are|was|were)(?![a-z]))|"
                       rf"按?(?:什么|哪些|啥)(?:样的)?(?:流程|程序|步骤|机制|渠道|方式|办法)(?:来|去)?{_HOW_VERB}?|"
                       rf"(?<={_WAY})(?:都|大致|大概|一般)?(?:是|为)?(?:怎样|怎么样|如何|什么样|啥样)|"
                       rf"(?:办理|处理|受理|答复|办事|审核|的)(?=的?(?:流程|程序|步骤))|"  # (依申请公开的)办理程序: the noun asks how
                       r"(?i:(?<![a-z])(?:process|procedure|workflow)(?:es|s)? (?:for|of)(?![a-z]))")


# 怎么保证发布的信息不出错, 如何避免差错: how the work keeps errors out, which the text tells (三审三校), not an
# audit of the report's own numbers (出错 alone is one)
RE_ENSURES = re.compile(r"(?:怎么|如何|怎样|咋|靠什么|用什么办法)(?:来|去)?(?:保证|确保|避免|防止|杜绝|防范|减少)")


# 答复都及时吗, 是否依法办理, 处理规范不规范: whether a thing was done well, which the tables do not record and
# the text may state (均在法定期限内答复)
_FINISHED = r"(?:办完|办结|完成|完毕|做完|处理完)"  # 都办完了吗: the reports say so in these few words (办理答复完毕)
_WELL = rf"(?:及时|按时|按期|超期|逾期|规范|到位|合规|依法|合法|满意|{_FINISHED})"
_ASKS_WELL = re.compile(rf"(?:是否|有没有|有无|都|均){_WELL}|{_WELL}了?(?:吗|么|嘛|与否|不{_WELL}|没有?[？?]?$)")



# 培训情况, 网站建设搞得怎么样: how a thing stands, which the account of the year tells (part 五 holds plans)
_ASKS_STATE = re.compile(r"情况|(?:搞|做|干|办|弄)得(?:怎么样|咋样|如何)|(?:怎么样|如何|怎样)了?[？?]?$|咋样[？?]?$|"
                         r"(?:高不高|好不好|够不够|足不足)[？?]?$")


# 依申请公开那部分写了什么, 总结一下…平台建设方面: one section of the report's account, quoted as it runs on
_ASKS_SECTION = re.compile(r"(?:那|这|哪)一?(?:部分|块|段|节|方面)(?:都|主要)?(?:写|说|讲|提|谈)了?些?(?:什么|啥|哪些)|"
                           r"(?:总结|概括|归纳|梳理|介绍)(?:一下)?[^，,。？?]{0,16}?(?:部分|那块|这块|方面|板块|情况)")


def asks_section(question: str) -> bool:
    """The question asks what one section of a report says (总结一下依申请公开那部分), not one number of it."""
    return bool(_ASKS_SECTION.search(question))


def asks_charged(question: str) -> bool:
    """The question asks whether fees were charged (收过费吗, 收没收钱, charge any fee)."""
    return bool(_ASKS_CHARGED.search(question))


# 为什么能避免被纠错, 为啥要建监测系统: a reason, which only the text gives (no table holds one); 答复质量怎么样: how
# good a thing is, which the text judges and a table only counts
_ASKS_WHY = re.compile(r"为什么|为啥|为何|什么原因|啥原因|原因是|(?i:(?<![a-z])why(?![a-z]))")
# 效果怎么样: how it went, a word of the asking the reports seldom say of their own work (质量, 水平 they do name)
_ASKS_EFFECT = re.compile(r"(?:效果|成效)(?:到底|究竟)?(?:怎么样|咋样|如何|怎样|好不好)")
_ASKS_QUALITY = re.compile(r"(?:质量|水平|效果|成效|规范性|时效性)(?:到底|究竟)?(?:怎么样|咋样|如何|怎样|高不高|好不好|行不行)")


def asks_why(question: str) -> bool:
    """The question asks why (为什么, 为啥): the sentence that gives the reason, not the section it stands in."""
    return bool(_ASKS_WHY.search(question))


def asks_how(question: str) -> bool:
    """The question asks how something is done (a process, a way), whether it was done (well), why, or how
    good it is: not how many."""
    return bool(_ASKS_HOW.search(question) or _ASKS_WELL.search(question) or _ASKS_WHY.search(question)
                or _ASKS_QUALITY.search(question) or _ASKS_CHARGED.search(question)) and not asks_number(question)


# 依申请公开存在什么问题, 行政复议方面有哪些不足, 主动公开下一步怎么改进: part 五's problems or measures, of a thing
# the tables count too; the tables say how many, only the text says what fell short
_ASKS_WHICH = re.compile(r"哪些|什么|啥|有何|哪方面|哪几|怎么|如何|怎样|咋")


def asks_shortfalls(question: str) -> bool:
    """The question asks which problems a report names or what it plans to improve, not how many."""
    if asks_number(question) or not _ASKS_WHICH.search(question):
        return False
    return bool(_ASKS_PROBLEMS.search(question) or _NEEDS_WORK.search(question)
                or re.search(r"改进措施|整改措施|下一步|下步|今后|(?:怎么|如何|怎样|咋)(?:改进|整改|改)", question))

# What a text question asks for, in the words people use (one place: the answers and the search both read it).
# Part 五 has two halves: the problems, then the measures. A question asks for one of them.
# 以后 is a plan on its own (以后打算) or after 今 / 那, not after a clause it times (收到申请以后怎么处理)
# 整改 after a verb that has it done (督促整改, 责令整改): a deed of the year, no plan
_ASKS_MEASURES = re.compile(r"改进|改善|措施|下一步|下步|下一年|今后|(?:^|(?<=[^\u4e00-\u9fff])|(?<=[今此那]))以后|"
                            r"以后(?=打算|准备|要|会|将|还|继续|计划)|往后|接下来|后续|来年|明年|打算|计划|"
                            r"(?<!督促)(?<!责令)(?<!限期)(?<!督办)(?<!推动)(?<!进行)整改|"
                            r"(?:怎么|如何|怎样|咋|着手|要|该|去)改(?![革版造制建名变动])|努力方向|准备|"
                            r"(?i:improve|next step|plan)")
_ASKS_PROBLEMS = re.compile(r"(?:存在(?:的|着|哪些|什么|啥)?(?:主要)?)?问题|不足|薄弱|短板|差距|(?<!够)不够|欠缺|缺点|缺陷|毛病|瑕疵|承认|困难|短处|不到位|没做好|自我批评|自我剖析|反思|没有?(?:做|搞|干|办)?到位|"
                            # 不尽如人意, 还有提升空间: short of what it should be, in the asker's words
                            r"不尽如人意|不尽人意|不如人意|不理想|不满意的地方|(?:提升|提高|改进|改善|进步|完善)的?(?:空间|余地)|"
                            r"做得不好|做得差|(?i:weak|shortcoming|problem|issue)")
# 哪些地方需要改进 asks where the report falls short (the problems), not how it will improve
_NEEDS_WORK = re.compile(r"(?:哪些|什么|哪个|哪)(?:地方|方面|环节|里|儿)?(?:还)?(?:需要|有待|要|得|应该)(?:改进|改善|加强|提高|完善|提升)")
# 针对不足怎么整改, 对行政复议多的问题打算怎么办, 这些问题怎么解决: the problems are what the measures answer
_AGAINST = re.compile(r"针对[^，,。？?]{0,8}?(?:问题|不足|短板|薄弱环节|差距)|"
                      r"(?:对于?|就)[^，,。？?]{0,10}?(?:问题|不足|短板|差距)[^，,。？?]{0,6}?(?:打算|准备|计划|要|将|该|怎么|如何|咋)|"
                      r"(?:问题|不足|短板|差距)[^，,。？?]{0,4}?(?:怎么办|咋办|怎么解决|如何解决|怎么整改|如何整改)|"
                      # 怎么补齐短板, 如何解决这些问题: a verb of mending the shortfalls asks for the measures
                      r"(?:补齐|补上|补足|弥补|解决|克服|改正|改掉|整改|扭转)(?:这些|上述|存在的|自身的?)?(?:短板|不足|问题|差距|"
                      r"薄弱环节|短处|毛病)")
# What the report did well or did at all (亮点做法, 特色和创新, 主动公开了哪些内容): its account of the year's work
# (part 一 and the parts before 五), never part 五, which holds what fell short and what is planned.
# Of these, the ones that ask for its merits (亮点, 特色, 成效) rather than for what it did (开展了哪些)
_ASKS_MERIT = re.compile(r"亮点|特色|创新|新招|(?<!学习)(?<!借鉴)(?<!交流)(?<!吸取)经验|成效|成绩|成果|亮眼|拿得出手|值得一提|值得推广|取得|样板|示范|标杆|"
                         r"(?:值得)?(?:拿出来)?夸一?夸|值得夸|表扬|称道|可圈可点|出彩|自豪|骄傲|"
                         r"(?:做|干)得(?:比较|很|挺|非常|特别|最)?(?:好|不错|出色|漂亮|精彩|出彩)的?(?:地方|方面|工作)?|好的地方|"
                         r"(?i:highlight|achievement|best practice)")
_ASKS_DONE = re.compile(_ASKS_MERIT.pattern + r"|做法|举措|做了(?:哪些|什么|啥)|干了|(?:公开|开展|推进|建设|完成|推出|搞)了(?:哪些|什么|啥)|"
                        + _DID)
# the words a report itself uses for what each kind of question asks: searched beside the question's own
# (短板 → 不足 / 有待: the report does not call its problems 短板); a question for what was done (开展了哪些
# 活动) has its own words for what, and gets none
REPORT_WORDS = {"problems": "存在的主要问题 不足 有待", "measures": "改进措施 下一步",
                "merit": "创新 特色 首创 首推 率先 品牌 推广 亮点", "done": ""}
# a sentence that starts an item of a list (一是…, （二）…, 3、…): what a remark after it is about
_ITEM_START = re.compile(r"^(?:其?[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
# the sentence where a report turns from its problems to its measures: a heading (（二）改进措施), 下一步 /
# 今后 / 2024年将 …, or a lead-in to the list of measures (从以下几个方面加以改进：)
_MEASURES_START = re.compile(r"下一步|下步|下一年|今后|改进措施|改进方向|整改措施|努力方向|工作打算|工作措施|工作计划|"
                             r"将从以下|将着力|将进一步|将继续|将采取|将重点|(?:19|20)\d\d年[^。]{0,8}(?:将|计划)|"
                             r"针对上述|针对以上|针对这些|针对存在|针对问题|针对不足|加以改进|进行改进|做好改进|予以改进|"
                             r"以下措施|如下措施")  # not 以下几个方面 alone: 存在的问题主要有以下几个方面
# what a sentence that names problems says (有待提高, 不够规范, 形式单一 …)
_NAMES_PROBLEMS = re.compile(r"有待|不够|不足|欠缺|薄弱|单一|不高|不强|不到位|不及时|不规范|不均衡|仍需|还需|需进一步|"
                             r"仍待|待提高|待加强|较少|偏低|滞后|差距|短板|问题")
_TURN_LEAD = 12  # a turn within this many characters of a sentence's start makes the sentence a measure

@dataclass
class Sentence:
    passage: Passage
    text: str
    score: float
    line: int  # the line the sentence starts on
    next_line: int | None = None  # a lead-in's continuation on the line after the passage
    next_text: str = ""
    figure: str | None = None  # the number the question asks for, with its unit, as the sentence states it
    half: str | None = None  # in part 五: "problems" or "measures"
    scope: str = ""  # the passage's text a list may run over: in part 五 only the half asked for


_HEADING_ONLY = re.compile(r"^[#\s]*[一二三四五六七八九十]+、[^。]{0,38}$")
SAYING_SPAN = 3  # sentences one statement of a thing may run over (a phrase broken by a line break)


def report_key(p: Passage) -> tuple[str, int | None]:
    """One report: its agency (its file where none was read) and year; two files of one report are one."""
    return p.agency or p.doc, p.year


def _saying(parts: list[str], phrases: list[str]) -> str | None:
    """The first sentence, or the fewest neighbouring sentences (up to SAYING_SPAN), holding every phrase whole,
    spaces aside: a phrase a line break splits (政务新\n媒体) is still said."""
    for n in range(1, SAYING_SPAN + 1):
        for i in range(len(parts) - n + 1):
            if all(ph in re.sub(r"\s+", "", "".join(parts[i:i + n])) for ph in phrases):
                return "".join(parts[i:i + n])
    return None


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in _SENT.split(text) if x and x.strip()]


@dataclass
class Asked:
    """What kind of answer a question wants, read off its words."""

    number: bool = False  # 多少, 几 …: a sentence that states a number
    counter: str | None = None  # 多少条 → 条
    rate: bool = False  # 满意率多少 → a percentage
    half: str | None = None  # part 五: "problems" or "measures"
    listing: bool = False  # 哪些 …: a list, which may run over several sentences
    done: bool = False  # 亮点做法, 主动公开了哪些内容: what the report did, not part 五
    merit: bool = False  # of those, 亮点 / 特色 / 成效: what it did well, never what it plans

    @classmethod
    def of(cls, query: str) -> Asked:
        m = _ASK_COUNTER.search(query)
        number = asks_number(query)
        rate = number and bool(_ASK_RATE.search(query))
        needs = _NEEDS_WORK.search(query)
        rest = _NEEDS_WORK.sub(" ", query)
        against = _AGAINST.search(rest)  # 针对不足怎么整改: the problems are what the measures answer
        measures = _ASKS_MEASURES.search(re.sub(_DID, " ", rest)) or against  # 采取了哪些措施: done, no plan
        problems = needs or _ASKS_PROBLEMS.search(_AGAINST.sub(" ", rest) if against else query)
        half = None if measures and problems else "measures" if measures else "problems" if problems else None
        listing = bool(re.search(r"哪些|哪几|有何|什么措施|什么问题|啥", query))
        done = half is None and bool(_ASKS_DONE.search(query))
        return cls(number=number, counter=(m.group(1) or m.group(2)) if m else None, rate=rate, half=half, listing=listing,
                   done=done, merit=done and bool(_ASKS_MERIT.search(query)))

    @staticmethod
    def names_five(query: str) -> bool:
        """The query asks part 五's problems or measures, either or both (督促整改 done in the year does not)."""
        rest = _NEEDS_WORK.sub(" ", query)
        return bool(_NEEDS_WORK.search(query) or _AGAINST.search(rest) or _ASKS_PROBLEMS.search(rest)
                    or _ASKS_MEASURES.search(re.sub(_DID, " ", rest)))

    @property
    def kind(self) -> str | None:
        return self.half or ("done" if self.done else None)

    def report_words(self, query: str) -> str:
        """The words reports use for what the question asks (REPORT_WORDS), or none."""
        kind = "merit" if self.merit else self.kind
        return REPORT_WORDS[kind] if kind else ""

    def asking_words(self, query: str) -> str:
        """The query without the words that say what kind of answer it wants (亮点, 短板, 怎么改进): what is
        left says what about, and is what the reports must hold for the question to be in scope."""
        for rx in (_NEEDS_WORK, _ASKS_MEASURES, _ASKS_PROBLEMS, _ASKS_DONE):
            query = rx.sub(" ", query)
        return query

    def _numbers(self, text: str) -> list[re.Match]:
        return list(_NUMBER_SAID.finditer(_YEAR.sub("", text)))

    def number_bonus(self, text: str) -> float:
        """How well the text states the number asked: the counter asked (808 条) counts most, any other
        number (not a year) a little."""
        if not self.number:
            return 0.0
        best = 0.0
        for m in self._numbers(text):
            unit = m.group(2) or ""
            if self.rate and unit in ("%", "％"):
                return 1.0
            if self.counter and unit.startswith(self.counter):
                return 1.0
            best = max(best, 0.3)
        return best

    def other_count(self, text: str) -> str | None:
        """几次 asked of a text that counts only people-times (培训50余人次): that count, which is no number of
        times; None when the text states the times (两次, 186次) or asks something else."""
        if self.counter != "次" or self.figure(text):
            return None
        text = _YEAR.sub("", text)
        for m in _NUMBER_SAID.finditer(text):
            rest = text[m.end(1):]
            unit = len(rest) - len(rest.lstrip(" 余多"))  # 50余人次: the number, 余, then its unit
            if rest[unit:].startswith("人次"):
                return text[m.start(1):m.end(1) + unit + 2].replace(" ", "")
        return None

    def figure(self, text: str) -> str | None:
        """The number asked with its unit (808 条, 96.65%), when the text states it."""
        if not self.number:
            return None
        fallback = None
        for m in self._numbers(text):
            unit = m.group(2) or ""
            if (self.rate and unit in ("%", "％")) or (self.counter and unit.startswith(self.counter)):
                return m.group(1) + (self.counter if self.counter and unit.startswith(self.counter) else unit)
            fallback = fallback or m.group(1)
        return fallback if not self.counter and not self.rate else None


@dataclass
class ProseResult:
    sentences: list[Sentence]
    coverage: float
    terms: list[str]  # the content words of the question
    missing: list[str]  # content words no passage holds


class Prose:
    def __init__(self, retriever: Retriever, lines=None):
        """lines: FactStore.lines, to find the line a sentence starts on (passages skip blank lines)."""
        self.retriever = retriever
        self._lines = lines
        kw = retriever.keyword
        self._agency_terms = set(kw.fields.get("agency", {})) if hasattr(kw, "fields") else set()
        self._weights = kw.term_weights()  # computed once: term_weights() recomputes its tables on each call
        self._top = float(self._weights.max()) if len(self._weights) else 1.0
        self._template_terms = {t for title in PART_TITLES.values() for t, _ in kw.query_terms(title)}
        self._five: dict[tuple, dict[str, list[str]]] = {}  # (doc, year) → passage id → half of each sentence
        self._masks: dict[str, list[str]] | None = None  # the reports' words with one character masked (新媒?)

    def content_terms(self, query: str) -> list[tuple[str, float]]:
        """The question's words that say what it is about, with a weight (IDF; unknown words weigh most).
        A user's word the reports say otherwise (收集意见, 办完; USERS_TERMS) is one term, held by a text that
        holds any of the report's words for it (征集|听取|意见箱), at the weight of the rarest."""
        kw = self.retriever.keyword
        weights, top = self._weights, self._top
        query = _REPORT_LEFT.sub(" ", query)  # 2022年报说: the 年 went with the year, 报 is the report, no word
        query, alternatives = users_terms(_COMPARED.sub(" ", _PART_NAMED.sub(" ", query)))  # 第六部分 says where
        out = []
        said = {w for words in alternatives for w in words}  # a report's word the user's stands for: one term
        for words in alternatives:
            known = [float(weights[kw.vocab[w]]) for w in words if w in kw.vocab]
            out.append(("|".join(words), max(known, default=top)))
        asked = kw.query_terms(query)
        known = [t for t, _ in asked if t in kw.vocab]
        for term, qw in asked:
            if (term in self._agency_terms or term in GENERIC or term in COLLOQUIAL or term in said or _ASPECT.match(term)
                    or len(term) < 2 and not term.isdigit() or set(term) <= _FRAME_CHARS
                    or _COUNT_NOUN.fullmatch(term)):  # 篇数: how many is asked (Asked.counter), not what about
                continue
            tid = kw.vocab.get(term)
            if tid is None and term[-1] in ASPECT and len(term) > 2:  # 建立了 → 建立: the particle says nothing
                term = term[:-1]
                tid = kw.vocab.get(term)
            if tid is None and re.fullmatch(r"[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]+", term):  # the 12345 → the12345
                term = re.sub(r"[A-Za-z]+", "", term)
                tid = kw.vocab.get(term)
            if tid is None and _made_of(term, known):  # 意见建议: the reports' 意见 and 建议 stand for it
                continue
            if tid is None and len(term) == 2 and term[0] in _MODALS:  # 为啥要建: a modal and its verb, no topic
                continue
            if tid is None and term.isascii() and term.isalpha():
                # an English word the reports never hold (what, does, urban): how the question is put, or a name
                # in Latin letters; the words USERS_TERMS knows (training → 培训) carry what it is about
                continue
            out.append((term, qw * (float(weights[tid]) if tid is not None else top)))
        return out

    def head_term(self, query: str) -> str | None:
        """The content term of the head of the phrase the question is about (the training of staff → 培训,
        关于队伍培训 → 培训), when that phrase holds more than one: a passage must say it to answer."""
        return self._about(query)[0]

    def _about(self, query: str) -> tuple[str | None, list[str]]:
        """The head term of the phrase asked about and the terms that only narrow it (staff, 队伍)."""
        m = _ABOUT_EN.search(query)
        if m:
            phrase = re.split(r"(?i)(?<![a-z])of(?![a-z])", m.group(1).strip())[0]
            words = re.findall(r"(?i)[a-z]+|[\u4e00-\u9fff]+", phrase)
            terms = [t for t, _ in self.content_terms(m.group(1))]
            head = [t for t, _ in self.content_terms(words[-1])] if words and len(terms) >= 2 else []
            return (head[-1], [t for t in terms if t != head[-1]]) if head else (None, [])
        m = _ABOUT_ZH.search(query)
        phrase = (m.group(1) or m.group(2)) if m else query if _bare(query) else ""
        terms = [t for t, _ in self.content_terms(phrase)] if phrase else []
        return (terms[-1], terms[:-1]) if len(terms) >= 2 else (None, [])

    def said_by_heads(self, query: str) -> str:
        """The query with each phrase of it no report says whole (业务培训) cut to its head (培训), when reports say
        the head and know every word that only narrowed it: 组织过业务培训 is answered by 制定了培训计划 too. A phrase
        some report says (垃圾分类) stays whole, and so does one with a word no report has (抖音短视频); one narrowed
        only by the words every report is about (政务公开培训) is its head whoever says it whole."""
        for phrase in self.topic_phrases(query):
            terms = [t for t, _ in self.content_terms(phrase)]
            if len(terms) < 2 or not all(self.known(t) for t in terms):
                continue
            head = terms[-1].split("|")[0]
            generic = head in phrase and not re.sub("|".join(_JOINS), "", phrase[:phrase.rindex(head)])
            if not generic and self.retriever.passages_saying([phrase], reports=1):
                continue
            if head in phrase and self.retriever.passages_saying([head], reports=1):
                query = query.replace(phrase, phrase[phrase.rindex(head):])
        return query

    def mend_unknown(self, query: str) -> tuple[str, list[str]]:
        """The query with each word no report holds (政务新媒休, 公众参于) read as the word one character away
        that the reports do hold in the same company (新媒体 after 政务, 参与 after 公众), and how each was read;
        a word no such neighbour confirms (区块链, 抖音) stays as asked, to be said not found."""
        vocab = self.retriever.keyword.vocab
        notes = []
        terms = [t for t, _ in self.content_terms(query)]
        for term in terms:
            if term in vocab or "|" in term or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", term) or term not in query:
                continue
            at = query.index(term)
            if _covered(query, at, len(term), [t for t in terms if t in vocab]):
                continue  # 电视节 of 电视节目: a cut across two words the reports hold (电视, 节目), no slip
            near = [w for w in self._one_away(term) if self._company(query, at, term, w)]
            if not near:  # 解都了多少件政策文件: beside frame words (了多); the question's other words say the company
                others = [t for t, _ in self.content_terms(query) if t != term and t in vocab and len(t) >= 2]
                near = [w for w in self._one_away(term) if self._said_with(w, others)]
            if len(near) == 1:  # one reading, or none: never a guess between two
                query = query[:at] + near[0] + query[at + len(term):]
                notes.append(f"「{term}」读作「{near[0]}」")
        return query, notes

    def _one_away(self, term: str) -> list[str]:
        """The term with one character changed so that a word of the reports stands in it (新媒休 → 新媒体: 媒体),
        the commonest words first, at most MAX_NEAR."""
        vocab, weights = self.retriever.keyword.vocab, self._weights
        if self._masks is None:
            self._masks = {}
            for w in vocab:
                if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w):
                    for i in range(len(w)):
                        self._masks.setdefault(w[:i] + "?" + w[i + 1:], []).append(w)
        found = []
        for i in range(len(term)):
            for j in range(i + 2, len(term) + 1):
                part = term[i:j]
                for k in range(len(part)):
                    found += [(float(weights[vocab[w]]), term[:i] + w + term[j:])
                              for w in self._masks.get(part[:k] + "?" + part[k + 1:], [])]
        return list(dict.fromkeys(t for _, t in sorted(found) if t != term))[:MAX_NEAR]

    def _company(self, query: str, at: int, term: str, word: str) -> bool:
        """Some report says the word beside what stands next to the term in the query (政务 + 新媒体), and none says
        the term so (the query's own words are not a slip)."""
        left = query[max(0, at - 2):at]
        right = query[at + len(term):at + len(term) + 2]
        sides = [(left, ""), ("", right)]
        for a, b in sides:
            if len(a + b) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", a + b) or set(a + b) & _FRAME_CHARS:
                continue
            if self.retriever.passages_saying([a + word + b], reports=1) and \
                    not self.retriever.passages_saying([a + term + b], reports=1):
                return True
        return False

    def _said_with(self, word: str, others: list[str]) -> bool:
        """Some report says the word in one sentence with every one of the question's other content words (at
        least two), right beside one of them (解读政策文件): a reading the question's own company confirms."""
        if len(others) < 2:
            return False
        beside = [word + o for o in others] + [o + word for o in others]
        for p in self.retriever.passages_saying([word] + others, reports=3):
            for x in _sentences(p.text):
                x = re.sub(r"\s+", "", x)
                if all(w in x for w in others) and any(b in x for b in beside):
                    return True
        return False

    def known(self, term: str) -> bool:
        """Some report holds the term (any of a user's word's alternatives): a word no report has anywhere
        (抖音) is not one that only narrows what is asked."""
        return any(w in self.retriever.keyword.vocab for w in term.split("|"))

    def find(self, query: str, agency: str | None = None, year: int | None = None, part: str | None = None,
             k: int = 3, distinct_agencies: bool = False, distinct_reports: bool = False) -> ProseResult:
        """The k sentences that best answer `query`, best first, one per passage (one per agency with
        distinct_agencies, one per report with distinct_reports), from the reports the filters name."""
        asked = Asked.of(query)
        # 亮点做法: the sentences that say so in the report's words (创新, 新机制, 推广经验) come first
        terms = self.content_terms(f"{query} {asked.report_words(query)}" if asked.done else query)
        if asks_how(query):  # 依申请公开是怎么办理的: 办理 says how it is asked, 依申请公开 what about
            terms = self.content_terms(_ASKS_EFFECT.sub(" ", _ASKS_HOW.sub(" ", query))) or terms
        well = _ASKS_WELL.search(query)
        if well and re.search(_FINISHED, well.group(0)):
            # 提案都办完了吗: the sentence that says they were (办理答复完毕), not the one naming most of the rest;
            # not for 及时 / 规范, which the reports say in many other words (均在法定期限答复)
            said = {t for t, _ in self.content_terms(well.group(0))}
            terms = [(t, w + self._top if t in said else w) for t, w in terms]
        fetch = max(k * 4, FETCH_PASSAGES) if distinct_agencies or distinct_reports else max(k * 2, FETCH_PASSAGES)
        res = self.retriever.search(query, k=fetch, agency=agency, year=year, part=part, kind="prose")
        hits = [(h.passage, h.score) for h in res.hits]
        # the part a kind of question asks for may share none of its words (短板, 亮点): all of it is read
        whole = "五" if asked.half and part in (None, "五") else "一" if asked.done and part in (None, "一") else None
        if agency and whole:
            hits += [(q, 0.0) for q in self._part_passages(hits, whole) if q.id not in {p.id for p, _ in hits}]
        scored: list[Sentence] = []
        for rank, (p, score) in enumerate(hits):
            halves = self.halves(p) if asked.half else None
            # in the half asked for, ties go to the earlier sentence: a list of measures is quoted from its start
            at = self._five_order(p) if halves is not None else None
            s = self._best_sentence(p, terms, asked, rank if at is None else at, halves)
            if s:
                scored.append(s)
        if asked.half and any(s.half == asked.half for s in scored):
            # part 五's other half answers another question (问题 are not 改进措施), nor does the account of the year
            scored = [s for s in scored if s.half == asked.half]
        # 亮点, 特色 … (and 主动公开了哪些内容 …, when the account of the work speaks of it): not what fell short
        # nor what is planned; 提高公众参与度的做法 may be a measure, where only part 五 speaks of it
        scope = [(t, w) for t, w in self.content_terms(asked.asking_words(query)) if t not in self._template_terms]
        others = [s for s in scored if s.passage.part != "五"]
        if asked.done and others and (asked.merit or _coverage(scope, others) >= COVERAGE):
            scored = others
        elif ((asks_how(query) and not asks_why(query)) or _ASKS_STATE.search(query)) and not asked.half and others \
                and len(others) < len(scored):  # (why: part 五's problems may be the reason, or say there is none)
            # 依申请公开是怎么办理的 asks how it was done, which part 五's plans (做好依申请公开工作) do not say,
            # when the account of the year speaks of it as fully (意见建议怎么处理: only a measure says 意见)
            plans = [s for s in scored if s.passage.part == "五"]
            if _coverage(scope, others) >= max(COVERAGE, _coverage(scope, plans)):
                scored = others
        if ((asks_how(query) and not asks_why(query)) or _ASKS_STATE.search(query)) and not asked.half:
            # (why a thing is planned is said beside the plan) 公众参与程度怎么样: how it stands (公众参与程度不高), which a plan (提高公众参与程度) does not say, when a
            # sentence that is no plan says it as fully
            plans = [s for s in scored if self.planned(s)]
            told = [s for s in scored if s not in plans]
            if plans and told and max(_coverage(scope, [s]) for s in told) >= \
                    max(COVERAGE, max(_coverage(scope, [s]) for s in plans)):
                scored = told
        head, narrowing = self._about(query)
        # 抖音短视频 → 视频 is the head, but no report says 抖音 at all: a sentence on 视频 says nothing of it
        unknown = [t for t in narrowing if not self.known(t)]
        headless = bool(head and scored) and not any(holds(head, normalize(s.passage.text)) for s in scored)
        if head and not headless:  # staff training: a passage on training, not one on staff alone
            scored = [s for s in scored if holds(head, normalize(s.passage.text))]
        scored.sort(key=lambda s: -s.score)
        sentences: list[Sentence] = []
        seen: set[str] = set()
        for s in scored:
            p = s.passage
            key = report_key(p) if distinct_reports else p.agency or p.doc
            if (distinct_agencies or distinct_reports) and key in seen:
                continue
            seen.add(key)
            s.line = self.line_of(p, s.text)
            self._continue(s)
            sentences.append(s)
            if len(sentences) >= k:
                break
        if asked.kind:  # 亮点, 短板, 怎么改进 say what kind of answer, not what about: scope is in the other words,
            terms = scope  # less the template's part names (主动公开, 依申请): every report has those parts
        if distinct_agencies and terms and sentences:  # what did the reports say about X: each agency's quote
            saying = [s for s in sentences if any(holds(t, normalize(s.passage.text)) for t, _ in terms)]
            sentences = saying or sentences  # says X; one saying none of it (济南's 本报告所列数据…) is no answer
        if head and not headless:  # 济南在队伍培训方面: its 培训 of 工作人员 answers; 队伍 only narrowed what was asked
            terms = [(t, w) for t, w in terms if t not in narrowing] or terms
        total = sum(w for _, w in terms)
        coverage = 1.0
        missing: list[str] = []
        if terms and sentences and total:
            coverage = _coverage(terms, sentences)
            if asked.half and sentences[0].half == asked.half:
                coverage = 1.0  # the half of part 五 the question asks for answers it, whatever its words
            missing = [t.split("|")[0] for t, _ in terms  # a user's word said in the first of the report's words
                       if not any(holds(t, normalize(s.passage.text)) for s in sentences)]
        elif terms:
            coverage, missing = 0.0, [t for t, _ in terms]
        if headless and head:  # none says the thing asked (培训), whatever else they share with the question
            coverage, missing = 0.0, [head.split("|")[0]] + [t for t in missing if t != head.split("|")[0]]
        if unknown:
            coverage, missing = 0.0, [t.split("|")[0] for t in unknown] + [t for t in missing if t not in unknown]
        return ProseResult(sentences, coverage, [t for t, _ in terms], missing)

    def mentions(self, phrases: list[str], year: int | None = None, part: str | None = None,
                 reports: int | None = None, agency: str | None = None) -> list[Sentence]:
        """Each report's first sentence that holds every phrase whole (the phrases of topic_phrases), one per
        report, over every report of the year asked (at most `reports`): who says a thing is read off all
        reports, not off the best-ranked passages."""
        out: list[Sentence] = []
        for p in self.retriever.passages_saying(phrases, year=year, part=part, agency=agency, reports=reports):
            sent = _saying(_sentences(p.text), phrases)
            if sent is None:  # the phrases far apart in the passage: no one statement says it
                continue
            s = Sentence(p, sent, 0.0, self.line_of(p, sent))
            self._continue(s)
            out.append(s)
        return out

    def names_topic(self, text: str, query: str, share: float = COVERAGE) -> bool:
        """The sentence itself says what the question is about (谁的报告提到疫情: 疫情 in the quote, not only
        somewhere in its passage): it holds `share` of the question's content weight."""
        asked = Asked.of(query)
        terms = self.content_terms(asked.asking_words(query) if asked.kind else query)
        terms = [(t, w) for t, w in terms if t not in self._template_terms] or terms
        total = sum(w for _, w in terms)
        norm = normalize(text)
        return not total or sum(w for t, w in terms if holds(t, norm)) / total >= share - 1e-9

    def topic_phrases(self, query: str) -> list[str]:
        """The question's content words as it runs them together (政务新媒体, 新闻发布会, 垃圾分类): a sentence
        holding 媒体 or 新闻 … 发布 apart does not say 政务新媒体 or 新闻发布会."""
        asked = Asked.of(query)
        query = re.sub(r"\s+", "", asked.asking_words(query) if asked.kind else query)
        content = {w for t, _ in self.content_terms(query) for w in t.split("|")}
        # spans of the query the joining terms cover, merged where they meet or overlap: the search's tokens
        # overlap (发布, 发布会), so a name is read off the characters, not off the token sequence
        runs: list[list[int]] = []  # [start, end, whether its last term is one lone character]
        cursor = 0
        for term, _ in self.retriever.keyword.query_terms(query):
            at = query.find(term, max(0, cursor - len(term)))
            if at < 0:
                continue
            cursor = max(cursor, at + len(term))
            lone = len(term) == 1
            # a word of agencies' names left in the question (the names are masked out) is part of what it
            # names when it runs on from or into a content word (城管开放日 is not 市民开放日; 无人机执法)
            named = term in self._agency_terms and len(term) >= 2 and (
                any(query.startswith(w, at + len(term)) for w in content)
                or bool(runs) and runs[-1][0] < runs[-1][1] == at)
            joins = term in content or term in _JOINS or named or (lone and bool(runs) and term not in _PARTICLES)
            if joins and runs and at <= runs[-1][1] and (runs[-1][1] - runs[-1][0] > 0):
                if at + len(term) > runs[-1][1]:
                    runs[-1][1:] = [at + len(term), lone]
            elif joins and not lone:
                runs.append([at, at + len(term), False])
            else:
                runs.append([at, at, False])  # a break: nothing joins across it
        # a lone light word ends no name (政策解读做 → 政策解读); a lone noun ending does (微信公众号, 网站栏)
        phrases = [query[a:b - 1] if lone and query[b - 1] in _LIGHT else query[a:b] for a, b, lone in runs if b > a]
        return [r for r in phrases if len(r) > 2 and any(w in r for w in content) and r not in content]

    # ------------------------------------------------------------ part 五: problems, then measures
    def _part_passages(self, hits: list[tuple[Passage, float]], part: str) -> list[Passage]:
        """Every prose passage of the part in the reports the hits come from (part 五 is a few passages:
        the half a question asks for may share none of its words)."""
        docs = list(dict.fromkeys(p.doc for p, _ in hits))[:1]
        if not docs:
            return []
        rows = self.retriever.db.execute(
            "select pidx from passages where doc = ? and part = ? and kind = 'prose' order by pidx",
            [docs[0], part]).fetchall()
        found = self.retriever.passages([r[0] for r in rows])
        return [found[r[0]] for r in rows if r[0] in found]

    def _five_order(self, p: Passage) -> int | None:
        """The place of a part-五 passage in its part (_halves has read the part in order)."""
        halves = self._five.get((p.doc, p.year), {})
        return list(halves).index(p.id) if p.id in halves else None

    def halves(self, p: Passage) -> list[str] | None:
        """For a passage of part 五: "problems" or "measures" for each of its sentences (as _sentences cuts
        them), read in the order of the whole part: the measures start at the first sentence that turns to
        them (下一步, 今后, 改进措施 …) and run to the end."""
        if p.part != "五":
            return None
        key = (p.doc, p.year)
        if key not in self._five:
            rows = self.retriever.db.execute(
                "select id, text from passages where doc = ? and part = '五' and kind = 'prose' order by pidx",
                [p.doc]).fetchall()
            halves = dict(zip([pid for pid, _ in rows], mark_halves([text for _, text in rows])))
            self._five[key] = halves
        return self._five[key].get(p.id)

    def planned(self, s: Sentence) -> bool:
        """The sentence is one of part 五's measures (下一步…将): what the report plans, not what it did."""
        if s.passage.part != "五":
            return False
        halves = self.halves(s.passage) or []
        at = next((i for i, x in enumerate(_sentences(s.passage.text)) if s.text[:12] in x), None)
        return at is not None and at < len(halves) and halves[at] == "measures"

    def half_of_five(self, doc: str, half: str) -> tuple[list[Passage], str]:
        """A report's part 五 passages and the text of the half asked for (problems or measures), in order."""
        rows = self.retriever.db.execute(
            "select pidx, text from passages where doc = ? and part = '五' and kind = 'prose' order by pidx",
            [doc]).fetchall()
        marks = mark_halves([text for _, text in rows])
        said = "\n".join(x for (_, text), m in zip(rows, marks) for x, h in zip(_sentences(text), m) if h == half)
        if half == "problems":
            said = _before_turn(said)
        found = self.retriever.passages([i for i, _ in rows])
        return [found[i] for i, _ in rows if i in found], said

    def _continue(self, s: Sentence) -> None:
        """A lead-in that ends its passage (…着重从以下三方面做好政务公开工作：): the next line says what. An item's
        title that ends its passage (三是开展市民开放日活动。): the next passage's first sentence says what was done."""
        if not s.passage.text.rstrip().endswith(s.text):
            return
        if _ITEM_START.match(s.text) and len(s.text) <= ITEM_TITLE and not s.text.endswith(("：", ":")):
            self._continue_passage(s)
            return
        if self._lines is None or not s.text.endswith(("：", ":")):
            return
        end = s.passage.line_end
        nxt = self._lines([(s.passage.doc, end + 1, end + 3)])
        for ln in range(end + 1, end + 4):
            t = (nxt.get((s.passage.doc, ln)) or "").strip()
            if t and not _HEADING.match(t):
                s.next_line, s.next_text = ln, t[:MAX_SENTENCE]
                return

    def _continue_passage(self, s: Sentence) -> None:
        """The first sentence of the report's next prose passage, when it goes on with the item (not a new item
        or heading), as the continuation of s."""
        row = self.retriever.db.execute(
            "select text, line_start from passages where doc = ? and kind = 'prose' and pidx > "
            "(select pidx from passages where id = ?) order by pidx limit 1", [s.passage.doc, s.passage.id]).fetchone()
        first = next(iter(_sentences(row[0])), "") if row else ""
        if first and not _ITEM_START.match(first) and not _HEADING.match(first):
            s.next_line, s.next_text = row[1], first[:MAX_SENTENCE]

    def line_of(self, p: Passage, text: str) -> int:
        """The line of its report the text (a sentence of the passage) starts on."""
        if self._lines is None:
            return p.line_start
        lines = self._lines([(p.doc, p.line_start, p.line_end)])
        for head in (text[:10], text[:6]):  # 6: a heading line joined to the sentence after it ((三)依申请公开开展了)
            for ln in range(p.line_start, p.line_end + 1):
                if head in re.sub(r"\s+", "", lines.get((p.doc, ln), "")) or head in lines.get((p.doc, ln), ""):
                    return ln
        return p.line_start

    @staticmethod
    def _best_sentence(p: Passage, terms: list[tuple[str, float]], asked: Asked, rank: int,
                       halves: list[str] | None = None) -> Sentence | None:
        parts = _sentences(p.text)
        if not parts:
            return None
        top = max((w for _, w in terms), default=1.0)
        best_i, best = -1, float("-inf")
        # a part's opening (一、总体情况 2022年，…坚持以…为指导) frames the year and names no work
        opening = next((i for i, x in enumerate(parts) if not _HEADING_ONLY.match(x)), None) \
            if asked.done and _HEADING.match(p.text.lstrip()) else None
        for i, sent in enumerate(parts):
            if _HEADING_ONLY.match(sent):
                continue  # a part's title: 五、存在的主要问题及改进情况 says nothing
            norm = normalize(sent)
            score = sum(w for t, w in terms if holds(t, norm))
            score += top * asked.number_bonus(sent)
            if i == opening:
                score -= top
            if halves is not None and i < len(halves) and asked.half:
                score += top * (1.0 if halves[i] == asked.half else -2.0)
                if asked.half == "problems" == halves[i] and _NAMES_PROBLEMS.search(sent):
                    score += 0.5 * top  # the sentence that names them, not the one that says there are some
            if score > best:
                best_i, best = i, score
        if best_i < 0:
            return None
        text = parts[best_i]
        if asked.done:  # a remark on an item (省住房城乡建设厅在全省推广经验。): quoted from the item it remarks on
            start = next((j for j in range(best_i, max(best_i - 3, 0) - 1, -1) if _ITEM_START.match(parts[j])), None)
            if start is not None and start < best_i and len("".join(parts[start:best_i + 1])) <= MAX_LIST:
                text = "".join(parts[start:best_i + 1])
        half = halves[best_i] if halves is not None and best_i < len(halves) else None
        same_half = lambda j: halves is None or not asked.half or j >= len(halves) or halves[j] == asked.half  # noqa: E731
        j = best_i + 1
        while len(text) < 40 and j < len(parts) and same_half(j):  # a lead-in (…存在一些不足和问题。): what follows
            text += parts[j]
            j += 1
        limit = MAX_SENTENCE
        if asked.kind or asked.listing:  # 一是…二是…。三是…: a list runs on over its sentences
            text, j = _list_through(text, parts, j, same_half)
            limit = MAX_LIST
        if len(text) > limit:
            text = _window(text, terms, asked, limit)
        if asked.half == "problems" == half:
            text = _before_turn(text)
        scope = _half_of(p.text, parts, halves, asked.half) if halves is not None and asked.half else p.text
        # retrieval order breaks ties and nudges: the sentence decides, the passage's rank only leans
        return Sentence(p, text, best - 0.01 * top * rank, p.line_start, figure=asked.figure(text), half=half,
                        scope=scope)


# an item's number as reports write it: 一是 / 其二是, （一）, 1、 — after a clause break or at a line's start
_ITEM_MARK = re.compile(r"(?:^|(?<=[。；;：:，,\s]))(?:其?([一二三四五六七八九十])是|[（(]([一二三四五六七八九十])[)）]|"
                        r"(?<![\d.])([1-9])[、．.](?!\d))")
# a number that heads a half, not an item of it: （一）存在的主要问题 / （二）改进措施
_HALF_HEAD = re.compile(r"\s*(?:存在的?主要问题|存在的?问题|主要问题|改进措施|整改措施|下一步|工作打算|改进情况)")
_CN_DIGIT = "一二三四五六七八九十"
ITEM_CHARS = 40  # an item is named by its first clause, cut at this length


def list_items(text: str, whole: bool = False) -> tuple[list[str], str]:
    """The items a stretch of part 五 lists, each by its first clause, and how they were told apart: by their
    numbers (一是…二是…, （一）…（五）: the first style met, so 一是 inside （一） is not an item of its own), or,
    with no numbers, by the ；between them (…有待完善；…仍需创新；…还不够充分等). No items: ([], "").
    whole: each item's whole text, not its first clause."""
    marks = [m for m in _ITEM_MARK.finditer(text) if not _HALF_HEAD.match(text, m.end())]
    style = lambda m: m.lastindex  # noqa: E731 - which of the three number styles
    if marks and (marks[0].group(marks[0].lastindex) in ("一", "1")):
        first = style(marks[0])
        marks = [m for m in marks if style(m) == first]
        items = [text[m.start():(marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip()
                 for i, m in enumerate(marks)]
        how = {1: "一是、二是", 2: "（一）（二）", 3: "1、2、"}[first]
        return [x if whole else _item_head(x) for x in items], f"按其编号（{how}…）数"
    body = re.sub(r"^[^：:]{0,12}" + _HALF_HEAD.pattern + r"[：:]?", "", text.strip(), count=1)
    listed = next((x for x in body.split("。") if re.search(r"[；;]", x)), "")  # the sentence parted by ；
    pieces = [x for x in re.split(r"[；;]", listed) if len(x.strip(" ，,")) >= 4]
    if len(pieces) >= 2:  # the lead-in (…但仍存在一些不足，如 / 主要表现在:) is no item
        pieces[0] = re.split(r"(?:问题|不足|薄弱环节|差距)[^，,：:。]{0,6}[，,：:]\s*(?:如|主要表现在|主要是)?[：:]?",
                             pieces[0])[-1]
        pieces[0] = re.sub(r"^\s*(?:如|主要表现在|主要是|具体表现为)[：:]?", "", pieces[0])
        # …不够规范,…有待提升,…还需进一步拓宽: a run of COMMA_RUN or more shortfalls between two ；is a list too
        # (a pair is one problem and its facet: …属性不够突出，互动效果有待进一步加强)
        runs = [[c for c in re.split(r"[，,]", x)] for x in pieces]
        if any(_comma_run(r) for r in runs):
            pieces = [c for x, r in zip(pieces, runs) for c in (r if _comma_run(r) else [x])]
            return [x if whole else _item_head(x) for x in pieces], "按其间的分号数，分号间逗号并列的几项不足各算一条"
        return [x if whole else _item_head(x) for x in pieces], "按其间的分号数"
    # 如A有待提高、B有待提升、C有待加强等 / 存在力量薄弱、参与程度不高、力度不足等方面问题: a list run on with 、,
    # counted only when each of its parts names a problem (信息更新、发布频率偏低 is one, not two)
    for sent in re.split(r"(?<=[。；;])", body):
        starts = list(re.finditer(r"如|主要存在|存在|主要表现在", sent))  # the last lead-in: 存在一些不足：如…
        m = re.match(r"[：:，,]?(.+?)(?:等|。|$)", sent[starts[-1].end():]) if starts else None
        pieces = re.split(r"、", m.group(1)) if m else []
        if len(pieces) >= 2 and all(_NAMES_PROBLEMS.search(x) and len(x) >= 4 and not re.search(r"[，,]", x)
                                    for x in pieces):
            return [x if whole else _item_head(x) for x in pieces], "按其间的顿号数"
    return [], ""


COMMA_RUN = 3  # shortfalls run on with commas between two ；that are counted one by one


def _comma_run(clauses: list[str]) -> bool:
    """Clauses each naming a shortfall of its own (…还不够规范 / …有待提升 / …还需进一步拓宽), COMMA_RUN or more."""
    return len(clauses) >= COMMA_RUN and all(len(c.strip()) >= 4 and _NAMES_PROBLEMS.search(c) for c in clauses)


def _item_head(item: str) -> str:
    head = re.split(r"(?<=[。；;])|(?<=[^\d]\.)", item.strip())[0].rstrip("。；; ")
    return head if len(head) <= ITEM_CHARS else head[:ITEM_CHARS] + "…"


def mark_halves(texts: list[str]) -> list[list[str]]:
    """"problems" or "measures" for each sentence (as _sentences cuts them) of part 五's passages, in order:
    the measures start at the first sentence that turns to them (a heading such as （二）改进措施, 下一步,
    今后, 2024年将 …) and run to the end; a sentence that names the problems and then turns (…等方面问题，
    从以下几个方面加以改进：) stays with the problems, and what follows it is the measures."""
    out, half = [], "problems"
    for text in texts:
        marks = []
        for sent in _sentences(text):
            marks.append(half)
            if half == "problems" and not _HEADING_ONLY.match(sent):
                turn = _MEASURES_START.search(sent)
                if turn and (turn.start() <= _TURN_LEAD or not _NAMES_PROBLEMS.search(sent[:turn.start()])):
                    marks[-1] = half = "measures"
                elif turn:
                    half = "measures"
        out.append(marks)
    return out


def _turn_at(text: str) -> int | None:
    """Where a text that names the problems turns to the measures (…等方面问题，从以下几个方面加以改进：):
    the clause break before the turn, or None."""
    turn = _MEASURES_START.search(text, _TURN_LEAD)
    if not turn or not _NAMES_PROBLEMS.search(text[:turn.start()]):
        return None
    cut = max(text.rfind(c, 0, turn.start()) for c in "，,；;。")
    return cut if cut > _TURN_LEAD else None


def _before_turn(text: str) -> str:
    cut = _turn_at(text)
    return text if cut is None else text[:cut]


def _half_of(text: str, parts: list[str], halves: list[str], half: str) -> str:
    """The stretch of a passage's text whose sentences are in the half of part 五 asked for (the halves
    follow one another, so it is one stretch); the part's title stays with the problems."""
    start = end = None
    at = 0
    for sent, h in zip(parts, halves):
        i = text.find(sent, at)
        if i < 0:
            continue
        at = i + len(sent)
        if h == half:
            start = i if start is None else start
            cut = _turn_at(sent) if half == "problems" else None
            end = at if cut is None else i + cut  # up to the clause break before the turn
    return text[start:end] if start is not None else ""


def _list_through(text: str, parts: list[str], j: int, same_half) -> tuple[str, int]:
    """A list that goes on after `text`: through its last item (一是…二是…。详述。三是…) in the same half
    of part 五. Within MAX_LIST the sentences are quoted whole; a longer list is quoted by each item's
    first clause, joined by …, so every item is named."""
    last = None
    k = j
    while k < len(parts) and same_half(k) and not _HEADING_ONLY.match(parts[k]):
        if _LIST_GOES_ON.match(parts[k]):
            last = k
        elif k > j + 2 and last is None:
            break  # two sentences and no next item: the list is over
        k += 1
    if last is None:
        return text, j
    # the last item only titled (三是继续加强业务指导培训。): what it means is said in the next sentence
    if (len(parts[last]) <= ITEM_TITLE and last + 1 < len(parts) and same_half(last + 1)
            and not _HEADING_ONLY.match(parts[last + 1]) and not _HEADING.match(parts[last + 1])):
        last += 1
    whole = text + "".join(parts[j:last + 1])
    if len(whole) <= MAX_LIST:
        return whole, last + 1
    heads = [re.split(r"(?<=[，,；;。])", x)[0] for x in parts[j:last + 1] if _LIST_GOES_ON.match(x)]
    return text + "…" + "…".join(heads), last + 1


def _window(text: str, terms: list[tuple[str, float]], asked: Asked | None = None,
            limit: int = MAX_SENTENCE) -> str:
    """The clauses of a long sentence around the one that holds most of the question's words (and the
    number asked, when the question asks for one)."""
    clauses = [c for c in re.split(r"(?<=[，,；;：:])", text) if c]
    top = max((w for _, w in terms), default=1.0)
    scores = [sum(w for t, w in terms if holds(t, normalize(c))) + (top * asked.number_bonus(c) if asked else 0.0)
              for c in clauses]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    lo, hi = best, best + 1
    while True:
        grown = False
        if lo > 0 and len("".join(clauses[lo - 1:hi])) <= limit:
            lo, grown = lo - 1, True
        if hi < len(clauses) and len("".join(clauses[lo:hi + 1])) <= limit:
            hi, grown = hi + 1, True
        if not grown:
            break
    return "".join(clauses[lo:hi])[:limit].rstrip("，,；;：:")


def _covered(query: str, at: int, n: int, words: list[str]) -> bool:
    """Every character of query[at:at+n] lies in some occurrence of one of the words in the query."""
    marked = set()
    for w in words:
        marked |= {i for m in re.finditer(re.escape(w), query) for i in range(m.start(), m.end())}
    return all(i in marked for i in range(at, at + n))


def _made_of(word: str, parts: list[str]) -> bool:
    """Every character of a word lies in one of the shorter words given (意见建议: 意见, 建议)."""
    covered = [False] * len(word)
    for p in parts:
        if len(p) < len(word):
            for m in re.finditer(re.escape(p), word):
                covered[m.start():m.end()] = [True] * len(p)
    return all(covered)


def _coverage(terms: list[tuple[str, float]], sentences: list[Sentence]) -> float:
    """The largest share of the terms' weight one sentence's passage holds (1.0 with no terms)."""
    total = sum(w for _, w in terms)
    if not total:
        return 1.0
    return max(sum(w for t, w in terms if holds(t, normalize(s.passage.text))) / total for s in sentences)


# a question that is a topic and nothing else (鹤岗城管队伍培训): no question word, no kind of answer asked; the
# phrase is what it is about, its head last (队伍培训 → 培训), as 关于队伍培训说了什么 frames it
_ASKING = re.compile(r"[?？吗呢么嘛]|什么|啥|哪|谁|怎|如何|多少|几|是否|有没有|有无|有何|为何|为什么|说了|写了|提到|"
                     r"(?i:[a-z])")


def _bare(query: str) -> bool:
    query = re.sub(r"\s+", "", query)
    asked = Asked.of(query)
    return (2 < len(query) <= 16 and not _ASKING.search(query) and not asked.number and not asked.kind
            and not asks_how(query) and not asks_section(query))


_JOINS = frozenset({"政务", "政府", "信息", "公开"})  # generic alone, part of a topic's name (政务新媒体)
_PARTICLES = frozenset("了的过着吗呢么吧和与及或是在有")
# one-character verbs and adverbs a question puts after its topic (政策解读做得不够, 培训搞了吗): no name ends in one
_LIGHT = _PARTICLES | frozenset("做搞干弄办说讲写提谈没不被把给让对向从到用要能可该得地都也还就又才很太最更开会")

# 第六部分写了什么: the report's parts by their number (the template's 一 … 六)
# 第三部分 / 表三 (the table of part 三, as users number the template's tables: 表二 主动公开, 表三 依申请, 表四 复议诉讼)
_PART_NAMED = re.compile(r"第\s*([一二三四五六]|[1-6])\s*(?:个|大)?(?:部分|大项|章|节)|表\s*([二三四2-4])(?![示达彰扬])")
_ARABIC = dict(zip("123456", "一二三四五六"))


def part_named(query: str) -> str | None:
    """The part a question names by its number (第六部分 → 六), or None."""
    m = _PART_NAMED.search(query)
    return _ARABIC.get(m.group(1) or m.group(2), m.group(1) or m.group(2)) if m else None


# 哪些单位提到了政务新媒体, 谁的报告提到疫情, 哪几份报告说了…: every report whose text says it, each quoted
RE_WHICH_REPORTS = re.compile(r"哪些(?:单位|部门|机关|报告|地方|年报)|哪几(?:个|家|份)?(?:单位|部门|机关|报告)|哪几家|哪家|谁|"
                              r"(?:几|多少)(?:个|家)(?:单位|部门|机关)|(?:哪几|哪些)年(?=\s*(?:都|有)?(?:提到|提及|说到|讲到|写到|谈到|涉及|mention))|"
                              r"哪一?(?:个|家|份)(?:单位|部门|机关|报告)|(?:哪几|哪些|哪一)年(?:份)?的?(?:报告|年报)|"
                              r"(?i:which (?:agenc|report|bureau|department|authorit|years?)|who )")


# Which agencies held press conferences / talk about the hotline, 哪些单位承认了… / 说了…的事: a which-question that
# asks what reports say or did (a verb of saying, owning or doing), not which agencies the index holds
RE_ASKS_DOING = re.compile(r"(?i)(?<![a-z])(?:承认|认账|检讨|[说讲谈写提][了过](?!算)|"
                           # 哪些单位把政务公开纳入了绩效考核, 组织过培训: who did a thing, not which agencies there are
                           r"把[^，,。？?]{2,12}?(?:纳入|列入|写进|写入|放进|当作|作为)|"
                           # 哪些单位在考核方面有说法: what each says of a thing, not which agencies there are
                           r"在[^，,。？?]{2,10}?方面|有(?:什么|啥)?说法|"
                           r"(?:开展|组织|建立|设立|开设|推出|召开|举办|引入|采用|实行|实施|纳入|列入|关停|注销|收取?|印发|出台|制定|"
                           r"开通|上线|建成|编制|举行)[了过]|"
                           r"talk(?:s|ed)? about|speak(?:s)? (?:of|about)|sa(?:y|ys|id)|discuss(?:es|ed)?|"
                           r"held|hold(?:s)?|host(?:s|ed)?|conduct(?:s|ed)?|organi[sz]e(?:s|d)?|carr(?:y|ies|ied) out|"
                           r"r[au]n(?:s)?|use(?:s|d)?|launch(?:es|ed)?|set up|did|do(?:es)?|ha(?:ve|s|d)(?! ?(?:a |any )?(?:reports?|报告|年报)))"
                           r"(?![a-z])")


# 哪个单位的问题写得最具体, 谁的改进措施写得最好: a judgement of how a report is written, which no report states
# and no count settles (哪家单位的问题最多 counts the items: RE_MOST_LISTED); refused, never read as a topic 具体
_GRADES = "具体|详细|详尽|细致|清楚|清晰|扎实|认真|全面|到位|深入|笼统|空泛|简单|简略|敷衍|好|差|烂"
# (only the superlative: 能说得更具体一点吗 asks for more of the text)
RE_JUDGED = re.compile(rf"(?:写|讲|说|列|谈|总结|描述|分析)得最(?:{_GRADES})|最(?:具体|详细|详尽|细致|笼统|空泛|简略)")


# 哪些单位只是打算开新闻发布会，没真开: which agencies only plan a thing (part 五's measures), never say it was done
RE_ONLY_PLANNED = re.compile(r"只(?:是|不过是)?(?:打算|计划|准备|说要|想要?)|光(?:说|打算|计划)|"
                             r"没有?真(?:的|正)?(?:开|做|办|搞|干|落实)|(?:打算|计划)[^，,。？?]{0,12}(?:没|未)(?:开|做|办|搞|干)")


# one character mistyped in the words that name part 五's halves (存在的问提, 整该措失): read as the word, and said
MISTYPED = {"问提": "问题", "问体": "问题", "措失": "措施", "措拖": "措施", "整该": "整改"}
_MISTYPED = re.compile("|".join(MISTYPED))


def mend_typos(text: str) -> tuple[str, list[str]]:
    """The text with the mistyped words of MISTYPED read as meant, and how each was read (「问提」读作「问题」)."""
    said = [f"「{m}」读作「{MISTYPED[m]}」" for m in dict.fromkeys(_MISTYPED.findall(text))]
    return _MISTYPED.sub(lambda m: MISTYPED[m.group(0)], text), said


def part_title(part: str | None) -> str:
    return f"{part}、{PART_TITLES[part]}" if part in PART_TITLES else "正文"


def sentence_text(s: Sentence) -> str:
    return s.text + s.next_text


def coverage_ok(result: ProseResult) -> bool:
    return bool(result.sentences) and (not result.terms or result.coverage >= COVERAGE)

