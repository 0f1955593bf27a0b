"""Putting a user's question to the engine so that whatever was typed, the page gets an Answer: empty and
over-long questions, control characters and odd input are handled here, and an engine failure becomes a
polite answer (logged with its traceback for us), never an exception on the page."""

from __future__ import annotations

import logging
import re
import unicodedata

from qa.answer import Answer, Reading
from qa.understand import MAX_CHARS

MAX_QUESTION = MAX_CHARS  # what the engine reads; the chat input stops typing there, longer text is cut here too
log = logging.getLogger("ui.ask")


def clean(question: str | None) -> str:
    """The question without control or format characters, with whitespace runs made one space."""
    text = unicodedata.normalize("NFC", question or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def polite(question: str, text: str, status: str = "invalid") -> Answer:
    return Answer(question=question, text=text, status=status,
                  reading=Reading(operation="unknown", summary=""))


def ask_safely(engine, question: str | None, conversation=None) -> tuple[Answer, object]:
    """(answer, conversation) for any input. The conversation is passed through unchanged when the
    question never reached the engine."""
    text = clean(question)
    if not text:
        return polite("", "请输入一个问题，例如「哪个单位的行政处罚决定数量最多？」"), conversation
    cut = len(text) > MAX_QUESTION
    if cut:
        text = text[:MAX_QUESTION]
    if not any(ch.isalnum() for ch in text):
        return polite(text, "这个问题里没有可以查询的文字，请换个说法，例如「济南市城管局2020年收到多少申请？」"), \
            conversation
    try:
        answer, conversation = engine.ask(text, conversation)
    except Exception:  # noqa: BLE001 - the page must stay whole; the log keeps the traceback
        log.exception("question failed: %r", text)
        return polite(text, "抱歉，这个问题没能处理（内部错误，已记录）。请换个说法再试，或查看「事实」页中的数字。"), \
            conversation
    if cut:
        answer = answer.model_copy(update={"text": answer.text + f"（问题过长，只读取了前 {MAX_QUESTION} 个字。）"})
    return answer, conversation
