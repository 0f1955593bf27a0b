"""Prose answers through the engine's entry point (QA.ask), on the corpus ../shared/questions/README.md
assumes: the five seeds and the real reports it lists, built with the default embedding model.

- the prose questions of ../shared/questions/dev.json (kind "prose", and the conversation dv093 whose
  turns are prose), scored as that README says, one test per question;
- the sentence that answers, not one near it: the number asked stated with its sentence and line, the
  two halves of part 五 told apart, a named agency's answer kept in its report."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "questions" / "dev.json"

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not DEV.is_file(), reason=f"{DEV} is absent (../shared beside the clone)")]


def _dev() -> list[dict]:
    return json.loads(DEV.read_text("utf-8")) if DEV.is_file() else []


def _corpus_files() -> list[Path]:
    corpus = next((q for q in _dev() if q.get("id") == "corpus"), None)
    if corpus is None:
        return []
    # "../shared/seeds/000_….txt (沙河市… 2020)": a path relative to the project's root, then who and when
    return [(ROOT / entry.split()[0]).resolve() for entry in corpus["corpus"]]


PROSE = [q for q in _dev() if q.get("kind") == "prose" or q.get("id") == "dv093"]


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from index.build import build_index
    from qa.engine import QA

    files = _corpus_files()
    if not files or not all(f.is_file() for f in files):
        pytest.skip(f"the dev corpus is incomplete: {[str(f) for f in files if not f.is_file()]}")
    base = tmp_path_factory.mktemp("prose")
    corpus = base / "corpus"
    corpus.mkdir()
    for f in files:
        shutil.copy(f, corpus / f.name)
    summary = build_index(corpus, base / "index", embed=True)  # as a user's default build: with vectors
    engine = QA(base / "index")
    engine.indexed = {f.path for f in summary.manifest.files}  # what this build could read
    engine.skipped = dict(summary.manifest.skipped)
    yield engine
    engine.close()


def _source(q: dict) -> str | None:
    """The report a dev question is answered from: its `why` starts with the file's name or its prefix
    (22_hongze p.4 …, 05_pingtan_2022.txt 五 …, 004 line 27 …)."""
    head = q.get("why", "").split()[0] if q.get("why") else ""
    names = [f.name for f in _corpus_files()]
    found = [n for n in names if head and (n == head or n.startswith(head))]
    return found[0] if len(found) == 1 else None


def ask(qa, *turns: str) -> list:
    answers, conversation = [], None
    for t in turns:
        a, conversation = qa.ask(t, conversation)
        answers.append(a)
    return answers


# ------------------------------------------------------------------ dev.json, scored as its README says
def _normal(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d)", "", unicodedata.normalize("NFKC", text))


def _matches(token: str, text: str) -> bool:
    """text is _normal'd (NFKC: ，：（ become , : ( ); so is the token, or a gold written with them never matches."""
    for alt in _normal(token).split("|"):
        if re.fullmatch(r"-?\d+(?:\.\d+)?", alt):
            if re.search(r"(?<![\d.])" + re.escape(alt) + r"(?!\d|\.\d)", text):
                return True
        elif alt in text:
            return True
    return False


@pytest.mark.parametrize("q", PROSE, ids=[q["id"] for q in PROSE])
def test_dev_prose_question(qa, q: dict) -> None:
    source = _source(q)
    # every file of the corpus has a reader: one left out of the index is a failure, not a skip
    assert not source or source in qa.indexed, f"{source}: {qa.skipped.get(source, 'not indexed')}"
    turns = q.get("turns") or [q["q"]]
    texts = [_normal(a.text) for a in ask(qa, *turns)]
    if "turns" in q:  # strict: each token in the turn of the previous one or a later turn
        at = 0
        for token in q["expect"]:
            while at < len(texts) and not _matches(token, texts[at]):
                at += 1
            assert at < len(texts), f"{q['id']}: {token!r} not in the answers from turn {at}: {texts}"
    else:
        missing = [t for t in q["expect"] if not _matches(t, texts[0])]
        assert not missing, f"{q['id']} {turns[0]}: {missing} not in {texts[0]!r} (why: {q['why']})"


# ------------------------------------------------------------------ the sentence that answers
def test_the_number_asked_is_stated_with_its_sentence_and_line(qa) -> None:
    a = ask(qa, "鹤岗城管公开了多少条政府信息")[0]
    assert "808" in a.text and "第11行" in a.text, a.text
    assert all(c.agency == "鹤岗市城市管理综合执法局" for c in a.citations if c.agency)


def test_measures_are_not_the_problems(qa) -> None:
    a = ask(qa, "伊川城管下一步有什么改进措施")[0]
    said = a.text.split("写道")[1] if "写道" in a.text else a.text
    assert "规范主动公开" in said or "下步工作措施" in said, a.text
    assert "仍存在一些不足" not in said, a.text


def test_problems_are_not_the_measures(qa) -> None:
    a = ask(qa, "伊川城管存在哪些问题")[0]
    assert "不足" in a.text or "有待" in a.text, a.text
    assert "下步工作措施" not in a.text.split("（另见")[0], a.text


def _part_five(path: Path) -> list[str]:
    from index.extract import extract_document
    from index.passages import prose_passages
    from index.readers import read_document

    doc = read_document(path)
    return [p.text for p in prose_passages(doc, extract_document(doc)) if p.part == "五"]


# How reports mark the two halves of part 五, one report of each way (the first words of the first
# sentence of the measures): a heading line, 「（二）改进措施」 after 「（一）存在的主要问题」, 「2024年，我区将」,
# one paragraph holding both (「针对存在问题，下一步」), a sentence that names the problems and then turns
# (「…等方面问题，从以下几个方面加以改进：」: its list is the measures), 「在今后的工作中」 after 一是/二是 problems.
HALVES = [
    ("seeds/002_f3bbfa1004ed2dd6.txt", "下步工作措施"),
    ("real/reports/12_pingtan_2020.html", "（二）改进措施"),
    ("real/reports/15_pingtan_2023.html", "2024年，我区将采取以下措施"),
    ("real/reports/22_hongze_2023.pdf", "针对存在问题，下一步"),
    ("seeds/003_4e4bafc32cf8cb39.txt", "（一）加强政府信息公开机构建设"),
    ("seeds/001_67ecb69380710fc9.txt", "在今后的工作中"),
]


@pytest.mark.parametrize("path,first", HALVES, ids=[h[0].split("/")[-1] for h in HALVES])
def test_part_five_halves_as_reports_mark_them(path: str, first: str) -> None:
    from qa.prose import _sentences, mark_halves

    texts = _part_five(SHARED / path)
    sentences = [x for t in texts for x in _sentences(t)]
    marks = [m for ms in mark_halves(texts) for m in ms]
    turn = marks.index("measures")
    assert sentences[turn].startswith(first), (sentences[turn], first)
    assert set(marks[turn:]) == {"measures"} and set(marks[:turn]) == {"problems"}


def test_a_named_agency_stays_in_its_report(qa) -> None:
    for question in ("济南城管存在哪些问题", "张店区综合行政执法局下一步有什么改进措施"):
        a = ask(qa, question)[0]
        agencies = {c.agency for c in a.citations if c.kind == "passage"}
        assert len(agencies) == 1, (question, agencies)


def test_a_followup_in_words_stays_in_the_report(qa) -> None:
    """A question naming no agency after a text answer about one (longer than the short 那…呢 follow-ups)
    is asked of that report, not of all of them."""
    for first, then in (("张店执法局主动公开了多少条政府信息", "通过广播电视报纸等媒体公开了多少条"),
                        ("伊川城管存在哪些问题", "政务公开工作人员培训了多少人次")):
        a = ask(qa, first, then)[1]
        agencies = {c.agency for c in a.citations if c.kind == "passage"}
        assert len(agencies) == 1, (then, agencies, a.text)


def test_prose_sentences_rank_the_measure_asked() -> None:
    """Unit-level: 多少条 wants a count in 条, 满意率多少 a percentage, and part 五's halves."""
    from qa.prose import Asked

    asked = Asked.of("公开了多少条政府信息")
    assert asked.counter == "条"
    assert asked.number_bonus("公开政府信息 808 条") > asked.number_bonus("开展培训 3 次")
    assert asked.figure("公开政府信息 808 条，集中公开") == "808条"
    rate = Asked.of("市民满意率多少")
    assert rate.rate and rate.figure("参与4000余人次，满意率达96.65%") == "96.65%"
    assert Asked.of("下一步有什么改进措施").half == "measures"
    assert Asked.of("存在哪些问题").half == "problems"
    assert Asked.of("2020年建了哪些专栏").number is False
    # the kind asked, in other words
    assert Asked.of("哪些地方需要改善").half == "problems"  # where it falls short, not how it will improve
    assert Asked.of("针对不足准备怎么整改").half == "measures"
    assert Asked.of("政务公开还有哪些weakness").half == "problems"
    assert Asked.of("有哪些亮点做法").kind == "done" and Asked.of("下一步有什么做法").kind == "measures"
    assert Asked.of("主动公开了哪些内容").kind == "done"


def test_the_words_people_ask_with() -> None:
    """Unit-level, the kinds in colloquial words (batch 5): 毛病 are problems, 着手改 / 来年 measures, 夸一夸 /
    干得漂亮 merits; 怎么办理的 / 按什么流程处理 ask how a thing is done (not how many, unless also asked)."""
    from qa.prose import Asked, asks_how

    assert Asked.of("自己觉得这块还有哪些毛病").half == "problems"
    assert Asked.of("报告里说来年要从哪些地方着手改").half == "measures"
    assert Asked.of("网站改版了吗").half is None  # 改版 is no measure
    assert Asked.of("有什么值得拿出来夸一夸的做法").merit and Asked.of("哪些事干得比较漂亮").merit
    assert asks_how("依申请公开是怎么办理的") and asks_how("政府那边是按什么流程处理的")
    assert not asks_how("依申请公开怎么办理的，办了多少件") and not asks_how("依申请公开多少件")
    assert asks_how("申请答复都及时吗") and asks_how("是否依法办理") and asks_how("处理规范不规范")
    assert not asks_how("及时答复了多少件") and not asks_how("2024年平潭有没有行政诉讼")
    from qa.prose import asks_shortfalls
    assert asks_shortfalls("依申请公开存在什么问题") and asks_shortfalls("行政复议方面有哪些不足")
    assert asks_shortfalls("主动公开下一步怎么改进") and not asks_shortfalls("存在问题的申请有多少件")
    assert not asks_shortfalls("行政复议问题") and not asks_shortfalls("鹤岗的依申请公开")


def test_users_words_for_the_reports_words() -> None:
    """Unit-level (batch 6): a user's word the reports say otherwise stands for theirs (收集意见 → 征集 / 意见箱,
    办完 → 完毕 / 办结, 收了多少钱 in a question about applications → 信息处理费, press conference →
    新闻发布会); a whether-question (都办完了吗) asks how a thing was done; a count stated in a clause with
    one of the question's words (申请154件, 信息处理费0元, 开展了两次) is found, a year or an ordinal is not."""
    from qa.prose import asks_how, holds, in_report_words, states_count, users_terms

    rest, words = users_terms("沙河城管平时怎么收集老百姓的意见")
    assert "收集" not in rest and words == [["征集", "意见箱", "意见簿", "听取"]]
    assert holds("征集|意见箱", "设置意见簿和意见箱") and not holds("征集|意见箱", "征求相关群众意见")
    assert users_terms("提案都办完了吗")[1] == [["完毕", "办结"]]
    assert "信息处理费" in in_report_words("向申请人收了多少钱的费用")
    assert "信息处理费" not in in_report_words("鹤岗城管的收费项目有几项")  # the template's 行政事业性收费
    assert "新闻发布会" in in_report_words("平潭2019年开过哪些press conference")
    assert "会议" in in_report_words("沙河城管开过会研究政务公开吗")
    assert "培训" in in_report_words("济南城管的training情况")  # 的 and t: no word boundary for \b
    assert asks_how("洪泽区今后怎么提高依申请公开的水平")  # the text's plans, not the count of applications
    assert asks_how("提案都办完了吗") and not asks_how("提案办完了多少件")
    assert states_count("2025年，全区共收到政府信息公开申请154件，共办结148件", ["收到", "申请"])
    assert states_count("全年收取政府信息公开信息处理费 0 元。", ["信息处理费"])
    assert states_count("我们开展了两次市民代表看城市变化活动", ["开展"])
    assert states_count("共公开51条疫情防控相关信息", ["防控"])  # the count before the word
    assert not states_count("2024年，无收取信息处理费情况。", ["信息处理费"])
    assert not states_count("第三次会议审议了申请", ["申请"])
    assert not states_count("收到申请后，经审核，答复154件", ["收到"])  # another clause


def test_the_scope_of_a_question_about_the_text() -> None:
    """Unit-level (batch 7): 第六部分 names part 六; 哪些单位 / 谁的报告 / which reports ask for every report that
    says it; 提到 and the scope (每年, 这几年) are not what a question is about."""
    from qa.prose import COLLOQUIAL, GENERIC, RE_WHICH_REPORTS, part_named

    assert part_named("平潭2019年报告第六部分写了什么") == "六" and part_named("第5部分") == "五"
    assert part_named("第六次会议") is None
    assert all(RE_WHICH_REPORTS.search(q) for q in ("哪些单位提到了政务新媒体", "谁的报告提到疫情",
                                                   "Which reports mention COVID-19?"))
    assert not RE_WHICH_REPORTS.search("平潭2023年存在哪些问题")
    assert {"提到", "提及"} <= GENERIC and {"每年", "这几年", "哪几年"} <= COLLOQUIAL


def test_who_says_it_says_the_whole_name(qa) -> None:
    """哪些单位提到了政务新媒体: a report listed must say 政务新媒体, not 媒体 alone (沙河's 美篇等媒体工具); the
    question's words as it runs them together are the name (qa/prose.Prose.topic_phrases)."""
    assert qa.ctx.prose.topic_phrases("哪些单位提到了政务新媒体") == ["政务新媒体"]
    assert qa.ctx.prose.topic_phrases("哪些单位说政策解读做得不够") == ["政策解读"]
    a = ask(qa, "哪些单位提到了政务新媒体")[0]
    agencies = {c.agency for c in a.citations if c.kind == "passage"}
    assert "沙河市城市管理综合行政执法局" not in agencies and "济南市城市管理局" in agencies, a.text


def test_a_part_that_is_a_table_is_read_as_its_rows(qa) -> None:
    """第三部分说了什么, of a report whose part 三 is a table and no text: its rows, a long table's rows of zeros
    counted, not the text of another part passed off as the answer."""
    a = ask(qa, "伊川城管第三部分说了什么")[0]
    assert a.status == "answered" and "是表格" in a.text and "总计" in a.text and "仍存在" not in a.text, a.text
    assert all(c.part == "三" for c in a.citations), a.citations


def test_whether_one_report_says_a_thing_needs_its_whole_name(qa) -> None:
    """沙河城管有没有提到新闻发布会: its sentence on 新闻媒体 does not say 新闻发布会 (said so, naming the report
    searched); 张店's 微信公众号 sentence does say what is asked."""
    a = ask(qa, "沙河城管有没有提到新闻发布会")[0]
    assert a.status == "out_of_scope" and "沙河" in a.text, a.text
    assert "微信公众号" in ask(qa, "张店执法局有没有提到微信公众号")[0].text


def test_whether_fees_were_charged_in_any_words(qa) -> None:
    """收过费吗 / 收过老百姓的钱没有 / charge any fee, without a word of applications: the sentence that says so
    (平潭: 无收取信息处理费), or where no sentence does, the table's fee row (济南: 行政事业性收费 0, 0)."""
    for q in ("济南城管收过费吗", "济南城管收费了没有", "济南城管有没有向老百姓收钱"):
        a = ask(qa, q)[0]
        assert a.status == "answered" and "行政事业性收费" in a.text and "正文没有说到收费" in a.text, (q, a.text)
    assert "无收取信息处理费" in ask(qa, "Did Pingtan charge any fees in 2024?")[0].text


# ------------------------------------------------------------------ own prose questions, other agencies
# Written for issue 10 over agencies dev.json's prose items do not ask about (张店, 伊川, 鹤岗), of the
# kinds users ask in words: problems, measures, platforms, training, counts stated only in a sentence.
# Expected tokens checked by hand against the seed's line; scored like dev.json (every token in the answer).
OWN = [
    ("张店执法局自己说有哪些不足", ["宣传形式较少", "不够及时"], "001 line 71"),
    ("张店执法局今后准备做好哪几个方面", ["加强学习宣传", "完善各项工作制度"], "001 lines 73-77"),
    ("张店执法局在微信公众号公开了多少条政府信息", ["53"], "001 line 15: 微信公众号公开 53 条"),
    ("张店执法局参加了哪些电视问政节目", ["问政淄博", "张店民声"], "001 line 33"),
    ("张店执法局承办的区政协议案有多少件", ["11"], "001 line 17: 区政协十二届四次会议议案 11 件"),
    ("伊川城管政务公开培训会一共培训了多少人次", ["50"], "002 line 27: 全年累计培训50余人次"),
    ("伊川城管通过政务新媒体公开了多少条信息", ["41"], "002 line 15: 政务新媒体公开信息41条"),
    ("伊川城管政务公开有哪些薄弱的地方", ["规范化管理", "政务新媒体", "政策解读"], "002 line 89"),
    ("鹤岗城管承认哪些方面有问题", ["力量薄弱", "公众参与程度不高", "力度不足"], "003 line 82"),
    ("鹤岗城管打算采取哪些改进措施", ["机构建设", "公众参与程度", "主动公开力度"], "003 lines 84-88"),
    ("鹤岗城管在广播电视台发布了多少条新闻和通知", ["61"], "003 line 17: 在鹤岗广播电视台发布新闻报道和通知通告等 61 条"),
    # a list whose last item is only a title (三是继续加强业务指导培训。): its next sentence says what it means
    ("洪泽区下一步准备怎么改进", ["中心工作", "跟班学习"], "22_hongze 五: 三是继续加强业务指导培训。实行…跟班学习制度"),
]


@pytest.mark.parametrize("question,expect,why", OWN, ids=[f"own{i + 1:02d}" for i in range(len(OWN))])
def test_own_prose_question(qa, question: str, expect: list[str], why: str) -> None:
    text = _normal(ask(qa, question)[0].text)
    missing = [t for t in expect if not _matches(t, text)]
    assert not missing, f"{question}: {missing} not in {text!r} (why: {why})"


# ------------------------------------------------------------------ other people's words
# Written before the change that made them pass, in wordings no set before used: achievements asked for
# (亮点做法, 特色和创新, 经验做法值得推广, 成效, highlights), problems and measures in synonyms (短板, 薄弱环节,
# weakness, 整改怎么搞, 下步工作打算), what a report made public (主动公开了哪些内容). Each: tokens a right answer
# holds (alternatives joined by |, checked by hand against the report) and words of the wrong half or part
# it must not quote (an achievement is not answered by part 五's problems, a measure not by the problems).
# First score, before the change: 9/20.
OTHER_WORDS = [
    ("平潭2023年有哪些亮点做法", ["平潭大家谈|台湾地区标准题录数据库|规范性文件库|内容监测系统"], ["信息噪音", "亮点挖掘还不够"],
     "15_pingtan_2023 一: （一）主动公开方面 一是…五是探索开设特色内容; （四）平台建设"),
    ("平潭2022年工作有什么特色和创新", ["惠企纾困|疫情防控专栏|核酸检测|智能问答|便民主题"], ["意见征集形式较为单一"],
     "05_pingtan_2022 一: 三是做好惠企纾困政策公开 … 上线智能问答等多项互动功能"),
    ("济南城管有哪些经验做法值得推广", ["圆桌对话"], [], "004 line 27: 推出“圆桌对话”新机制 … 省住房城乡建设厅在全省推广经验"),
    ("平潭2024年取得了哪些成效", ["10407|96篇|平潭大家谈|民意征集"], ["有待进一步调整"],
     "16_pingtan_2024 一（一）: 主动公开各类政府信息10407条 … 政策文件解读96篇"),
    ("鹤岗城管存在哪些问题", ["力量薄弱", "公众参与程度不高"], [], "003 line 82"),
    ("平潭2023年的短板有哪些", ["属性界定", "政策解读的质量"], ["加大政务公开检查力度"], "15_pingtan_2023 五: 存在的问题"),
    ("平潭2025年下一步打算怎么改进", ["队伍建设", "互动模块"], ["仍存在一些不足"], "17_pingtan_2025 五: 下一步整改措施"),
    ("沙河城管工作中有啥薄弱环节", ["门户网站", "宣传形式单一"], [], "000 line 396"),
    ("沙河城管主动公开了哪些内容", ["概况信息|机构设置|办事指南"], ["还没有自己的门户网站"],
     "000 line 7: 利用“市政府信息公开平台”，包括概况信息、机构设置…"),
    ("平潭2021年主动公开了哪些内容", ["2645|各类规划|农产品抽检"], ["政策解读形式不够丰富"],
     "13_pingtan_2021 一（一）主动公开方面: 2645条 … 做好各类规划主动公开"),
    ("济南城管的整改措施有哪些", ["落实政务公开具体责任", "网站栏目维护"], ["意识有待加强"], "004 lines 425-426"),
    ("伊川城管有哪些做法值得一提", ["源头认定|基层政务公开目录|保密审查"], ["仍存在一些不足"], "002 line 11"),
    ("张店执法局信息公开做了哪些亮点工作", ["问政淄博|市民开放日|看城市变化"], ["宣传形式较少"], "001 line 31-33"),
    ("洪泽区政务公开还有哪些weakness", ["依申请公开工作规范性"], [], "22_hongze 五"),
    ("平潭2020年有什么创新做法", ["全媒体问政|一窗通办|不见面审批"], ["推广部门好的做法"],
     "12_pingtan_2020 一: 创新推出“全媒体问政”舆论监督模式"),
    ("平潭2019年下步工作打算是什么", ["继续强化信息公开责任|继续完善信息公开机制"], ["流动性较大"], "11_pingtan_2019 五: 2020年，我们将采取以下措施"),
    ("鹤岗城管整改怎么搞", ["加强政府信息公开机构建设"], [], "003 line 84: 其措施的第一条"),
    ("平潭2024年政策解读有什么不足", ["政策解读形式仍需创新"], [], "16_pingtan_2024 五"),
    ("平潭2022年网站平台建设做了什么", ["智能问答|便民主题|网站导航"], [], "05_pingtan_2022 一（四）信息公开平台建设方面"),
    ("济南城管有啥highlights", ["圆桌对话"], [], "004 line 27"),
]


# Found by probing after that change (so not held out): more words for the same kinds.
OTHER_WORDS += [
    ("鹤岗城管有哪些不到位的地方", ["力量薄弱"], ["加强政府信息公开机构建设"], "003 line 82: the problems, not the measures after"),
    ("平潭2022年政务公开哪里还需要加强", ["预公开程度需进一步加强"], ["丰富意见征集形式"], "05_pingtan_2022 五: 一是…需进一步加强"),
    ("洪泽区2023年取得了什么成绩", ["1136|三审三校|关停整合|第三方检测"], ["坚持以习近平"],
     "22_hongze 一: the work of the year, not the opening that frames it"),
    ("平潭2024年有什么创新举措", ["10407|96篇|平潭大家谈|智能问答"], ["仍需创新"], "16_pingtan_2024 一"),
    # batch 5's ph06 without its relative year (去年 reads as 2024, which 伊川 has no report of)
    ("伊川城管哪些事干得比较漂亮", ["源头认定|基层政务公开目录|保密审查|152"], ["仍存在一些不足"], "002 line 11"),
    # whether a thing was done well: the tables do not say, the text may (never the count of applications)
    ("洪泽2023年的申请答复都及时吗", ["均在法定期限答复"], ["为21件"], "22_hongze 一（二）: 受理…21件，均在法定期限答复"),
    # batch 6, found by asking more after the held-out set passed: a word the index does not know whose parts
    # it does (意见建议), 开会 for 召开…会议, and how it is done, which part 五's plans do not say
    ("张店执法局政务公开的意见建议怎么处理", ["吸纳合理建议意见|重视群众意见的反馈"], [], "001 line 77"),
    ("平潭2022年开会部署过政务公开吗", ["工作部署会"], [], "05_pingtan_2022 一（五）: 多次召开工作部署会"),
    ("怎么办理依申请公开的", ["规范答复程序|规范依申请公开流程|法定期限"], ["三是做好依申请公开工作"],
     "004 line 14, 22_hongze 一（二）, 12_pingtan_2020 一 4.: how each did it, not 002's plan in part 五"),
    ("洪泽区今后怎么提高依申请公开的水平", ["扎实推进依申请公开工作"], ["为21件"], "22_hongze 五: 一是扎实推进依申请公开工作"),
    ("济南城管的training情况", ["培训会议"], [], "004 line 9: 组织召开培训会议"),
    # what fell short in a thing the tables count (依申请公开): part 五's words, not the count
    ("平潭2025年依申请公开存在什么问题", ["依申请公开答复质量待进一步提升"], ["为154件"], "17_pingtan_2025 五"),
    ("平潭2022年主动公开方面还有哪些不足", ["预公开程度需进一步加强"], ["14571"], "05_pingtan_2022 五: 一是…"),
]


@pytest.mark.parametrize("question,expect,must_not,why", OTHER_WORDS,
                         ids=[f"words{i + 1:02d}" for i in range(len(OTHER_WORDS))])
def test_prose_question_in_other_words(qa, question: str, expect: list[str], must_not: list[str], why: str) -> None:
    text = _normal(ask(qa, question)[0].text)
    said = text.split("(另见")[0]  # NFKC: the answer's own quotes, not the related passages it points to
    missing = [t for t in expect if not _matches(t, said)]
    wrong = [w for w in must_not if w in said]
    assert not missing and not wrong, f"{question}: missing {missing}, quoted {wrong} in {text!r} (why: {why})"


# ------------------------------------------------------------------ batches 5 and 6: tests/prose_heldout.json
# Written by another hand before any change made for them (first score in the file's history: see
# the commit that added it), of the kinds users ask about the text: problems, measures, what went well,
# how applications are handled, numbers only a sentence states (quoted with its line), platforms,
# 政策解读, 会议公开, typos and English, an agency whose report has no such text, follow-ups.
# First score, before any change: 16/25 (out of scope said for 毛病, 夸一夸, 干得漂亮, 着手改, 发了, 下来, 外面:
# words of how people ask counted as what about; 怎么办理 / 按什么流程处理 answered by a table cell).
# ph26–ph50 (batch 6, by another hand, over the same corpus): first score 22/25, before any change: out of
# scope said for 搞得咋样 and 怎么收集…意见 (咋样 and 收集 counted as what about; the reports say 征集 / 意见箱),
# and 提案都办完了吗 answered by the sentence naming most of the subject, not the one saying 按时办理答复完毕.
# After (the users' words for the reports' words, qa/prose.USERS_TERMS; a whether-question's word weighs on
# the sentence): 25/25, and ph01–ph25 still 25/25.
# ph51–ph70 (batch 7, by another hand): which agencies or reports say a thing (哪些单位提到了政务新媒体, 谁的报告
# 提到疫情: each report whose own sentence says it, quoted), one agency over its years (这几年的问题有没有变化,
# 每年都说要加强培训吗, 哪几年没有收信息处理费, 2021年和2022年有什么不同), yes/no about the text (有没有提到…),
# a topic no report has, part 六 by its number (第六部分写了什么), 收费 stated in prose. First score, before any
# change: 8/20 (7/20 counting ph51, passed only by the corpus listing): 哪些单位 / 谁的报告 answered by the list
# of agencies, 提到 / 每年 / 第六 read as what about (out of scope said), the years of one agency answered by
# its three best sentences. After (qa/op_prose: every report that says it, each year on its own; 提到 and the
# scope words no content words; 第N部分 read as the part; 收过费吗 asks whether, which part 六's text says):
# 20/20, and ph01–ph50 still 50/50.
# ph71–ph95 (batch 8, by another hand: 工作人员 / 经费 / 考核 / 社会评议 / 责任追究 in colloquial words, two agencies side
# by side, yes/no where the report has no such sentence, a topic no report has, 第四部分 / 第五部分, English, typos
# 平滩 / 济楠, 收过钱没有, 找政府要材料, 晒了, 被人告了). First score, before any change: 9/25 (8/25 as first
# written: ph93 said 去年, a relative year the dev README rules out, and was reworded before any change). Misses by
# kind: users' words the reports say otherwise (有钱有人, 追责, 年终考核挂钩, 盯着, 要材料, 多久, 被人告) read as
# out of scope → qa/prose.USERS_TERMS; English function words (what, does, urban) counted as what about → an
# English word the reports never hold is no content word; two agencies named, one answered → each agency's
# own answer (qa/op_prose._each_agency); 收过…的钱没有 / charge any fee not read as whether a fee was charged →
# _ASKS_CHARGED, and where no sentence says it, the table's fee row (济南城管收过费吗); 几个人是专门干 answered
# by the applicants' 自然人 cell, 哪几年的报告说到了 by the list of reports, and 哪个单位提到用无人机执法 as an unknown
# agency named 用无人机执法 (执法 a kind of agency) → qa/understand (RE_STAFF, RE_SAYS). A search over every report
# that finds nothing names the reports it read. After: 25/25, ph01–ph70 still 70/70.
# ph96–ph120 (batch 9, gold read from the reports: summaries, 创新/特色, one agency's prose over two years, 回应关切,
# 网站, 意见征集, 建议提案 by field, negative lists, whether it admits a problem the user names, quotes asked for, a number
# then prose, follow-ups after a fact, English, 繁體, a typo). First score, before any change: 18/25. Misses by kind:
# 概括 / 三句话说说 read as what about (out of scope) → a report's gist (qa/op_prose._gist); 政策解读跟2023年比 read
# as an unknown agency joined to a year, and 跟 比 as content → a word joined to a year is no name, the comparison's
# frame no content word, each year's own work (part 一); 哪方面的最多 answered by the sentence, not the field →
# read off the sentence's fields with counts; 哪些单位没有提到X answered by those that do → the agencies none of whose
# reports say it; 有没有承认政策解读不到位 answered by problems that do not name it → the report must name it.
# After: 25/25, ph01–ph95 still 95/95.
# ph121–ph150 (batch 10, by another hand, gold read from the reports: two agencies' problems side by side, one
# agency over its years, which agencies never mention a thing, yes/no where the report has no such sentence, what
# an agency did about a thing, one section summed up, follow-ups, English, typos 平谭 / 洪择 / 济楠). First score,
# before any change: 21/30 (20/30 strict: ph142 passed while quoting 平潭2019's 政策问答手册 as saying 智能问答).
# Misses by kind: the topic's name cut (新闻发布会 → 新闻发布, 微信公众号 → 微信公众: the search's tokens overlap and a
# last lone character was dropped) → spans of the query, only a light word dropped; how firmly or how the question
# is put read as content (压根, 是从, 名字, 总结) → no content words; 存在的问题 of two years (平潭2024 says 仍在不足) and
# 对…问题打算怎么办 (both halves named: neither read) → 存在 is how problems are asked, a problem the plans answer
# asks the measures; 总结一下…依申请公开那部分 answered by a table cell → a section asked is text, quoted with its
# items; 专职干…的有几个人 answered by the applicants → RE_STAFF; 哪几年提到了X quoting a year whose sentence lacks X →
# each year's sentence holds X whole. After: 30/30 (ph142 with must_not for the years that do not say it),
# ph01–ph120 still 120/120.
# ph151–ph175 (batch 11, by another hand, gold read from the reports: an auditor checking each required section is
# there and specific, a reporter wanting a quotable sentence, colloquial asks with typos, counts over prose, done
# versus planned, since when, which agencies / years over the index, topics no report has, follow-ups). First score,
# before any change: 12/25. Misses by kind: 改进措施有几条 / 存在几个问题 quoted the best three sentences, uncounted and
# cut (济南's five measures as three) → the half of part 五 read whole, its items counted by the report's numbers
# (一是, （一）) or its ；; the asker's words read as the topic (记者, 原话, 自个) → no content words; 开过新闻发布会吗
# quoting a part-五 measure as done (and 过…吗 not read as a whether-question) → said to be a plan; 哪一年开始提到X
# searched for 哪一年开始 → asks each year, the first named; the silent years' line not naming the topic → named;
# an agency's word in the topic dropped (城管开放日 → 开放日 lists 市民开放日; 无人机执法 → 无人机) → kept where it
# runs into the topic. After: 25/25, ph01–ph150 still 150/150.
# ph201–ph210 (batch 13, English: overviews, problems, measures, platforms and counts of one agency named in pinyin or
# English — Pingtan County, Píngtán, Zhangdian law enforcement bureau, Hongze District People's Government — and a
# name the index lacks). First score, before any change: 6/10: an English question whose only words the term table
# lacks (overview of Zhangdian law enforcement bureau 2020, Which problems did Píngtán report) refused as no Chinese,
# law enforcement read as 行政强制 (the agency's kind), a name with tone marks not read. After (qa/latin.py: names in
# Latin letters through the index's place names, said; English words for part 五 and 公众号): 10/10.
# ph211–ph240 (batch 15, by another hand, gold read from the reports: a reviewer's six parts, a journalist's 哪个单位承认了
# …问题, measures over the years, 跟…比有什么变化, 有没有提到, 提了几条 over lists parted by both ；and ，, done versus
# planned, a count no sentence gives, epidemic in English, typos 问提 / 洪则, a follow-up). First score, before any change:
# 18/30. Misses by kind: 六个部分都有吗 not read as the parts asked → RE_PARTS_PRESENT; 哪些单位承认了… / 说了…的事 answered
# by the list of agencies, and a problem owned read anywhere in the report (a measure, a clause beside it) → a verb of
# saying or owning asks what reports say (prose.RE_ASKS_DOING), read in each report's problems or measures, a problem
# owned within one clause (op_prose_who.who_in_half); 每年的改进措施都提到…吗 quoting a year's problems and naming the
# half's words as the topic → each year's half read for it (op_prose_common.said_in_half); 伊川's four shortfalls (one
# ；, then three run on with ，) said uncountable → a run of three or more shortfalls between ；counted one by one
# (prose.list_items; a pair stays one: 平潭2020); 问提 read as a topic → one character mistyped in the halves' words
# (prose.mend_typos); 培训是已经做了还是打算做 answered by the plan alone where the report says both → one of each
# (op_prose_whether.done_and_planned); 关停了多少个 answered by another sentence's number → the sentence that says it,
# its count said absent (op_prose_numbers.count_unstated). After: 28/30, ph01–ph210 unchanged (the answers of every
# other question of the prose, dev, held-out and own sets are identical but ph67 and ph239, now read in the half they ask of).
# Left (the reading of the question, qa/understand, not this module): KNOWN_PROSE below.
# ph261–ph300 (batch 17, by another hand): first score 33/40 before any change. Failed, by kind: a count in words
# (两次) behind another sentence's digits → prose._NUMBER_SAID / states_number; a count named by its counter and 数
# (政策解读篇数) → prose._COUNT_NOUN; a bare topic phrase (鹤岗城管队伍培训) quoted by its modifier → read as 关于…
# frames it, its head must be said (prose._bare); 抖音短视频 answered by 视频 → a word no report has is no mere
# narrowing (Prose.known); 哪些单位说了市长信箱的事 read 些单位说了市 as a place → understand cuts a place at 单位 /
# a verb of saying; 哪些单位把…纳入了绩效考核 read as the list of agencies → prose.RE_ASKS_DOING (把…纳入, 组织过),
# 纳入 / 列入 alike (USERS_TERMS), a phrase no report says whole cut to its head (Prose.said_by_heads); 2022年报说
# 2023年打算 → 报 left by the year is no word (_REPORT_LEFT), the plan's year is the report before (RE_PLAN_YEAR).
# ph271 had passed as the list of every agency (a corpus answer); it is read from the text now. After: 40/40.
HELDOUT = Path(__file__).with_name("prose_heldout.json")
PROSE_HELDOUT = json.loads(HELDOUT.read_text("utf-8"))["questions"]
# ph225 (只是打算开新闻发布会，没真开) passes since batch 16: 发布会 names a thing, not the column 本年制发, and
# op_prose_who.who_only_planned reads who only plans it.
KNOWN_PROSE: dict[str, str] = {}


@pytest.mark.parametrize("q", [pytest.param(q, marks=pytest.mark.xfail(reason=KNOWN_PROSE[q["id"]], strict=True))
                               if q["id"] in KNOWN_PROSE else q for q in PROSE_HELDOUT],
                         ids=[q["id"] for q in PROSE_HELDOUT])
def test_prose_heldout_question(qa, q: dict) -> None:
    turns = q.get("turns") or [q["q"]]
    answers = ask(qa, *turns)
    texts = [_normal(a.text) for a in answers]
    if "status" in q:  # the report has no such text: said, never a passage passed off as the answer
        assert answers[-1].status == q["status"], f"{q['id']} {turns}: {answers[-1].status} {texts[-1]!r}"
    at = 0
    for token in q["expect"]:  # strict over turns, as dev.json's conversations
        while at < len(texts) and not _matches(token, texts[at]):
            at += 1
        assert at < len(texts), f"{q['id']} {turns}: {token!r} not in the answers from turn {at}: {texts} ({q['why']})"
    said = [t.split("(另见")[0] for t in texts]  # NFKC: the answer's own quotes, not the related passages
    wrong = [w for w in q["must_not"] if any(_normal(w) in s for s in said)]
    assert not wrong, f"{q['id']} {turns}: quoted {wrong} in {texts} ({q['why']})"


# ------------------------------------------------------------------ batch 9's kinds, one case each beyond the set
def test_a_reports_gist_is_its_own_sentences(qa) -> None:
    """概括 / 简单介绍一下: the report's sentences on what it published, its applications and its problems, quoted;
    a narrower ask (说说培训情况) is no gist."""
    a = ask(qa, "简单介绍一下洪泽区2023年的报告")[0]
    assert a.status == "answered" and "1136" in a.text and "21件" in a.text and "有待" in a.text, a.text
    assert "要点" not in ask(qa, "说说鹤岗城管的培训情况")[0].text


def test_one_agencys_text_against_another_year(qa) -> None:
    """平潭2023年的政务新媒体跟2022年比: 跟…比 frames the years, no agency named 政务新媒体; each year's own sentence."""
    assert [t for t, _ in qa.ctx.prose.content_terms("的政策解读跟 比有什么变化")] == ["政策", "解读"]
    a = ask(qa, "平潭2023年的政务新媒体跟2022年比有什么变化")[0]
    assert a.status == "answered" and "2022年：" in a.text and "2023年：" in a.text, a.text


def test_which_agencies_say_nothing_of_it(qa) -> None:
    a = ask(qa, "哪些单位从来没有提到垃圾分类")[0]
    assert a.status == "answered" and "没有说到「垃圾分类」" in a.text, a.text
    silent = a.text.split("说到的有")[0]
    assert "鹤岗" in silent and "济南" not in silent, a.text  # 004 line 27: 生活垃圾分类 (ph66, ph81)


def test_whether_it_admits_a_problem_it_does_not_name(qa) -> None:
    a = ask(qa, "沙河城管有没有承认政务新媒体管理不规范")[0]
    assert a.status == "out_of_scope" and "沙河" in a.text, a.text
    assert "政务新媒体" in ask(qa, "伊川城管有没有承认政务新媒体管理不规范")[0].text


def test_the_field_with_the_most_in_a_sentence(qa) -> None:
    a = ask(qa, "济南城管的建议提案哪个领域最少")[0]
    assert a.text.startswith("洒水车管理、智慧城市方面最少，各3件"), a.text
    assert any(d.value == "3" for d in a.derived)


def test_which_reports_mention_it_in_english(qa) -> None:
    """Which reports mention COVID-19 asks of the text (not the list of reports); never mention asks for those
    silent; a word no report holds (weather) finds nothing, never every report."""
    a = ask(qa, "Which reports mention COVID-19?")[0]
    assert a.status == "answered" and "平潭" in a.text and "疫情" in a.text and "索引中" not in a.text, a.text
    silent = ask(qa, "Which agencies never mention COVID-19?")[0].text.split("说到的有")[0]
    assert "鹤岗" in silent and "平潭" not in silent, silent
    assert ask(qa, "Which reports mention the weather?")[0].status == "out_of_scope"


def test_who_mentions_it_reads_every_report_not_the_best_ranked(qa) -> None:
    """信息发布 is said in 平潭's reports of 2020–2025 (not 2019's) and in 伊川's and 济南's: each one is listed,
    though most of those sentences rank below the search's candidates (only 平潭2023 was found before)."""
    a = ask(qa, "哪几份报告说到了信息发布")[0]
    assert a.status == "answered" and "3个单位（8份报告）" in a.text, a.text
    for y in range(2020, 2026):
        assert f"平潭综合实验区{y}年报告" in a.text, (y, a.text)
    assert "平潭综合实验区2019年报告" not in a.text and "伊川" in a.text and "济南" in a.text, a.text


# ------------------------------------------------------------------ batch 10's kinds, one case each beyond the set
def test_the_words_of_batch_10() -> None:
    """Unit-level: a problem named as what the measures answer (对行政复议多的问题打算怎么办) asks for the measures;
    存在的问题 is how the question asks, not a word the problems must hold (平潭2024: 仍在不足); one section asked
    for (依申请公开那部分, 那块写了什么) is quoted as it runs on, not a number of it."""
    from qa.prose import Asked, asks_section

    assert Asked.of("平潭2025年对行政复议多的问题打算怎么办").half == "measures"
    assert Asked.of("这些问题怎么解决").half == "measures"
    assert Asked.of("济南城管对哪些问题做了回应").half == "problems"  # no plan asked: not the measures
    assert "存在" not in Asked.of("2024年和2025年存在的问题有什么不同").asking_words("2024年和2025年存在的问题有什么不同")
    assert asks_section("帮我总结一下平潭2023年依申请公开那部分") and asks_section("社会评价和监督那块写了什么")
    assert not asks_section("依申请公开多少件") and not asks_section("平潭2023年存在哪些问题")


def test_a_phrase_a_line_break_splits_is_said() -> None:
    """Who says a thing: the fewest neighbouring sentences holding the phrase (政务新\\n媒体 in a PDF's lines), not
    a report passed over; phrases far apart say nothing together."""
    from qa.prose import _saying, _sentences

    parts = _sentences("加强政务新\n媒体管理，关停2个账号。其他工作。")
    assert _saying(parts, ["政务新媒体"]) == "加强政务新媒体管理，关停2个账号。"
    assert _saying(_sentences("一是政务。二是。三是。四是。五是新媒体。"), ["政务", "新媒体"]) is None


def test_what_is_asked_about_is_named_whole(qa) -> None:
    """The topic as the question runs it together, its last character too (新闻发布会, 微信公众号; the search's
    tokens overlap: 发布, 发布会), not a light word after it (政策解读做得不够); how firmly or how the question
    is put (压根没提, 从哪些渠道来的, 叫什么名字) is no content word."""
    prose = qa.ctx.prose
    assert prose.topic_phrases("哪些单位没有提到新闻发布会") == ["新闻发布会"]
    assert prose.topic_phrases("哪些单位没有提到微信公众号") == ["微信公众号"]
    assert prose.topic_phrases("哪些单位说政策解读做得不够") == ["政策解读"]
    for q, word in (("哪几家单位的报告压根没提培训", "压根"), ("依申请都是从哪些渠道来的", "是从"),
                    ("门户网站叫什么名字", "名字")):
        assert word not in [t for t, _ in prose.content_terms(q)], q
    a = ask(qa, "哪些单位提到了政务公开专区")[0]  # a topic ending in 区 is no unknown district
    assert a.status == "out_of_scope" and "「政务公开专区」" in a.text, a.text
    a = ask(qa, "鹤岗城管有没有提到政务新媒体")[0]
    assert a.status == "out_of_scope" and "「政务新媒体」" in a.text, a.text  # said whole, not 「媒体」


def test_which_years_say_it_quote_only_the_years_that_say_it(qa) -> None:
    """平潭哪几年提到了智能问答: each year whose report says 智能问答 whole (2022–2025), the others named as silent,
    never a sentence near it (2019's 政策问答手册) passed off as saying it."""
    a = ask(qa, "平潭哪几年提到了智能问答")[0]
    assert "2019年：" not in a.text and "2022年：" in a.text and "2025年：" in a.text, a.text
    assert "2019、2020、2021年的报告没有说到" in a.text, a.text


def test_whether_it_did_a_thing_it_would_name(qa) -> None:
    """有没有开新闻发布会: a name the reports use (新闻发布会) must be said whole, as for 有没有提到 (沙河's 新闻媒体
    sentence does not say it); a user's own words (对外公开发布) or the words every report is about (政务公开) are
    not required whole."""
    a = ask(qa, "沙河城管有没有开新闻发布会")[0]
    assert a.status == "out_of_scope" and "「新闻发布会」" in a.text, a.text
    assert "追究" in ask(qa, "平潭2022年有没有人因为政务公开的事被追责")[0].text
    assert "重要会议" in ask(qa, "平潭2025年政府的重要会议有没有对外公开发布")[0].text


# ------------------------------------------------------------------ batch 11's kinds, beyond the set
@pytest.mark.parametrize("text,count", [
    ("五、存在的主要问题及改进情况\n一是政务公开宣传形式较少。二是一些动态信息公布得还不够及时。", 2),
    ("（一）存在的主要问题:基层政务公开标准化规范化水平有待进一步提升；各部门政府信息公开工作的开展还不够均衡；"
     "少数政务新媒体“政务”属性不够突出，互动效果有待进一步加强。", 3),  # a half's own number is no item
    ("下一步，我局将从以下几个方面进行改进：\n（一）落实责任。围绕一是…二是…\n（二）做好维护。\n（三）加强交流。", 3),
    ("但仍存在一些不足，如：政务公开队伍建设有待进一步加强；依申请公开答复质量待进一步提升；平台互动功能仍有不足。", 3),
    ("但仍存在一些不足：如我局还没有自己的门户网站，信息更新、发布频率偏低、宣传形式单一等。", 0),  # not told apart
    ("仍存在一定差距。如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。", 3),
    # batch 15: one ；, then three shortfalls run on with ，(a pair beside a ；is one problem and its facet: the 2nd case)
    ("2020年,政府信息公开工作取得一定成绩,但仍存在一些不足和问题。\n主要表现在:政务公开规范化管理需进一步完善;"
     "政务新媒体的管理还不够规范,政策解读的水平有待提升,信息发布渠道还需进一步拓宽。", 4),
])
def test_a_lists_items_are_counted_as_the_report_parts_them(text: str, count: int) -> None:
    from qa.prose import list_items

    items, how = list_items(text)
    assert len(items) == count and bool(how) == bool(count), (items, how)


def test_how_many_measures_counts_them_all(qa) -> None:
    a = ask(qa, "平潭2020年下一步措施有几条")[0]
    assert "共4条" in a.text and "四是加大统筹指导力度" in a.text, a.text
    a = ask(qa, "How many improvement measures did Hegang list?")[0]
    assert "共3条" in a.text and "（三）加强政府信息主动公开力度" in a.text, a.text
    a = ask(qa, "伊川城管有没有写改进措施")[0]  # an auditor's whether: the half, every item
    assert "共3条" in a.text and "三是做好依申请公开工作" in a.text, a.text


def test_a_measure_is_a_plan_not_a_deed(qa) -> None:
    a = ask(qa, "平潭2025年搞过培训吗")[0]
    assert "打算做的" in a.text and "培训" in a.text, a.text
    a = ask(qa, "张店执法局开过市民开放日吗")[0]  # said in part 一: done
    assert "打算" not in a.text and "市民开放日" in a.text, a.text


def test_whether_it_ever_did_reads_every_year(qa) -> None:
    """开过…吗 with no year, of an agency with several reports: each year that says it, a plan marked as one."""
    a = ask(qa, "平潭开过新闻发布会吗")[0]
    assert "2019年：" in a.text and "金井港区对外开放新闻发布会" in a.text, a.text
    assert "2022年：" in a.text and "打算做的" in a.text.split("2022年：")[1], a.text
    a = ask(qa, "Did Jinan hold press conferences?")[0]
    assert "打算做的" in a.text, a.text


def test_since_when_names_the_first_year(qa) -> None:
    for q in ("平潭最早哪年提到政务新媒体", "平潭从什么时候开始提政务新媒体的"):
        a = ask(qa, q)[0]
        assert "最早在2019年" in a.text and "「政务新媒体」" in a.text, a.text


def test_english_which_agencies_did_a_thing_reads_the_text(qa) -> None:
    a = ask(qa, "Which agencies conducted open days?")[0]
    assert a.status == "answered" and "张店" in a.text and "济南" in a.text and "索引中有" not in a.text, a.text
    assert "索引中有" in ask(qa, "Which agencies are in the index?")[0].text


def test_which_years_over_the_index_names_the_years(qa) -> None:
    a = ask(qa, "哪一年的报告最早提到智能问答")[0]
    assert a.text.startswith("最早在2022年") and "2022、2023、2024、2025年" in a.text, a.text
    a = ask(qa, "有几家单位提到了微信公众号")[0]  # how many agencies: counted off the quotes
    assert "5个单位" in a.text, a.text


def test_a_part_asked_by_its_title_is_read_or_said_missing(qa) -> None:
    """An auditor's 有没有写其他需要报告的事项: the part's text (沙河: 无。), not its heading; a report without the
    part (鹤岗 ends at 五) is said to lack it, never answered from another part."""
    a = ask(qa, "沙河城管的年报有没有写其他需要报告的事项")[0]
    assert "「无。」" in a.text, a.text
    a = ask(qa, "鹤岗城管年报第六部分写了啥")[0]
    assert a.status == "out_of_scope" and "没有「六、其他需要报告的事项」这一部分" in a.text, a.text


def test_done_or_planned_says_which(qa) -> None:
    a = ask(qa, "洪泽区的改进措施是已经做了还是计划做")[0]
    assert "下一步打算做的" in a.text, a.text
    a = ask(qa, "济南城管开展城管开放日是已经做了的吗")[0]
    assert "是已经做的" in a.text and "城管开放日" in a.text, a.text


def test_how_many_after_a_list_counts_that_list(qa) -> None:
    a = ask(qa, "济南城管有哪些问题", "一共几条")[1]
    assert "共3条" in a.text and "三是政务公开具体工作人员的业务能力有待提高" in a.text, a.text


def test_the_nth_item_and_a_list_not_numbered(qa) -> None:
    a = ask(qa, "平潭2020年改进措施第四条是什么")[0]
    assert "共4条" in a.text and "第四条是：「四是加大统筹指导力度" in a.text, a.text
    a = ask(qa, "济南城管改进措施第6条是啥")[0]
    assert "只有5条" in a.text and "没有第6条" in a.text, a.text
    a = ask(qa, "沙河城管说了几个问题")[0]  # 如…、…、…等 run on with a clause: not counted, said so, quoted
    assert "数不出条数" in a.text and "发布频率偏低" in a.text, a.text


def test_both_halves_and_each_year_counted(qa) -> None:
    a = ask(qa, "张店的问题和措施分别几条")[0]
    assert "存在的问题，共2条" in a.text and "改进措施，共2条" in a.text, a.text
    a = ask(qa, "平潭2019到2021年存在的问题各有几条")[0]  # 2021 runs its problems on: said, quoted from 2021 only
    assert "2019年：" in a.text and "2020年：" in a.text and "共3条（按其间的分号数）" in a.text, a.text
    assert "数不出条数" in a.text and "2023年报告" not in a.text, a.text


def test_which_parts_a_report_has(qa) -> None:
    """An auditor's 缺了哪一部分: the template's six parts, those the report has with their first line."""
    a = ask(qa, "鹤岗城管2020年报告缺了哪一部分")[0]
    assert "有5个部分" in a.text and "没有「六、其他需要报告的事项」" in a.text, a.text
    a = ask(qa, "济南城管的年报六个部分齐不齐")[0]
    assert "有6个部分" in a.text and "六个部分都在" in a.text, a.text


def test_whose_list_is_longest(qa) -> None:
    """哪家单位的改进措施最多: each report's part-五 list counted as it numbers it, ranked; the uncountable named."""
    a = ask(qa, "哪家单位的改进措施最多")[0]
    assert "最多的是济南市城市管理局2020年（5条）" in a.text, a.text
    a = ask(qa, "谁的问题最少")[0]
    assert "最少的是张店区综合行政执法局2020年（2条）" in a.text and "数不出条数的：沙河" in a.text, a.text


# ------------------------------------------------------------------ batch 15's kinds, beyond the set
def test_the_words_of_batch_15() -> None:
    from qa.op_prose_parts import RE_PARTS_PRESENT
    from qa.prose import RE_ASKS_DOING, mend_typos

    assert mend_typos("伊川城管存在的问提有哪些") == ("伊川城管存在的问题有哪些", ["「问提」读作「问题」"])
    assert mend_typos("伊川城管存在的问题有哪些")[1] == []
    assert RE_PARTS_PRESENT.search("洪泽区年报六个部分都有吗") and not RE_PARTS_PRESENT.search("第六部分写了什么")
    assert RE_ASKS_DOING.search("哪些单位承认了政策解读做得不好") and RE_ASKS_DOING.search("哪些单位说了疫情防控的事")
    assert not RE_ASKS_DOING.search("哪些单位说了算") and not RE_ASKS_DOING.search("索引里有哪些单位")


def test_a_problem_owned_is_named_in_one_clause(qa) -> None:
    a = ask(qa, "哪家单位承认公众参与程度不高")[0]
    assert a.status == "answered" and "承认「公众参与程度不高」的有1个单位" in a.text and "鹤岗" in a.text, a.text


def test_each_years_half_is_read_for_it(qa) -> None:
    a = ask(qa, "平潭哪几年的改进措施提到了政务新媒体")[0]
    assert "2020年：" in a.text and "2021年：" in a.text, a.text
    assert "2019、2022、2023、2024、2025年的报告没有说到「政务新媒体」" in a.text, a.text


def test_done_and_planned_both_said(qa) -> None:
    a = ask(qa, "平潭2019年的培训是已经做了还是计划做")[0]
    assert "两样都有" in a.text, a.text
    said = a.text.split("打算做的")
    assert "组织工作人员进行培训" in said[0] and ("做好工作培训" in said[1] or "人员培训机制" in said[1]), a.text


def test_a_count_the_text_does_not_give_is_said_absent(qa) -> None:
    a = ask(qa, "洪泽区关停整合了几个政务新媒体")[0]
    assert a.text.startswith("报告没有写明数量") and "关停整合" in a.text and "1136" not in a.text, a.text
    a = ask(qa, "平潭2023年注销了几个政务新媒体")[0]  # stated: the sentence with its number
    assert "注销2个" in a.text and "没有写明" not in a.text, a.text


def test_a_mistyped_half_is_read_as_meant(qa) -> None:
    a = ask(qa, "张店执法局的问体有几条")[0]
    assert "存在的问题，共2条" in a.text and "「问体」读作「问题」" in a.reading.defaults, (a.text, a.reading)


@pytest.mark.parametrize("q", ["哪些报告说了疫情的事", "哪些单位讲过疫情防控", "what did the reports say about the epidemic",
                               "这些报告关于疫情都说了什么"])
def test_what_the_reports_said_quotes_only_reports_saying_it(qa, q) -> None:
    """哪些报告说了疫情的事 listed the index's reports (说了 was no verb of saying), and each way of asking quoted
    济南's 「本报告所列数据的统计期限…」 beside 平潭's 疫情 sentence: a quote saying none of the topic is no answer."""
    a = ask(qa, q)[0]
    assert "疫情" in a.text and "平潭" in a.text and "济南" not in a.text and "索引中共有" not in a.text, a.text


# ------------------------------------------------------------------ batch 16's kinds, beyond the set
def test_the_head_of_the_phrase_asked_must_be_said(qa) -> None:
    """the training of staff / staff training / 关于队伍培训: training (培训) is the thing asked, staff (队伍) only
    narrows it; a passage saying 队伍 alone (鹤岗's “城管网评”队伍) says nothing of training. 关于 frames the topic."""
    prose = qa.ctx.prose
    assert prose.head_term("what did say about the培训of staff") == "培训"
    assert prose.head_term("关于队伍培训说了什么") == "培训"
    assert prose.head_term("关于培训说了什么") is None  # one word: the coverage rule already asks for it
    assert [t for t, _ in prose.content_terms("鹤岗城管关于培训说了什么")] == ["培训"]
    a = ask(qa, "What did Hegang say about staff training?")[0]
    assert a.status == "out_of_scope" and "「培训」" in a.text and "城管网评" not in a.text, a.text
    a = ask(qa, "鹤岗城管在队伍培训方面做了什么")[0]
    assert a.status == "out_of_scope" and "城管网评" not in a.text, a.text
    a = ask(qa, "济南城管在队伍培训方面做了什么")[0]  # its 培训 of 工作人员 answers: 队伍 only narrows the ask
    assert a.status == "answered" and "培训" in a.text.split("（另见")[0], a.text
    a = ask(qa, "What did Pingtan say about the training of staff in 2025?")[0]
    assert a.status == "answered" and "培训" in a.text.split("（另见")[0], a.text


@pytest.mark.parametrize("q", ["哪个单位的问题写得最具体", "谁的改进措施写得最好", "哪份报告的问题最笼统"])
def test_a_judgement_of_the_writing_is_refused(qa, q) -> None:
    a = ask(qa, q)[0]
    assert a.status == "out_of_scope" and "评价" in a.text and "说到这一点的有" not in a.text, a.text


def test_only_planned_is_told_from_done(qa) -> None:
    """哪些单位只是计划搞培训，没真搞: those whose every mention is among part 五's measures, apart from those with
    a report saying it was done (伊川's 集中学习培训, in part 一)."""
    a = ask(qa, "哪些单位只是计划搞培训，没真搞")[0]
    only, did = a.text.split("写了已经做过的有")
    assert "洪泽" in only and "伊川" not in only and "伊川" in did, a.text


# ------------------------------------------------------------------ batch 17's kinds, asked in other words
# (question, tokens the answer must hold, words its own quotes must not hold, the status when not "answered")
BATCH17 = [
    # a bare topic phrase (no question word): its head must be said; 沙河's 执法队伍 is no training
    ("沙河城管队伍培训", ["队伍培训"], ["执法队伍"], "out_of_scope"),
    ("伊川城管政务公开培训", ["50余人次"], [], "answered"),
    # a count named by its counter and 数, without 多少
    ("济南城管圆桌对话次数", ["186次"], [], "answered"),
    ("平潭2024政策解读篇数", ["96篇"], [], "answered"),
    # a count written in words (两次) stands before another sentence's digits
    ("张店执法局开展了多少次市民代表看城市变化活动", ["两次"], ["25 件"], "answered"),
    # the report of one year says what it plans for the next
    ("平潭2023年报说2024年准备怎么改进", ["加大政务公开检查力度"], ["信息发布属性界定"], "answered"),
    # who did or said a thing, asked in words other than the reports'
    ("哪些部门说了市长热线的事", ["沙河", "市长热线"], [], "answered"),
    ("哪些单位组织过政务公开培训", ["伊川", "张店", "济南"], [], "answered"),
    ("哪些单位把巡查通报列入了绩效考核", ["2020", "2022", "2023"], [], "answered"),
    # a word no report has (快手) is not one that only narrows what is asked (直播)
    ("各单位在快手直播方面说了什么", ["快手"], ["全程直播"], "out_of_scope"),
    # problems asked as what was not done well enough (没做到位)
    ("鹤岗城管还有哪些方面没做到位", ["力量薄弱"], ["加强政府信息公开机构建设"], "answered"),
    # a number that names a thing (the 12345 hotline) is said as what was searched, not 「这个问题」
    ("洪泽区是否提到了12345", ["「12345」"], [], "out_of_scope"),
    # 有没有提到 + a table's row (行政处罚): whether the text says it, not whether its count is above 0
    ("鹤岗城管有没有提到行政处罚", ["行政处罚信息"], [], "answered"),
    ("哪些单位提到了行政复议", ["说到这一点的有", "伊川"], [], "answered"),
    # 在…方面有说法: what the reports say of it, not the list of agencies; 说法 is no word of the topic
    ("哪些单位在考核方面有说法", ["说到这一点的有", "平潭"], ["索引中有"], "answered"),
]


@pytest.mark.parametrize("question,expect,must_not,status", BATCH17, ids=[b[0] for b in BATCH17])
def test_batch17_kinds_in_other_words(qa, question: str, expect: list[str], must_not: list[str], status: str) -> None:
    a = ask(qa, question)[0]
    said = a.text.split("（另见")[0]
    assert a.status == status, (question, a.status, a.text)
    assert all(t in a.text for t in expect) and not any(w in said for w in must_not), (question, a.text)


def test_counts_in_words_and_count_nouns_are_read() -> None:
    from qa.prose import Asked, states_number

    asked = Asked.of("搞了几次市民代表看城市变化活动")
    assert asked.figure("我们开展了两次市民代表看城市变化活动") == "两次"
    assert asked.figure("区人大十七届四次会议议案 14 件") is None  # an ordinal session, not a count
    assert states_number("共召开三次专题会议") and not states_number("第一项加第二项之和")
    assert (Asked.of("政策解读篇数").counter, Asked.of("培训人数").counter) == ("篇", "人")
    assert not Asked.of("数据来源").number


@pytest.mark.parametrize("more", ["具体说说", "详细讲讲"])
def test_tell_me_more_keeps_the_question(qa, more: str) -> None:
    """具体说说 after a text answer: the same report's same half again, not a search for 具体 / 说说."""
    a = ask(qa, "鹤岗城管存在哪些问题", more)[1]
    assert a.status == "answered" and "力量薄弱" in a.text and "城管网评" not in a.text, a.text


@pytest.mark.parametrize("turns,item", [
    (("济南城管下一步有什么改进措施", "第二条是什么"), "做好网站栏目维护管理"),
    (("伊川城管存在哪些问题", "那第三条呢"), "政策解读的水平有待提升"),
    (("平潭2022年有哪些改进措施", "具体说说第三条"), "丰富政策解读形式和方式"),
], ids=["jinan-2", "yichuan-3", "pingtan2022-3"])
def test_the_nth_item_of_what_was_just_listed(qa, turns: tuple[str, str], item: str) -> None:
    """第二条是什么 after a list: that list's item, in the report just answered, not a search of every report."""
    a = ask(qa, *turns)[1]
    assert a.status == "answered" and item in a.text and "条是" in a.text, a.text
