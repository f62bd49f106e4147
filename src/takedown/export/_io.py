"""Writing export files: UTF-8, ``\\n`` line ends on every platform, directories made on demand."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

__all__ = ["dumps", "prepare", "write_text"]


def dumps(value: Any) -> str:
    """The project's JSON layout: two-space indent, Unicode kept, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def prepare(directory: str | os.PathLike[str]) -> Path:
    """``directory`` as a Path, created with its parents if missing.

    Raises :class:`NotADirectoryError` if it exists and is a file.
    """
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"{root} exists and is not a directory")
    root.mkdir(parents=True, exist_ok=True)
    return root


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 bytes (no newline translation) and return ``path``."""
    path.write_bytes(text.encode("utf-8"))
    return path
