"""Agency names written in Latin letters (qa/latin.py), read through the place names of dev.json's index —
the five seeds and the real reports it lists — never through a list of names: pinyin with or without tone
marks, spaces and hyphens, English words for the level of the place and the kind of agency, the reading
said in the answer, and a name the index lacks said unresolved."""

from __future__ import annotations

import pytest

from test_dev_questions import DEV
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV} not found (../shared is not beside the repo)")

# (the question, the Chinese its name is read as)
READ = [
    ("How many requests did Ping Tan receive in 2024?", "平潭综合实验区"),
    ("Which problems did Píngtán report in 2022?", "平潭综合实验区"),
    ("Which year did Ping-tan have the most lawsuits?", "平潭综合实验区"),
    ("How many administrative penalties did Pingtan County issue in 2024?", "平潭县"),
    ("Pingtan Comprehensive Experimental Zone's penalties in 2023", "平潭综合实验区"),
    ("Hóngzé District 2023: how many administrative coercion decisions?", "洪泽区"),
    ("What did Hongze District People's Government say about policy interpretation?", "洪泽区人民政府"),
    ("What did the People's Government of Hongze District say about policy interpretation?", "洪泽区人民政府"),
    ("hongze qu 2023 行政许可", "洪泽区"),
    ("How many penalties did the urban management bureau of Jinan make in 2020?", "济南市城管局"),
    ("How many penalties did Jinan's urban management bureau make in 2020?", "济南市城管局"),
    ("How many penalties did the Jinan Municipal People's Government impose?", "济南市人民政府"),
    ("Zhangdian law enforcement bureau, 2020: administrative licensing decisions?", "张店区执法局"),
    ("Summarize the Shahe city management law enforcement bureau's 2020 report", "沙河市城管执法局"),
    ("Jinan chengguan 2020 行政处罚多少", "济南市城管"),
]


@pytest.mark.parametrize("question,chinese", READ, ids=[q for q, _ in READ])
def test_a_name_in_latin_letters_is_read_as_the_index_names_it(dev_qa, question: str, chinese: str) -> None:
    from qa.latin import read_latin

    r = read_latin(question, dev_qa.reader.finder)
    assert chinese in r.text and len(r.said) == 1 and r.said[0].endswith("读作" + chinese), (r.text, r.said)
    assert not r.unknown, r.unknown


# (the question, the name in Latin letters the index has no place for)
UNKNOWN = [
    ("How many penalties did Fuqing City issue in 2023?", "Fuqing"),
    ("How many penalties did fuqing city issue in 2023?", "fuqing"),
    ("What problems did the Fuzhou urban management bureau admit?", "Fuzhou"),
    ("Compare Pingtan and Xiamen penalties in 2023", "Xiamen"),
    ("Tsinan urban management 2020 penalties", "Tsinan"),  # an older spelling before a kind of agency
    ("Show Amoy City penalties in 2023", "Amoy"),
    ("fuqing 2023年行政处罚多少", "fuqing"),  # a pinyin word before a year in a Chinese question
]


@pytest.mark.parametrize("question,name", UNKNOWN, ids=[q for q, _ in UNKNOWN])
def test_a_pinyin_name_the_index_lacks_is_said(dev_qa, question: str, name: str) -> None:
    from qa.latin import read_latin

    assert read_latin(question, dev_qa.reader.finder).unknown == [name]
    a = dev_qa.ask(question)[0]
    assert a.status == "not_found" and name in a.text, a.text
    assert "1,330" not in a.text.split("回答：")[0], a.text  # 平潭's 2023 count is no answer for the other name


def test_english_words_and_platforms_are_no_names(dev_qa) -> None:
    from qa.latin import is_pinyin, read_latin

    for question in ("How did Zhangdian handle suggestions from People's Congress deputies?",
                     "How many posts did Pingtan publish on Weibo?", "Which county had the most penalties?",
                     "Tell me about Pingtan's government website in 2024"):
        r = read_latin(question, dev_qa.reader.finder)
        assert not r.unknown and "人民政府" not in r.text, (question, r)
    assert is_pinyin("Xiamen") and is_pinyin("Huai'an") and not is_pinyin("Bureau") and not is_pinyin("People")


def test_the_answer_says_how_the_name_was_read(dev_qa) -> None:
    a = dev_qa.ask("How many administrative penalties did Pingtan County issue in 2024?")[0]
    assert a.status == "answered" and "「Pingtan County」读作平潭县" in a.text and "1,100件" in a.text, a.text
    gist = dev_qa.ask("overview of Pingtan 2022")[0]  # an English summary naming the agency in pinyin
    assert gist.status == "answered" and "「Pingtan」读作平潭综合实验区" in gist.text and "要点" in gist.text, gist.text
    wrong = dev_qa.ask("How many administrative penalties did the Jinan Municipal People's Government impose in 2020?")[0]
    assert wrong.status == "not_found" and "济南市人民政府" in wrong.text and "135" not in wrong.text, wrong.text


def test_licences_granted_are_licences_decided(dev_qa) -> None:
    """granted is 予以公开 for requests, but a licence granted is a licence decided (行政许可's decisions)."""
    a = dev_qa.ask("How many licences were granted by Pingtan in 2024?")[0]
    assert "4,529件" in a.text and "予以公开" not in a.text, a.text
    assert "予以公开" in dev_qa.ask("How many requests were granted by Pingtan in 2024?")[0].text


# ---------------------------------------------------------------- a spelling two places share, typos, the table
def _reader(*agencies: str):
    from qa.understand import Reader

    return Reader(list(agencies), lambda k: True, [2023])


SAME_SPELLING = ("清河县城市管理局", "青河县人民政府", "平潭综合实验区", "沙河市城市管理局", "沙河区人民政府")


@pytest.mark.parametrize("question", ["How many penalties did Qinghe County issue in 2023?", "Qinghe 2023 行政处罚多少",
                                      "qinghe xian 2023 penalties"])
def test_a_spelling_two_places_share_is_asked_back_naming_both(question: str) -> None:
    """清河 and 青河 are both qinghe: neither is guessed; the plan's candidates are both agencies, said."""
    plan = _reader(*SAME_SPELLING).read(question)
    assert plan.candidates == ["清河县城市管理局", "青河县人民政府"] and not plan.agencies, plan
    assert not plan.unknown_agency and any("清河县、青河县" in n for n in plan.notes), plan.notes


def test_a_spelling_shared_beside_a_found_name_is_said_unresolved() -> None:
    plan = _reader(*SAME_SPELLING).read("Compare Pingtan and Qinghe penalties in 2023")
    assert plan.agencies == ["平潭综合实验区"] and plan.unresolved == ["Qinghe"], plan


def test_the_level_said_picks_one_of_two_places_of_one_spelling() -> None:
    """Shahe City is 沙河市, not 沙河区; Shahe alone is 沙河, which the finder itself finds in both."""
    r = _reader(*SAME_SPELLING)
    assert r.read("Shahe City penalties 2023").agencies == ["沙河市城市管理局"]
    assert r.read("Shahe penalties 2023").candidates == ["沙河区人民政府", "沙河市城市管理局"]


# (the question, the Chinese the misspelt name is read as)
TYPOS = [
    ("Pintan 2024 administrative penalties?", "平潭综合实验区"),
    ("How many licensing decisions did Hongzhe District make in 2023?", "洪泽区"),
    ("Zhangdain law enforcement bureau 2020 licensing decisions", "张店区执法局"),
    ("How many penalties did Heggang City Urban Management make in 2020?", "鹤岗市城管"),
    ("yichaun county urban management 2020 penalties", "伊川县城管"),
    ("pintan 2024年行政处罚多少", "平潭综合实验区"),  # a Latin word in a Chinese question is a name
    ("hongzhe 2023年行政许可多少", "洪泽区"),
]


@pytest.mark.parametrize("question,chinese", TYPOS, ids=[q for q, _ in TYPOS])
def test_a_name_one_letter_off_is_read_and_the_reading_says_so(dev_qa, question: str, chinese: str) -> None:
    from qa.latin import read_latin

    r = read_latin(question, dev_qa.reader.finder)
    assert chinese in r.text and len(r.said) == 1 and "拼写相近" in r.said[0], (r.text, r.said)


def test_english_words_and_short_or_unmarked_words_are_no_typos(dev_qa) -> None:
    """Change is a term-table word, not a place one letter off; a lower-case word before no level is no name;
    a word shorter than five letters (Yiwu) is matched exactly or not at all."""
    from qa.latin import read_latin

    for question in ("Change of Pingtan's penalties from 2023 to 2024", "pintan 2024 penalties",
                     "How many penalties did Yiwu issue?"):
        r = read_latin(question, dev_qa.reader.finder)
        assert not any("拼写相近" in s for s in r.said), (question, r.said)


def test_the_pinyin_table_reads_as_pypinyin_reads_whole_names() -> None:
    """Character by character where no phrase of pypinyin's is in the name; else pypinyin's reading of the
    whole name (厦门 xiamen, 宜都市 yidushi, 重庆市 chongqingshi)."""
    from qa.agencies import latin
    from qa.latin import pinyin_of

    for name in ("平潭综合实验区", "洪泽区", "淮安市", "张店区", "鹤岗市", "伊川县", "厦门市", "重庆市", "长沙市", "六安市",
                 "宜都市", "吕梁市", "绿春县"):
        assert pinyin_of(name) == latin(name), name



# (a question written in pinyin without tones, words the answer says)
PINYIN_QUESTIONS = [
    ("pingtan 2024 nian xingzheng chufa duoshao jian", "为1,100件"),
    ("hongze 2023 xingzheng xuke", "为550件"),
    ("ping tan 2025 xing zheng fu yi zong ji", "「行政复议 · 总计」为36件"),
    ("hongze 2023 nian shoudao duoshao shenqing", "「本年新收政府信息公开申请数量 · 总计」为21件"),
    ("na ge danwei 2020 nian xingzheng chufa zuiduo", "平潭综合实验区最多"),
    ("平潭2024年chufa多少", "为1,100件"),  # one word of a Chinese question in pinyin
]


@pytest.mark.parametrize("question,said", PINYIN_QUESTIONS, ids=[q for q, _ in PINYIN_QUESTIONS])
def test_a_question_written_in_pinyin_is_read_word_by_word(dev_qa, question: str, said: str) -> None:
    a = dev_qa.ask(question)[0]
    assert said in a.text and "拼音读作" in a.text, a.text


def test_a_name_left_in_a_pinyin_question_is_said_and_english_is_no_pinyin(dev_qa) -> None:
    """fuqing is no place of the index and no word of ours: a name, said; an English question (how, many, did
    spell no pinyin) is read by the term table, never word by word as pinyin."""
    from qa.latin import read_pinyin_words

    a = dev_qa.ask("fuqing 2023 nian xingzheng chufa duoshao")[0]
    assert a.status == "not_found" and "fuqing" in a.text and "1,330" not in a.text, a.text
    for question in ("How many penalties did Pingtan issue in 2024?", "Pingtan 2024 administrative penalties",
                     "na ge you"):  # (only words of a question, none of the template's)
        assert read_pinyin_words(question)[1] == [], question
