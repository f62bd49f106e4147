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
