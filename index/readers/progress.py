"""Page progress for the readers of paged formats: a scanned PDF takes seconds a page, so a caller (the
build's progress bar, the app) can be told after each page. Set for one read with `page_progress`;
readers call `report_page`. A context variable, so concurrent reads in threads do not mix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)

_CURRENT: ContextVar[PageProgress | None] = ContextVar("page_progress", default=None)


@contextmanager
def page_progress(callback: PageProgress | None) -> Iterator[None]:
    token = _CURRENT.set(callback)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def report_page(done: int, total: int) -> None:
    callback = _CURRENT.get()
    if callback is not None:
        callback(done, total)
