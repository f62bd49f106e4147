"""Test helper: import a script of the repository (``tools/``, ``benchmarks/``) by its path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def script(relative: str) -> ModuleType:
    """The module at ``ROOT/relative``; the test is skipped where the checkout lacks it."""
    path = ROOT / relative
    if not path.exists():
        pytest.skip(f"{relative} is not part of this checkout")
    name = "takedown_script_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def source_documents() -> Path:
    """The folder of the source documents, where ``tools/provenance.py`` finds it.

    That is ``$TAKEDOWN_SOURCES``, else ``shared/sources`` beside the repository.  Where the
    folder is missing, the calling test (or module, at import) is skipped: a clone carries no
    copy of the texts.  ``.ci/run`` refuses to start without them, so CI never skips.
    """
    folder: Path = script("tools/provenance.py").SOURCES
    if not folder.is_dir():
        pytest.skip(
            f"no source documents at {folder}: set TAKEDOWN_SOURCES to their folder",
            allow_module_level=True,
        )
    return folder
