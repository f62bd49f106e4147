"""Draw the figures of the docs from the packaged data: ``python docs/make_figures.py``.

Writes ``docs/img/timeline.png`` and ``docs/img/relationships-<film>.png`` for each film.
With ``--notebook`` it also runs ``docs/tutorial.ipynb``
and saves it with fresh outputs (needs the ``test`` extra: nbclient and ipykernel).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import takedown
from takedown.plotting import relationship_graph, timeline

DOCS = Path(__file__).resolve().parent


def draw(directory: Path = DOCS / "img") -> list[Path]:
    """Save every figure as a PNG in ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    ds = takedown.load()
    figures = {"timeline.png": timeline(ds)}
    for film in ds.films:
        figures[f"relationships-{film.id.partition('/')[2]}.png"] = relationship_graph(film, ds)
    paths = []
    for name, figure in figures.items():
        path = directory / name
        # No date or software version in the file: an unchanged figure gives the same bytes.
        figure.savefig(path, dpi=100, metadata={"Software": None})
        paths.append(path)
    return paths


def run_notebook(path: Path = DOCS / "tutorial.ipynb") -> Path:
    """Execute the tutorial in place, from the docs folder, keeping its outputs."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(DOCS)}}).execute()
    nbformat.write(notebook, path)
    return path


def main() -> None:
    """The command line: draw the figures, and run the tutorial if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", action="store_true", help="also re-run docs/tutorial.ipynb")
    args = parser.parse_args()
    for path in draw():
        print(f"wrote {path.relative_to(DOCS.parent)}")
    if args.notebook:
        print(f"ran {run_notebook().relative_to(DOCS.parent)}")


if __name__ == "__main__":
    main()
