"""Errors that name a file and its problem in one line; the CLI prints them instead of a traceback."""

from __future__ import annotations

import os


def printable(name: str) -> str:
    """A path or file name as text that can be printed, stored and serialised: bytes of a name that are not
    UTF-8 (kept by Python as surrogates) are written as \\xNN, so two such names stay distinct."""
    return os.fsencode(name).decode("utf-8", "backslashreplace") if any(
        "\udc80" <= ch <= "\udcff" for ch in name) else name


class ReportError(Exception):
    """A file that could not be read as a report. str() is the one-line message for the user."""

    def __init__(self, path: str, problem: str):
        self.path = printable(str(path))
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
