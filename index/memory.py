"""Python's cyclic garbage collector paused while a large structure is made or read.

Why: making hundreds of thousands of small objects at once (the manifest's 100,000 file rows, an agency
finder of 34,000 names, a report list) sets off full collections that walk every object in the process
again and again: reading the agency finder took 8.2 s with it and 3.0 s without. What is made there holds
no reference cycles to collect; the collector runs again as usual afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(keep: bool = False) -> Iterator[None]:
    """keep: what was made is held for good (an engine over an index): frozen once made (see held_for_good)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
        if keep:
            held_for_good()
    finally:
        if was:
            gc.enable()


def held_for_good() -> None:
    """Keep the collector from walking what an open engine holds (qa.engine.QA): at 100,000 reports its
    reports, agency finder and pinyin tables are ~900,000 tracked objects, and each full collection walked
    them all again (0.3-0.5 CPU s, set off by the first answer or two after every open or reopen). Frozen
    objects are still freed by reference counting when let go (an engine holds no reference cycles). No
    collection first: the objects just made are all young, and walking them cost 0.07 CPU s of a reopen."""
    gc.freeze()


def freeze_long_lived() -> None:
    """Keep the collector from walking what a worker holds for good: once the first file is read, the
    imported modules, the template's tables and the readers' caches are made. Each full collection walked
    them all again (13–16 ms, once every ~70 reports: about a tenth of extraction's time)."""
    gc.freeze()
