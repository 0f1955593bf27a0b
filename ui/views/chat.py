"""问答: the chat. History and the engine's conversation live in the session; the engine is shared."""

from __future__ import annotations

import streamlit as st

from ui import changes, layout, removal, render, replay, state
from ui.ask import MAX_QUESTION
from ui.uploads import with_names

p, gen = layout.page()
uploaded = state.names(p)


messages: list[dict] = st.session_state.setdefault("messages", [])


def locate(doc: str, key: str):
    return state.cell_source(p, gen, doc, key)


def files_of(agency: str, year: int | None) -> list[str]:
    return state.report_files(p, gen, agency, year)


def _named(verb: str, files: tuple[str, ...], most: int = 3) -> str:
    """移除「a」「b」 / 加入「a」等 12 个文件: the files a change took out or put in, at most `most` named."""
    if not files:
        return ""
    shown = "、".join(f"「{render.escape_md(n)}」" for n in files[:most])
    return verb + shown + (f"等 {len(files)} 个文件" if len(files) > most else "")


def files_changed(change: changes.Change) -> str:
    return "，".join(f"{verb} {len(files)} 个文件" for verb, files in (("移除", change.removed), ("加入", change.added))
                    if files)


def queue(question: str) -> None:
    st.session_state["pending"] = question


def clear() -> None:
    st.session_state["messages"] = []
    st.session_state.pop("conversation", None)
    st.session_state.pop("pending", None)


st.markdown(render.CSS, unsafe_allow_html=True)
prompt = st.chat_input("问一个关于这些年报的问题，例如：哪个单位的行政处罚决定数量最多？", max_chars=MAX_QUESTION)
if prompt is not None:
    queue(prompt)
pending = st.session_state.pop("pending", None)

if not messages and pending is None:
    st.title("政府信息公开年报问答")
    st.caption("用中文提问：某单位某年的数字、排名与比较、前后年变化、勾稽核对结果、报告正文中的说法。"
               "每个数字都注明出处。")
    examples = state.examples(p, gen)
    if examples:
        st.markdown("**试试这些问题**")
        with st.container(horizontal=True, gap="small"):
            for i, q in enumerate(examples):
                st.button(render.escape_md(q), key=f"example-{i}", on_click=queue, args=(q,))

change = changes.since_drawn(p, gen, messages, uploaded, own=removal.take_removed())  # this session's, or anyone's
if change:
    with st.spinner(f"索引有变化（{files_changed(change)}），正在按现在的索引重新回答之前的问题…"):
        conversation, _ = replay.replay(state.engine(p, gen), messages, change,
                                        lambda a: with_names(a.text, {**uploaded, **change.names}))
    st.session_state["conversation"] = conversation


def before_note(before: replay.Before) -> None:
    """An answer asked again after the index changed that came out different: said so, the old answer kept."""
    done = "、".join(part for part in (_named("移除", before.removed), _named("加入", before.added)) if part)
    since = "移除" if not before.added else "加入" if not before.removed else "变化"
    st.warning(f"{done}后，已按现在的索引重新回答：答案与{since}前不同。", icon=":material/update:")
    why = {"移除": "用到了已移除的文件，已不成立", "加入": "当时还没有新加入的文件"}.get(since, "索引已变化，已不成立")
    with st.expander(f"{since}前的答案（{why}）"):
        st.markdown(render.escape_md(before.text))


for i, m in enumerate(messages):
    with st.chat_message(m["role"]):
        if m["role"] == "user":
            st.markdown(render.escape_md(m["text"]))
        else:
            if m.get("before"):
                before_note(m["before"])
            render.answer(m["answer"], key=f"a{i}", names=uploaded, ask=queue, locate=locate,
                          files_of=files_of)

if pending is not None:
    with st.chat_message("user"):
        st.markdown(render.escape_md(pending) or "（空问题）")
    with st.chat_message("assistant"):
        with st.spinner("正在查找…"):
            answer, conversation = replay.answer_turn(state.engine(p, gen), pending, st.session_state.get("conversation"))
        st.session_state["conversation"] = conversation
        messages.append({"role": "user", "text": pending})
        messages.append({"role": "assistant", "answer": answer})
        render.answer(answer, key=f"a{len(messages) - 1}", names=uploaded, ask=queue, locate=locate,
                          files_of=files_of)

if messages:
    st.button("清空对话", key="clear-chat", on_click=clear, type="tertiary", icon=":material/delete:")
