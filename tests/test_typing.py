"""The package is typed for its dependents: ``mypy --strict`` accepts tests/typing/consumer.py.

mypy checks the ``takedown`` that Python imports: the installed wheel in CI (so a missing
``py.typed`` fails here), the source tree when run with ``PYTHONPATH=src``.
"""

from __future__ import annotations

import importlib.util
import os
import site
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import takedown

CONSUMER = Path(__file__).parent / "typing" / "consumer.py"
ROOT = Path(__file__).parents[1]

# A dependent's mistakes that a checker must catch: a wrong type pinned, a wrong attribute.
WRONG = """\
import takedown
from typing_extensions import assert_type

assert_type(takedown.film("the takedown").year, str)
takedown.load().film("the takedown").runtime
"""


def _mypy(*files: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    package_parent = Path(takedown.__file__).resolve().parents[1]
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if package_parent not in installed:
        # A source checkout: mypy reads no PYTHONPATH, so point it at the tree Python uses.
        env["MYPYPATH"] = str(package_parent)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *map(str, files)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _load_consumer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("takedown_consumer", CONSUMER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mypy_strict_accepts_the_consumer_and_rejects_wrong_uses(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(WRONG, encoding="utf-8")
    result = _mypy(CONSUMER, wrong, cache=tmp_path / "cache")
    report = result.stdout + result.stderr
    consumer_errors = [line for line in report.splitlines() if "consumer.py" in line]
    assert consumer_errors == [], report
    # Both mistakes are caught, so mypy saw the real types and not Any.
    assert f"{wrong.name}:4: error" in report, report
    assert f"{wrong.name}:5: error" in report, report
    assert '"Film" has no attribute "runtime"' in report, report
    assert result.returncode == 1, report


def test_the_consumer_runs() -> None:
    consumer = _load_consumer()
    lines = consumer.explore()
    assert "The Takedown" in lines
    assert all(isinstance(line, str) for line in lines)
    film, person, character, hits = consumer.shortcuts()
    assert (film.title, person.name) == ("The Takedown", "Omar Sy")
    assert film in character.films
    assert hits[0].record == person
    assert "Omar Sy" in consumer.suggestions("omar si")
    with pytest.raises(takedown.NotFoundError) as caught:
        takedown.person("nobody at all")
    assert consumer.is_ours(caught.value)
    consumer.check_generated_films()


def test_the_consumer_reports_a_broken_data_directory(tmp_path: Path) -> None:
    message = _load_consumer().load_copy(str(tmp_path))
    assert isinstance(message, str)
    assert "manifest.json" in message
