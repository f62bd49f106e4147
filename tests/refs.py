"""Test helper: gather the records a record refers to, so it can be structured back."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from takedown._fields import REF_KIND


def referenced(record: Any) -> dict[str, dict[str, Any]]:
    """``{kind: {id: record}}`` of every record reachable through reference fields."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    stack = [record]
    while stack:
        current = stack.pop()
        for field in attrs.fields(type(current)):
            if REF_KIND not in field.metadata:
                continue
            value = getattr(current, field.name)
            targets = value if isinstance(value, tuple) else (value,)
            for target in targets:
                if target is not None:
                    found[field.metadata[REF_KIND]][target.id] = target
                    stack.append(target)
    return found
