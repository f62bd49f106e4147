"""Draw the figures of the docs from the packaged data: ``python docs/make_figures.py``.

Writes ``docs/img/timeline.png``.  With ``--notebook`` it also runs ``docs/tutorial.ipynb``
and saves it with fresh outputs (needs the ``test`` extra: nbclient and ipykernel).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import takedown
from takedown.plotting import timeline

DOCS = Path(__file__).resolve().parent


def draw(directory: Path = DOCS / "img") -> list[Path]:
    """Save every figure as a PNG in ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "timeline.png"
    # No date or software version in the file, so that an unchanged figure gives the same bytes.
    timeline(takedown.load()).savefig(path, dpi=120, metadata={"Software": None})
    return [path]


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
