"""Test helper: gather the records a record refers to, so it can be structured back."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from takedown._fields import references


def referenced(record: Any) -> dict[str, dict[str, Any]]:
    """``{kind: {id: record}}`` of every record reachable through reference fields."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    stack = [record]
    while stack:
        for _, target in references(stack.pop()):
            found[type(target).KIND][target.id] = target
            stack.append(target)
    return found


def cited(sources: frozenset[str] | set[str], *fields: str) -> tuple[Any, ...]:
    """Citations of ``fields``, each to all of ``sources``: a record made by hand in a test."""
    from takedown.models import Citation

    return tuple(Citation(field=field, sources=frozenset(sources)) for field in fields)


def with_aliases(record: Any, *aliases: str) -> Any:
    """``record`` with these aliases instead of its own, each cited to one of its sources."""
    import attrs

    from takedown.models import Citation

    first = frozenset(sorted(record.sources)[:1])
    kept = tuple(c for c in record.citations if c.field != "aliases")
    cited = tuple(Citation(field="aliases", item=alias, sources=first) for alias in aliases)
    return attrs.evolve(record, aliases=aliases, citations=kept + cited)
