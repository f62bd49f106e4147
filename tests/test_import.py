"""What importing and loading do to the process: in fresh interpreters, watched by audit hooks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import takedown


def run(code: str, *, path: list[str] | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object, returned here."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # the interpreter's own writes
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(path)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# Records every file the process opens, from the moment the hook is installed.
WATCH_OPENS = """
    import json, sys
    opened = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
"""


def test_import_reads_no_data_and_imports_no_heavy_module() -> None:
    found = run(
        WATCH_OPENS
        + """
    import takedown
    heavy = ["cattrs", "pandas", "polars", "hypothesis", "matplotlib", "numpy", "duckdb"]
    print(json.dumps({
        "data": [p for p in opened if p.endswith(".json")],
        "modules": [m for m in heavy if m in sys.modules],
        "dataset": "takedown.dataset" in sys.modules,
    }))
    """
    )
    assert found == {"data": [], "modules": [], "dataset": False}


def test_a_first_answer_imports_the_loader_and_no_optional_module() -> None:
    found = run(
        """
    import json, sys, takedown
    title = takedown.film("The Takedown").title
    optional = ["pandas", "polars", "hypothesis", "matplotlib", "duckdb", "difflib"]
    print(json.dumps({
        "title": title,
        "cattrs": "cattrs" in sys.modules,
        "optional": [name for name in optional if name in sys.modules],
    }))
    """
    )
    assert found == {"title": "The Takedown", "cattrs": True, "optional": []}


BLOCK_NETWORK_AND_WRITES = """
    import json, os, sys
    WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    FORBIDDEN = {
        "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
        "os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.truncate", "shutil.rmtree",
        "os.symlink", "os.link", "os.chmod", "os.utime",
    }
    def guard(event, args):
        if event in FORBIDDEN:
            raise RuntimeError(f"blocked {event} {args!r}")
        if event == "open":
            path, mode, flags = args
            if (mode and any(c in str(mode) for c in "wax+")) or (flags or 0) & WRITES:
                raise RuntimeError(f"blocked a write to {path!r}")
    sys.addaudithook(guard)
"""


def test_import_load_lookup_and_search_open_no_connection_and_write_nothing() -> None:
    found = run(
        BLOCK_NETWORK_AND_WRITES
        + """
    import takedown
    from takedown._loader import verify
    ds = takedown.load()
    verify()
    hits = takedown.search("periph")
    print(json.dumps({
        "film": takedown.film("loin du periph").id,
        "cast": len(ds.cast("The Takedown")),
        "hits": len(hits),
    }))
    """
    )
    assert found["film"] == "film/the-takedown"
    assert found["cast"] == len(takedown.load().cast("The Takedown"))
    assert found["hits"]


def test_the_guard_does_block_writes_and_connections(tmp_path: Path) -> None:
    # Without this, a guard that blocks nothing would let the test above pass.
    for attempt in (
        "open('x.txt', 'w')",
        "__import__('socket').socket().connect(('127.0.0.1', 9))",
    ):
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(BLOCK_NETWORK_AND_WRITES) + attempt],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,
        )
        assert result.returncode != 0
        assert "blocked" in result.stderr
    assert list(tmp_path.iterdir()) == []


def _zip_package(target: Path) -> Path:
    """The installed ``takedown`` package as a zip, the way a zipped wheel holds it."""
    package = Path(takedown.__file__).parent
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(package.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                archive.write(file, Path("takedown") / file.relative_to(package))
    return target


def test_the_package_works_imported_from_a_zip(tmp_path: Path) -> None:
    archive = _zip_package(tmp_path / "takedown.zip")
    found = run(
        f"""
    import json, sys
    sys.path.insert(0, {str(archive)!r})
    import takedown
    from takedown._loader import verify
    ds = takedown.load()
    verify()
    print(json.dumps({{
        "from": takedown.__file__,
        "title": takedown.film("loin du periph").title,
        "people": len(ds.people),
        "hit": takedown.search("Omar Sy")[0].record.id,
    }}))
    """
    )
    assert str(found["from"]).startswith(str(archive))
    assert found["title"] == "The Takedown"
    assert found["people"] == len(takedown.load().people)
    assert found["hit"] == "person/omar-sy"


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_damaged_zip_install_fails_with_a_data_error(tmp_path: Path, damage: str) -> None:
    source = _zip_package(tmp_path / "good.zip")
    archive = tmp_path / "takedown.zip"
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(archive, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "takedown/data/crew.json":
                if damage == "missing":
                    continue
                data = data[: len(data) // 2]
            bad.writestr(item, data)
    found = run(
        f"""
    import json, sys
    sys.path.insert(0, {str(archive)!r})
    import takedown
    try:
        takedown.load()
    except takedown.DataError as error:
        print(json.dumps({{"file": error.file, "problem": error.problem}}))
    """
    )
    assert found["file"] == "crew.json"


def _imports(package: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, inside functions too, not for type checks.

    ``from . import models`` imports ``takedown.models``; the package it comes from is
    already imported, as every parent package is, so it is no edge of its own.
    """
    import ast

    modules = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # drop what only type checkers read
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                node.body = []
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(
                    here[: len(here) - node.level + 1] * bool(node.level)
                    + ([node.module] if node.module else [])
                )
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
                found.update(subs if len(subs) == len(node.names) else [base, *subs])
        graph[name] = {other for other in found if other in modules and other != name}
    return graph


def test_no_module_imports_another_in_a_cycle() -> None:
    import graphlib

    graph = _imports(Path(takedown.__file__).parent)
    assert "takedown.dataset" in graph["takedown"]  # imports inside functions are counted
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


#: The data side: records, loading, the dataset and what it says about a record.
DATA_MODULES = {
    "takedown.models", "takedown.enums", "takedown.errors", "takedown._fields",
    "takedown._tables", "takedown._manifest", "takedown._convert", "takedown._loader",
    "takedown.dataset", "takedown._indexes", "takedown._search", "takedown._text",
    "takedown._card",
}  # fmt: skip
#: The views: what shows, writes or draws the data.
VIEW_MODULES = {
    "takedown._render", "takedown._html", "takedown.cli", "takedown.__main__",
    "takedown.frames", "takedown.plotting", "takedown._flat", "takedown._cite",
}  # fmt: skip


def test_no_data_module_reaches_a_view_module() -> None:
    graph = _imports(Path(takedown.__file__).parent)
    views = VIEW_MODULES | {name for name in graph if name.startswith("takedown.export")}
    assert DATA_MODULES | views <= set(graph)  # the lists name real modules
    for start in sorted(DATA_MODULES):
        seen, todo = set(), [start]
        while todo:
            for other in graph[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        assert not seen & views, f"{start} imports the views {sorted(seen & views)}"


def test_dir_lists_the_public_api_and_every_name_in_it_resolves() -> None:
    names = dir(takedown)
    assert names == sorted(takedown.__all__)
    assert not {"Any", "TYPE_CHECKING", "threading", "annotations"} & set(names)
    for name in names:
        assert getattr(takedown, name) is not None


def test_the_strategies_without_hypothesis_name_the_extra_that_brings_it() -> None:
    answer = run(
        """
        import json, sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        try:
            import takedown.strategies
        except ImportError as error:
            print(json.dumps({"type": type(error).__name__, "message": str(error)}))
        """
    )
    assert answer == {
        "type": "ImportError",
        "message": "takedown.strategies needs hypothesis: pip install 'takedown-film[test]'",
    }
