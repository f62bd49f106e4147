"""The exceptions :mod:`takedown` raises."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DataError", "NotFoundError", "TakedownError"]


def short(value: object) -> str:
    """``repr(value)``, cut so that no error message quotes a huge value whole."""
    try:
        text = repr(value)
    except ValueError:  # an int beyond the interpreter's limit on digits
        return f"<{type(value).__name__} too long to show>"
    return text if len(text) <= 200 else f"{text[:200]}... ({len(text)} characters)"


class TakedownError(Exception):
    """Base class of every error raised on purpose by :mod:`takedown`."""


class DataError(TakedownError, ValueError):
    """A data file is unreadable, malformed or inconsistent.

    ``file`` names the data file (or ``None`` when the problem spans the dataset),
    ``location`` the place inside it (e.g. ``[12].person``) and ``problem`` what is wrong.
    """

    def __init__(self, problem: str, *, file: str | None = None, location: str = "") -> None:
        self.problem = problem
        self.file = file
        self.location = location
        where = f"{file or 'dataset'}{location}"
        super().__init__(f"{where}: {problem}")


class NotFoundError(TakedownError, LookupError):
    """No record of ``kind`` matches ``key``; ``suggestions`` are the closest names.

    ``ambiguous`` is true when ``key`` is part of several names (``"Omar"`` for two
    records), and ``suggestions`` then lists them all.
    """

    def __init__(
        self, kind: str, key: object, suggestions: Sequence[str] = (), *, ambiguous: bool = False
    ) -> None:
        self.kind = kind
        self.key = key
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.ambiguous = ambiguous
        names = ", ".join(repr(s) for s in self.suggestions)
        shown = short(key)
        if ambiguous:
            message = f"{shown} could be any {kind} of: {names}; give more of the name"
        else:
            message = f"no {kind} matches {shown}"
            if self.suggestions:
                message += f"; did you mean {names}?"
        super().__init__(message)

    def __str__(self) -> str:
        # LookupError/KeyError would repr() the message; keep it readable.
        return str(self.args[0])
