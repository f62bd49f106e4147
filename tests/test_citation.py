"""The citation: CITATION.cff is valid CFF 1.2.0, and every form names the data version."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

import takedown
from scripts import ROOT

CFF = ROOT / "CITATION.cff"
#: The CFF 1.2.0 schema, as published with the format (and shipped in cffconvert 2.0.0).
SCHEMA = ROOT / "tests" / "data" / "cff-1.2.0.schema.json"


def _cff() -> dict[str, object]:
    if not CFF.exists():
        pytest.skip("CITATION.cff is not part of this checkout")
    loaded = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_citation_file_is_valid_cff_1_2_0() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_cff(), schema)  # raises ValidationError with the path on failure


def test_the_citation_file_and_every_style_carry_the_data_version() -> None:
    version = takedown.load().version
    assert version is not None
    assert _cff()["version"] == version.data
    for style in ("plain", "apa", "bibtex"):
        assert version.data in takedown.cite(style)  # type: ignore[arg-type]


def test_bibtex_is_one_entry_with_balanced_braces() -> None:
    entry = takedown.cite("bibtex")
    assert entry.startswith("@misc{takedown_")
    assert entry.endswith("}")
    assert entry.count("{") == entry.count("}")


def test_an_unknown_style_is_a_value_error_naming_the_styles() -> None:
    with pytest.raises(ValueError, match="plain, apa, bibtex"):
        takedown.cite("mla")  # type: ignore[arg-type]


def test_the_cite_command_prints_the_asked_style() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "cite", "--format", "apa"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == takedown.cite("apa")
    as_json = subprocess.run(
        [sys.executable, "-m", "takedown", "cite", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(as_json.stdout) == {"citation": takedown.cite(), "format": "plain"}
