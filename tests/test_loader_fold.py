"""fold(), which every index of a load goes through, folds exactly as its plain definition.

fold() takes shortcuts for speed (ASCII text, Latin accents in one pass); this holds it to
the definition it replaced: NFKD, drop combining marks, casefold, collapse white space.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from takedown._text import fold

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def test_every_character_of_the_basic_plane_folds_as_defined() -> None:
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are not characters
        text = f" A{chr(code)}é\t"
        assert fold(text) == plain_fold(text), hex(code)


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(" \t\n`\u2019\u0301\u034f")))
def test_any_text_folds_as_defined(text: str) -> None:
    assert fold(text) == plain_fold(text)
