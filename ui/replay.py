"""A conversation asked again after files were taken out of the index or put into it (ui/changes.py): an
answer that counted a removed file, or a ranking drawn before a report came in, must not stay on the page as
if it still held. Every question of the conversation is put again, in order (a follow-up reads the turns
before it, as it did), over the index as it is now; an answer that comes out different replaces the old one
and keeps it beside it, marked, with the files whose removal or addition changed it. Answers that come out
the same are left as they were."""

from __future__ import annotations

from dataclasses import dataclass

from qa.answer import Answer
from ui.ask import ask_safely
from ui.changes import Change


def answer_turn(engine, question: str, conversation=None) -> tuple[Answer, object]:
    """One question put to the engine as the chat puts it: safely, every row of its table quoted (the page
    shows and exports every row with its source)."""
    answer, conversation = ask_safely(engine, question, conversation)
    return engine.every_row(answer), conversation


@dataclass(frozen=True)
class Before:
    """What an answer said before the index changed: its text (with the files' names as they were shown:
    the removed files' upload names are gone from the index's list by now) and the files removed and added."""
    text: str
    removed: tuple[str, ...]
    added: tuple[str, ...] = ()


def replay(engine, messages: list[dict], change: Change, shown_text) -> tuple[object, int]:
    """Ask every user message of `messages` again over `engine`, in order, replacing each assistant answer
    that changed (its old text kept under "before"). `shown_text(answer)` is an answer's text as the page
    showed it. Returns the conversation after the last question and how many answers changed."""
    conversation, changed = None, 0
    for i, message in enumerate(messages):
        if message["role"] != "user" or i + 1 >= len(messages) or messages[i + 1]["role"] != "assistant":
            continue
        old: Answer = messages[i + 1]["answer"]
        new, conversation = answer_turn(engine, message["text"], conversation)
        if new != old:
            messages[i + 1] = {"role": "assistant", "answer": new, "before": Before(shown_text(old), change.removed,
                                                                                     change.added)}
            changed += 1
    return conversation, changed
