"""The Turtle export is the JSON-LD export's graph, and carries each field's own sources."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import takedown
from takedown.dataset import Dataset
from takedown.export import jsonld_graph, turtle, write_turtle

rdflib = pytest.importorskip("rdflib")
from rdflib.compare import isomorphic  # noqa: E402

SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@pytest.fixture(scope="module")
def graph(ds: Dataset) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle(ds), format="turtle")


def test_the_turtle_holds_the_same_graph_as_the_json_ld(ds: Dataset, graph: rdflib.Graph) -> None:
    from_jsonld = rdflib.Graph().parse(data=json.dumps(jsonld_graph(ds)), format="json-ld")
    assert len(graph) == len(from_jsonld) > 0
    assert isomorphic(graph, from_jsonld)


def test_each_field_with_its_own_sources_is_a_statement_citing_them(
    ds: Dataset, graph: rdflib.Graph
) -> None:
    record = next(r for r in ds.tables.records() if getattr(r, "citations", ()))
    citation = record.citations[0]
    statement = rdflib.URIRef(f"urn:takedown:{record.id}#{citation.field}")
    assert (statement, rdflib.RDF.type, SCHEMA.Statement) in graph
    assert (statement, SCHEMA.about, rdflib.URIRef(f"urn:takedown:{record.id}")) in graph
    cited = {
        str(o).removeprefix("urn:takedown:") for o in graph.objects(statement, SCHEMA.citation)
    }
    assert cited == set(citation.sources)


def test_the_data_version_is_in_the_graph(ds: Dataset, graph: rdflib.Graph) -> None:
    assert ds.version is not None
    dataset = rdflib.URIRef("urn:takedown:dataset")
    assert str(graph.value(dataset, SCHEMA.version)) == ds.version.data


def test_the_turtle_export_writes_one_file(ds: Dataset, tmp_path: Path) -> None:
    (path,) = write_turtle(ds, tmp_path)
    assert path.name == "takedown.ttl"
    assert isomorphic(
        rdflib.Graph().parse(path, format="turtle"),
        rdflib.Graph().parse(data=turtle(ds), format="turtle"),
    )


def test_the_command_line_exports_turtle(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "turtle", str(tmp_path / "rdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "rdf" / "takedown.ttl").read_text(encoding="utf-8").startswith("@prefix")
