"""A typed, sourced dataset about *The Takedown* (2022) and its 2012 predecessor.

>>> import takedown
>>> takedown.film("loin du periph").title
'The Takedown'

Importing this package reads no data: :func:`load` does, once per process, on first use.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any, Literal

from .errors import DataError, NotFoundError, TakedownError

if TYPE_CHECKING:
    from . import models
    from ._loader import MAX_FILE_BYTES, MAX_INT, MAX_NAME_CHARS, MIN_INT
    from ._manifest import DataVersion
    from ._search import SearchHit
    from .dataset import Dataset
    from .models import (
        Admissions,
        Award,
        CastCredit,
        Character,
        Citation,
        Claim,
        Company,
        CompanyCredit,
        Comparison,
        Conflict,
        Country,
        CrewCredit,
        Film,
        FilmingLocation,
        Language,
        Location,
        Organization,
        PartialDate,
        Person,
        PlotEvent,
        ProductionEvent,
        Rating,
        Relationship,
        Release,
        Review,
        Source,
        Theme,
        Viewership,
        Work,
    )

__version__ = "0.1.0"

__all__ = [
    "Admissions",
    "Award",
    "CastCredit",
    "Character",
    "Citation",
    "Claim",
    "Company",
    "CompanyCredit",
    "Comparison",
    "Conflict",
    "Country",
    "CrewCredit",
    "DataError",
    "DataVersion",
    "Dataset",
    "Film",
    "FilmingLocation",
    "Language",
    "Location",
    "MAX_FILE_BYTES",
    "MAX_INT",
    "MAX_NAME_CHARS",
    "MIN_INT",
    "NotFoundError",
    "Organization",
    "PartialDate",
    "Person",
    "PlotEvent",
    "ProductionEvent",
    "Rating",
    "Relationship",
    "Release",
    "Review",
    "SearchHit",
    "Source",
    "TakedownError",
    "Theme",
    "Viewership",
    "Work",
    "__version__",
    "character",
    "cite",
    "film",
    "load",
    "load_ipython_extension",
    "models",
    "person",
    "search",
]

_lock = threading.Lock()
_dataset: Dataset | None = None


def load() -> Dataset:
    """The packaged dataset, read on the first call (by one thread only) and then shared; a
    file not matching the manifest's digest (a corrupted install) is a :class:`DataError`."""
    global _dataset
    if _dataset is None:
        with _lock:
            if _dataset is None:
                from ._manifest import packaged_data
                from .dataset import Dataset

                _dataset = Dataset._read(packaged_data(), require_digests=True)
    return _dataset


def film(key: str | Film) -> Film:
    """Shortcut for ``load().film(key)``."""
    return load().film(key)


def person(key: str | Person) -> Person:
    """Shortcut for ``load().person(key)``."""
    return load().person(key)


def character(key: str | Character) -> Character:
    """Shortcut for ``load().character(key)``."""
    return load().character(key)


def cite(style: Literal["plain", "apa", "bibtex"] = "plain") -> str:
    """How to cite the dataset, with its data version: ``"plain"``, ``"apa"`` or ``"bibtex"``."""
    from ._cite import cite as citation

    return citation(style, __version__, load().version)


def search(text: str, limit: int = 10) -> tuple[SearchHit, ...]:
    """Shortcut for ``load().search(text, limit)``."""
    return load().search(text, limit)


#: Where each public name that is not a model lives.
_LAZY = {
    "DataVersion": "_manifest",
    **dict.fromkeys(("MAX_FILE_BYTES", "MAX_INT", "MAX_NAME_CHARS", "MIN_INT"), "_loader"),
    "Dataset": "dataset",
    "SearchHit": "_search",
}


def __getattr__(name: str) -> Any:
    # The models and cattrs are imported on first use, so that `import takedown` stays cheap.
    import importlib

    if name == "models":
        return importlib.import_module(".models", __name__)
    module = importlib.import_module(f".{_LAZY.get(name, 'models')}", __name__)
    if name in _LAZY or name in module.__all__:
        return getattr(module, name)
    raise AttributeError(f"module 'takedown' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """Have the IPython shell ``ipython`` show records, cards, search hits and datasets as
    HTML.  ``import takedown`` does this inside IPython; ``%load_ext takedown`` does it in a
    shell started after takedown was imported (``IPython.embed()`` in a script)."""
    from ._html import register

    register(ipython)


def _display_in_ipython() -> None:
    # A notebook imports IPython before any cell runs, so outside IPython nothing is imported.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "display_formatter"):
        load_ipython_extension(shell)


_display_in_ipython()


def __dir__() -> list[str]:
    # The public API only: not the helpers this module imports (threading, typing names).
    return sorted(__all__)
