"""RDF in Turtle: the triples of :func:`~takedown.export.jsonld_graph`, written by rdflib
(the ``rdf`` extra).

Per-field sources travel as ``schema:Statement`` nodes rather than RDF reification (which
needs each value as an RDF term) or named graphs (which Turtle cannot hold).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .._optional import require
from ._io import write_files
from ._jsonld import jsonld_graph

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["turtle", "write_turtle"]


def turtle(ds: Dataset) -> str:
    """The JSON-LD graph of ``ds`` as Turtle text.  Needs rdflib (``takedown-film[rdf]``)."""
    rdflib = require("rdflib", "rdf", "the Turtle export")
    graph = rdflib.Graph()
    graph.bind("schema", "https://schema.org/")
    graph.parse(data=json.dumps(jsonld_graph(ds)), format="json-ld")
    text: str = graph.serialize(format="turtle")
    return text


def write_turtle(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``takedown.ttl`` into ``directory``; returns the path written."""
    return write_files(directory, {"takedown.ttl": turtle(ds)})
