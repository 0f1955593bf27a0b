"""What changed in the index since this chat's answers were drawn: files taken out (by this session, another
session or a `qa build`) and files put in (an upload here or elsewhere, a build). An answer drawn before
may no longer hold either way (a ranking that counted a removed report, a sum that lacks a new one), so the
chat asks its questions again (ui/replay.py) and marks the answers that came out different."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from ui import state
from ui.removal import Removed

SEEN = "index_seen_by_chat"  # the generation the chat's answers were last drawn over, its files, and the names then


@dataclass(frozen=True)
class Change:
    """Files taken out of and put into the index, named as they were uploaded (a server file by its own
    name); `names`: stored name → that name, for the removed files the index's list of names no longer has."""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)


def since_drawn(p: state.Paths, gen: str, messages: list[dict], uploaded: dict[str, str],
                own: Removed | None = None) -> Change | None:
    """The change since this chat was last drawn that its answers must be asked again for, or None. `own`:
    the files this session removed (named by it; the index's list no longer has them). A removed file
    counts when an answer cites it; an added one always (an answer may have needed it and cited nothing)."""
    seen_gen, names, docs = st.session_state.get(SEEN, (None, {}, frozenset()))
    live = frozenset(state.tables(p, gen).reports["doc"].astype(str))
    st.session_state[SEEN] = (gen, {**names, **uploaded}, live)
    if not messages or seen_gen in (None, gen) and own is None:
        return None
    names = {**names, **(own.names if own else {})}
    cited = {c.doc for m in messages if m["role"] == "assistant" for c in m["answer"].citations}
    gone = sorted(cited - live) if seen_gen not in (None, gen) else []
    removed = tuple(dict.fromkeys((*(own.shown if own else ()), *(names.get(d, d) for d in gone))))
    added = tuple(uploaded.get(d, d) for d in sorted(live - docs)) if seen_gen not in (None, gen) else ()
    if not removed and not added:
        return None
    return Change(removed, added, {d: names.get(d, d) for d in gone} | (own.names if own else {}))
