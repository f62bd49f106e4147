"""docs/data.md is generated from the data; it must match what the data say now."""

from __future__ import annotations

from pathlib import Path

import takedown
from takedown.datadoc import markdown

PAGE = Path(__file__).resolve().parents[1] / "docs" / "data.md"


def test_the_data_page_is_current() -> None:
    expected = markdown(takedown.load())
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/data.md is stale: run `python -m takedown.datadoc docs/data.md`"
    )


def test_the_data_page_lists_every_table_and_every_disagreement() -> None:
    ds = takedown.load()
    page = markdown(ds)
    for name in ds.tables.__attrs_attrs__:
        assert f"`{name.name}.json`" in page
    for conflict in ds.conflicts():
        assert f"`{conflict.subject}`" in page
        assert conflict.preferred.value.replace("|", "\\|") in page
