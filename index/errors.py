"""Errors that name a file and its problem in one line; the CLI prints them instead of a traceback."""


class ReportError(Exception):
    """A file that could not be read as a report. str() is the one-line message for the user."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
