"""How to cite the curated dataset (its facts' own sources are ``ds.sources``): plain text,
APA or BibTeX, with its data version.  ``CITATION.cff`` says the same for tools."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ._manifest import DataVersion

__all__ = ["STYLES", "cite"]

Style = Literal["plain", "apa", "bibtex"]
#: The citation styles :func:`cite` writes.
STYLES: tuple[Style, ...] = ("plain", "apa", "bibtex")

# The project's metadata, defined here once: the exports that describe the dataset give it too.
TITLE = (
    "takedown: a typed, sourced dataset about The Takedown (2022) "
    "and On the Other Side of the Tracks (2012)"
)
AUTHOR = "The takedown developers"
URL = "https://github.com/takedown-film/takedown"
YEAR = 2026
NAME = "takedown"
LICENSE = "MIT"
LICENSE_URL = "https://opensource.org/licenses/MIT"


def cite(style: Style, package_version: str, data: DataVersion | None) -> str:
    """The dataset's citation in ``style``, for ``package_version`` and the ``data`` version
    (``ds.version``: None if unknown).

    >>> "Data version unknown" in cite("plain", "0.1.0", None)
    True
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    version = data.data if data else "unknown"
    if style == "bibtex":
        return (
            f"@misc{{takedown_{version.replace('.', '_')},\n"
            f"  author = {{{{{AUTHOR}}}}},\n"
            f"  title = {{{{{TITLE}}}}},\n"
            f"  year = {{{YEAR}}},\n"
            f"  version = {{{version}}},\n"
            f"  note = {{Data version {version}; package takedown-film {package_version}}},\n"
            f"  url = {{{URL}}}\n"
            "}"
        )
    if style == "apa":
        return f"{AUTHOR}. ({YEAR}). {TITLE} (Version {version}) [Data set]. {URL}"
    package = f"takedown-film {package_version}"
    return f"{AUTHOR} ({YEAR}). {TITLE}. Data version {version}, {package}. {URL}"
