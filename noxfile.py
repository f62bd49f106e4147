"""The tests on every supported Python: ``nox``; one of them: ``nox -s tests-3.12``.

``nox -s lint docs`` runs the linters and the strict documentation build.

``bash .ci/run`` is what CI runs on one Python; these sessions are for checking the other
supported versions locally and on GitHub.  Interpreters installed with pyenv are found even
when no pyenv shim is active.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nox

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]


def _pyenv_bins() -> list[str]:
    """The bin directories of every pyenv-installed CPython, newest patch release first."""
    try:
        root = subprocess.run(
            ["pyenv", "root"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    versions = Path(root) / "versions"
    if not versions.is_dir():
        return []

    def release(path: Path) -> tuple[int, ...]:
        parts = path.name.split(".")
        return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()

    found = [p for p in versions.iterdir() if release(p) and (p / "bin").is_dir()]
    return [str(p / "bin") for p in sorted(found, key=release, reverse=True)]


# nox looks for `python3.X` on PATH. pyenv's shims answer to every version but fail for those
# not selected, so the interpreters' own directories go first.
os.environ["PATH"] = os.pathsep.join([*_pyenv_bins(), os.environ.get("PATH", "")])


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite, deterministic as in CI, against an installed (not editable) package."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", "-q", *session.posargs, env={"CI": "1"})


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """ruff and mypy --strict, on the oldest supported Python."""
    session.install(".[lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "--strict", "src")


@nox.session(python=PYTHONS[-1])
def docs(session: nox.Session) -> None:
    """Build the documentation site strictly (warnings fail)."""
    session.install(".[docs]")
    session.run(
        "mkdocs", "build", "--strict", "--site-dir", str(Path(session.create_tmp()) / "site")
    )
