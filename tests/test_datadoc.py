"""docs/data.md is generated from the data; it must match what the data say now.

The pages also state how many values the source documents were found to state; without the
documents (``TAKEDOWN_SOURCES``, see ``scripts.source_documents``) those figures alone are
taken from the committed page and every other line is still compared.  ``.ci/run`` provides
the documents, so CI compares the figures too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

import takedown
from scripts import ROOT, script
from takedown._loader import verify
from takedown._tables import table_specs

datadoc = script("tools/datadoc.py")
markdown = datadoc.markdown

PAGE = ROOT / "docs" / "data.md"

#: How both pages write the result of the check against the texts.
FIGURES = re.compile(r"(\d+) of (\d+) cited pairs")


def regenerated(
    page: Path, make: Callable[[takedown.Dataset], str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """``make`` of the packaged data, with the page's own figures of the check where the
    source documents are missing (the generators read them through ``provenance.share``)."""
    provenance = datadoc.provenance
    if not provenance.SOURCES.is_dir():
        found = FIGURES.search(page.read_text(encoding="utf-8"))
        figures = (int(found[1]), int(found[2])) if found else None
        monkeypatch.setattr(provenance, "share", lambda ds: figures)
    return make(takedown.load())


def test_the_data_page_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = regenerated(PAGE, markdown, monkeypatch)
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/data.md is stale: run `python tools/datadoc.py docs/data.md`"
    )


def test_the_data_page_lists_every_table_and_every_disagreement() -> None:
    ds = takedown.load()
    page = markdown(ds)
    for name in ds.tables.__attrs_attrs__:
        assert f"`{name.name}.json`" in page
    for conflict in ds.conflicts():
        assert f"`{conflict.subject}`" in page
        assert conflict.preferred.text.replace("|", "\\|") in page


def test_the_manifest_tool_rewrites_a_directory_that_loads_back(tmp_path: Path) -> None:
    packaged = files("takedown") / "data"
    for name in [*(spec.file for spec in table_specs()), "manifest.json"]:
        (tmp_path / name).write_bytes(packaged.joinpath(name).read_bytes())
    reviews = json.loads((tmp_path / "reviews.json").read_bytes())
    reviews[0]["gist"] = "Edited by hand."
    (tmp_path / "reviews.json").write_text(json.dumps(reviews), encoding="utf-8")
    with pytest.raises(takedown.DataError, match="digest"):
        verify(tmp_path)
    script("tools/manifest.py").main([str(tmp_path)])
    verify(tmp_path)
    assert takedown.Dataset.from_path(tmp_path).get(reviews[0]["id"]).gist == "Edited by hand."


def test_the_dataset_card_is_current_and_follows_the_datasheet_headings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = ROOT / "docs" / "datasheet.md"
    expected = regenerated(card, script("tools/datasheet.py").markdown, monkeypatch)
    assert card.read_text(encoding="utf-8") == expected, (
        "docs/datasheet.md is stale: run `python tools/datasheet.py docs/datasheet.md`"
    )
    headings = [line for line in expected.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Motivation",
        "## Composition",
        "## Collection process",
        "## Preprocessing",
        "## Uses",
        "## Distribution",
        "## Maintenance",
    ]
    ds = takedown.load()
    assert f"| **all** | **{len(ds.tables.records())}** |" in expected
    assert f"{len(ds.conflicts())} disagreements" in expected
