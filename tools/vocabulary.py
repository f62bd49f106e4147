"""Derive ``tests/data/schemaorg-subset.json`` from a schema.org release file.

    python tools/vocabulary.py RELEASE [OUT]

A maintainer's tool, kept out of the wheel.  ``RELEASE`` is the release's
``schemaorg-current-https.jsonld`` (the one of release 30.0 was used; schema.org is under
the Apache License 2.0).  The JSON-LD tests check the export against the subset, so a
checkout needs no copy of the vocabulary: it keeps, in the release's own shape, each class
the export uses with all its superclasses (``rdfs:subClassOf``) and each property it uses
with its ``schema:domainIncludes``; no labels or comments.  Run it again when the export
uses a new type or property: the tests name the one the subset lacks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from takedown import load
from takedown.export import jsonld, jsonld_graph, jsonld_series

# The test dataset with a record of each knowledge kind, however the tool is run.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from knowledge import knowledge_dataset

__all__ = ["PROBES", "documents", "names_used", "subset"]

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "schemaorg-subset.json"

#: Properties the export does not use that the tests show the check refusing.
PROBES = frozenset({"partOfSeries"})

#: What a class or property keeps: the rest of a node is prose or release bookkeeping.
KEPT = ("@id", "@type", "rdfs:subClassOf", "schema:domainIncludes")


def documents() -> list[dict[str, Any]]:
    """Every JSON-LD document the export makes, of the packaged data and of the test
    dataset that holds a record of each knowledge kind."""
    docs = []
    for ds in (load(), knowledge_dataset()):
        docs += [jsonld(ds, f) for f in ds.films] + jsonld_series(ds) + [jsonld_graph(ds)]
    return docs


def names_used(docs: Iterable[Any]) -> tuple[set[str], set[str]]:
    """The ``@type`` values and the property names (``@reverse`` ones too) in ``docs``."""
    classes: set[str] = set()
    properties: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key == "@type":
                    classes.add(inner)
                elif key == "@reverse":
                    properties.update(inner)
                    walk(list(inner.values()))
                elif key == "@graph":
                    walk(inner)
                elif not key.startswith("@"):
                    properties.add(key)
                    walk(inner)

    walk(list(docs))
    return classes, properties


def _ids(value: Any) -> Iterator[str]:
    for item in value if isinstance(value, list) else [value] if value else []:
        yield item["@id"]


def subset(release: dict[str, Any], classes: set[str], properties: set[str]) -> dict[str, Any]:
    """The nodes of ``release`` for ``classes`` (with their superclasses) and ``properties``.

    Raises ValueError naming any class or property the release does not define.
    """
    graph = {node["@id"]: node for node in release["@graph"]}

    def kind(node: dict[str, Any]) -> list[str]:
        return node["@type"] if isinstance(node["@type"], list) else [node["@type"]]

    wanted = [f"schema:{p}" for p in sorted(properties)]
    missing = [p for p in wanted if "rdf:Property" not in kind(graph.get(p, {"@type": []}))]
    stack = [f"schema:{c}" for c in sorted(classes)]
    while stack:
        cls = stack.pop()
        if cls in wanted:
            continue
        if "rdfs:Class" not in kind(graph.get(cls, {"@type": []})):
            missing.append(cls)
            continue
        wanted.append(cls)
        stack.extend(_ids(graph[cls].get("rdfs:subClassOf")))
    if missing:
        raise ValueError(f"not defined by the release: {', '.join(sorted(missing))}")
    kept = [{k: graph[i][k] for k in KEPT if k in graph[i]} for i in sorted(wanted)]
    named = json.dumps(kept)  # every prefix a kept node writes, for a context that covers it
    context = {k: v for k, v in release["@context"].items() if f'"{k}:' in named}
    return {"@context": context, "@graph": kept}


def main(argv: list[str] | None = None) -> None:
    """Write the subset of the release named in ``argv`` to ``OUT`` (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.exit(__doc__)
    release = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    classes, properties = names_used(documents())
    found = subset(release, classes, properties | PROBES)
    out = Path(args[1]) if len(args) > 1 else OUT
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(found['@graph'])} classes and properties to {out}")


if __name__ == "__main__":
    main()
