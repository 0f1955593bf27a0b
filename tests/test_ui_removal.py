"""Taking an uploaded report out again (ui/removal.py), driven through the app's sidebar by AppTest over a copy
of the seed index with a real report uploaded: it leaves the corpus, the index and the answers. And the other
way (ui/changes.py): a report put in while a chat is open has the chat's answers asked again."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.removal import remove_uploads, uploaded

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
REPORT = (REAL if REAL.is_dir() else Path("/work/shared/real/reports")) / "05_pingtan_2022.txt"


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _ask(at: AppTest, question: str) -> str:
    """The answer's own words (its text, or the notice it is given in)."""
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    last = at.chat_message[-1]
    return _plain(" ".join([m.value for m in last.markdown] + [i.value for i in last.info]))


def test_an_uploaded_report_is_removed_from_the_sidebar(seed_index, tmp_path, open_app):
    mine = seed_index.copy(tmp_path)
    at = open_app(mine)
    at.get("file_uploader")[0].set_value([("平潭2022年报.txt", REPORT.read_bytes(), "text/plain")]).run()
    assert not at.exception
    assert {m.label: m.value for m in at.sidebar.get("metric")}["报告"] == "6"
    assert "平潭综合实验区2022年" in _ask(at, "平潭2022年行政许可处理决定数量是多少")

    choice = at.sidebar.multiselect[0]
    assert choice.options == ["平潭2022年报.txt"]  # the name it was uploaded under; the seeds are not offered
    choice.set_value(list(uploaded(mine.corpus))).run()
    at.sidebar.button(key="remove-go").click().run()
    assert not at.exception
    said = [_plain(s.value) for s in at.sidebar.get("success")]
    assert said == ["已移除：平潭2022年报.txt（问答与统计不再计入）"]
    assert {m.label: m.value for m in at.sidebar.get("metric")}["报告"] == "5"
    assert not at.sidebar.multiselect  # nothing uploaded is left to remove
    assert [p.name for p in (mine.corpus / "uploads").iterdir() if p.suffix == ".txt"] == []
    assert json.loads((mine.corpus / "uploads" / ".names.json").read_text("utf-8")) == {}
    assert "没有「平潭" in _ask(at, "平潭2022年行政许可处理决定数量是多少")


def test_only_uploaded_files_can_be_removed(seed_index, tmp_path):
    """A path the sidebar did not list (a seed, a path outside the corpus) is never removed."""
    mine = seed_index.copy(tmp_path)
    seed = next(p for p in mine.corpus.iterdir() if p.suffix == ".txt")
    assert remove_uploads([seed.name, f"../{seed.name}", "uploads/../" + seed.name], mine.corpus, mine.index) == []
    assert seed.exists()


def test_answers_that_counted_a_removed_file_are_asked_again_and_marked(seed_index, tmp_path, open_app):
    """A conversation held before the removal: the answers that used the removed report (a value of it, a
    follow-up on it, a ranking that counted it) are asked again in order over the index as it is now, say so
    and keep what they said before; an answer it did not touch stays as it was, unmarked."""
    mine = seed_index.copy(tmp_path)
    at = open_app(mine)
    at.get("file_uploader")[0].set_value([("平潭2022年报.txt", REPORT.read_bytes(), "text/plain")]).run()
    questions = ["平潭2022年行政许可处理决定数量是多少", "那行政处罚呢", "伊川县城管局2020年行政处罚决定数量是多少？",
                 "哪个单位的行政许可处理决定数量最多？"]
    said = [_ask(at, q) for q in questions]
    assert "10,690" in said[0] and "平潭综合实验区" in said[1] and "313" in said[2] and "平潭综合实验区" in said[3]
    untouched = at.session_state["messages"][5]["answer"]
    stored = next(iter(uploaded(mine.corpus)))

    at.sidebar.multiselect[0].set_value([stored]).run()
    at.sidebar.button(key="remove-go").click().run()
    assert not at.exception
    messages = at.session_state["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 4  # asked again in place, nothing added
    gone = "平潭2022年报.txt"
    for n in (1, 3, 7):  # the answers that used the report
        answer, before = messages[n]["answer"], messages[n]["before"]
        assert before.removed == (gone,)
        assert "平潭综合实验区" not in answer.text or "没有" in answer.text
        assert all(c.doc != Path(stored).name for c in answer.citations)
        chat = at.chat_message[n]
        assert _plain(chat.warning[0].value) == f"移除「{gone}」后，已按现在的索引重新回答：答案与移除前不同。"
        assert chat.expander[0].label.startswith("移除前的答案")
    assert "10,690" in _plain(at.chat_message[1].expander[0].markdown[0].value)  # what it said, kept
    assert "没有「平潭" in messages[1]["answer"].text
    assert messages[5]["answer"] == untouched and "before" not in messages[5]  # 伊川: not touched, not marked
    assert not at.chat_message[5].warning
    # the conversation goes on from the answers as they are now
    assert "伊川县城市管理局" in _ask(at, "伊川呢")


def test_a_removal_in_another_session_marks_this_chats_answers(seed_index, tmp_path, open_app):
    """Two people share the server: one takes out a report the other's chat has answers from. At the other's
    next rerun its answers are asked again over the index as it is now and marked, the file named as it was
    uploaded."""
    mine = seed_index.copy(tmp_path)
    reader = open_app(mine)
    reader.get("file_uploader")[0].set_value([("平潭2022年报.txt", REPORT.read_bytes(), "text/plain")]).run()
    assert "10,690" in _ask(reader, "平潭2022年行政许可处理决定数量是多少")

    other = open_app(mine)
    other.sidebar.multiselect[0].set_value(list(uploaded(mine.corpus))).run()
    other.sidebar.button(key="remove-go").click().run()
    assert not other.exception and not uploaded(mine.corpus)

    reader.run()  # the reader's next rerun (any click)
    assert not reader.exception
    answer = reader.session_state["messages"][1]
    assert answer["before"].removed == ("平潭2022年报.txt",) and "没有「平潭" in answer["answer"].text
    assert _plain(reader.chat_message[1].warning[0].value).startswith("移除「平潭2022年报.txt」后")


def test_an_upload_in_another_session_marks_the_answers_it_changes(seed_index, tmp_path, open_app):
    """Two people share the server: one uploads a report while the other's chat holds a ranking it now tops.
    At the reader's next rerun the ranking is asked again and marked (the file named as it was uploaded, the
    old answer kept); an answer the new report does not touch stays as it was, unmarked."""
    mine = seed_index.copy(tmp_path)
    reader = open_app(mine)
    ranking = _ask(reader, "哪个单位的行政许可处理决定数量最多？")
    assert "平潭" not in ranking
    assert "313" in _ask(reader, "伊川县城管局2020年行政处罚决定数量是多少？")
    untouched = reader.session_state["messages"][3]["answer"]
    said_before = reader.session_state["messages"][1]["answer"].text

    other = open_app(mine)
    other.get("file_uploader")[0].set_value([("平潭2022年报.txt", REPORT.read_bytes(), "text/plain")]).run()
    assert not other.exception and list(uploaded(mine.corpus).values()) == ["平潭2022年报.txt"]

    reader.run()  # the reader's next rerun (any click)
    assert not reader.exception
    messages = reader.session_state["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2  # asked again in place, nothing added
    assert messages[1]["before"].added == ("平潭2022年报.txt",) and messages[1]["before"].removed == ()
    assert "平潭综合实验区" in messages[1]["answer"].text and "10,690" in messages[1]["answer"].text
    assert _plain(reader.chat_message[1].warning[0].value) == \
        "加入「平潭2022年报.txt」后，已按现在的索引重新回答：答案与加入前不同。"
    assert reader.chat_message[1].expander[0].label.startswith("加入前的答案")
    assert _plain(reader.chat_message[1].expander[0].markdown[0].value) == said_before  # what it said, kept
    assert messages[3]["answer"] == untouched and "before" not in messages[3]
    assert not reader.chat_message[3].warning
