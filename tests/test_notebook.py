"""The tutorial notebook runs top to bottom in a real Jupyter kernel and shows what it says."""

from __future__ import annotations

import base64
import gc
import json
import os
import sys
import warnings
from html import escape
from pathlib import Path
from typing import Any

import pytest

import takedown
from takedown._html import dataset_html, record_html

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

DOCS = Path(__file__).resolve().parent.parent / "docs"
KERNEL = "takedown-tutorial"


def _kernel_manager(kernels: Path) -> Any:
    """A kernel manager for a kernel running this very interpreter and this takedown.

    A kernelspec of our own, in a temporary folder, so that whatever ``python3`` kernel the
    machine has installed (another interpreter, another venv) is never picked up.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    package_root = Path(takedown.__file__).resolve().parent.parent
    path = [str(package_root), *filter(None, [os.environ.get("PYTHONPATH")])]
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "takedown tests",
        "language": "python",
        "env": {"PYTHONPATH": os.pathsep.join(path)},
    }
    folder = kernels / KERNEL
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    notebook = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []  # only what this run produces counts
    km = _kernel_manager(tmp_path_factory.mktemp("kernels"))
    client = nbclient.NotebookClient(
        notebook, km=km, timeout=180, resources={"metadata": {"path": str(DOCS)}}
    )
    with warnings.catch_warnings():
        # jupyter_client leaves zmq sockets for the garbage collector, which warns; collect
        # them here rather than let the warning land in whichever test runs next.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            client.execute()  # raises CellExecutionError on the first cell that fails
        finally:
            del client, km
            gc.collect()
    return notebook


def _tagged(notebook: Any, tag: str) -> Any:
    (cell,) = [c for c in notebook.cells if tag in c.metadata.get("tags", [])]
    return cell


def _rich(notebook: Any, tag: str, mime: str) -> str:
    (output,) = [o for o in _tagged(notebook, tag).outputs if mime in o.get("data", {})]
    return str(output["data"][mime])


def _stdout(notebook: Any, tag: str) -> str:
    outputs = _tagged(notebook, tag).outputs
    return "".join(o["text"] for o in outputs if o.get("name") == "stdout")


def test_every_cell_runs_without_errors_or_warnings(executed: Any) -> None:
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.execution_count is not None
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert output.get("name") != "stderr", (cell.source, output.get("text"))


def test_records_and_the_dataset_show_as_html(executed: Any) -> None:
    ds = takedown.load()
    assert _rich(executed, "dataset", "text/html") == dataset_html(ds)
    film_card = _rich(executed, "film-card", "text/html")
    assert film_card == record_html(ds.film("The Takedown"))
    assert escape("Loin du périph") in film_card
    assert 'class="takedown-person"' in _rich(executed, "person-card", "text/html")
    character = ds.character("Ousmane Diakité")
    assert _rich(executed, "character-card", "text/html") == record_html(character)


def test_lookups_claims_and_search_print_what_the_data_holds(executed: Any) -> None:
    ds = takedown.load()
    assert "did you mean 'The Takedown'" in _stdout(executed, "not-found")
    cast = _stdout(executed, "cast")
    for credit in ds.cast("The Takedown"):
        assert credit.person.name in cast
    character = ds.character("Ousmane Diakité")
    preferred = next(c for c in ds.claims(character, "name") if c.preferred)
    assert f"preferred {preferred.value}" in _stdout(executed, "claims")
    assert ds.person("Louis Leterrier").id in _stdout(executed, "search")


def test_dataframes_show_as_tables(executed: Any) -> None:
    pandas_html = _rich(executed, "cast-frame", "text/html")
    assert 'class="dataframe"' in pandas_html
    leads = [c.person.name for c in takedown.load().cast("The Takedown")[:5]]
    positions = [pandas_html.index(escape(name)) for name in leads]
    assert positions == sorted(positions)  # billing order
    polars_html = _rich(executed, "polars-frame", "text/html")
    assert "<table" in polars_html
    assert escape("Ousmane Diakité") in polars_html


def test_the_timeline_is_drawn_as_an_image(executed: Any) -> None:
    png = base64.b64decode(_rich(executed, "timeline", "image/png"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def _shown(cell: Any) -> list[str]:
    """What takedown shows in a cell: the printed text, and each result's text and HTML
    when they are takedown's own (a record, a list of values, a card).  Frames and figures
    are left out: pandas, polars and matplotlib draw them as their version does."""
    shown = []
    for output in cell.outputs:
        if output.get("name") == "stdout":
            shown.append(output["text"])
        data = output.get("data", {})
        html = str(data.get("text/html", ""))
        if "image/png" in data or (html and 'class="takedown-' not in html):
            continue
        shown.extend(str(data[kind]) for kind in ("text/plain", "text/html") if kind in data)
    return shown


def test_the_stored_outputs_are_those_of_the_current_data(executed: Any) -> None:
    # The docs show the notebook as stored: a change to the data or the views must be
    # followed by a refresh (run it and save it), or the docs show what is no longer true.
    stored = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code"]
    ran = [c for c in executed.cells if c.cell_type == "code"]
    for before, now in zip(code, ran, strict=True):
        assert _shown(before) == _shown(now), before.source
