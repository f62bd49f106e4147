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
    """A data file is unreadable, malformed or inconsistent: ``problem`` says what is wrong,
    ``location`` where in ``file`` (``[12].person``); ``file`` is None for the whole dataset."""

    def __init__(self, problem: str, *, file: str | None = None, location: str = "") -> None:
        self.problem = problem
        self.file = file
        self.location = location
        where = f"{file or 'dataset'}{location}"
        super().__init__(f"{where}: {problem}")


class NotFoundError(TakedownError, LookupError):
    """No record of ``kind`` matches ``key``; ``suggestions`` are the closest names, or, when
    ``ambiguous`` (``key`` is part of several names), every name it could be."""

    def __init__(
        self, kind: str, key: object, suggestions: Sequence[str] = (), *, ambiguous: bool = False
    ) -> None:
        self.kind = kind
        self.key = key
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.ambiguous = ambiguous
        names = ", ".join(map(repr, self.suggestions))
        if ambiguous:
            message = f"{short(key)} could be any {kind} of: {names}; give more of the name"
        else:
            guess = f"; did you mean {names}?" if self.suggestions else ""
            message = f"no {kind} matches {short(key)}{guess}"
        super().__init__(message)

    def __str__(self) -> str:
        # LookupError/KeyError would repr() the message; keep it readable.
        return str(self.args[0])
