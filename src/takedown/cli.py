"""The ``takedown`` command (also ``python -m takedown``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .errors import DataError, NotFoundError

__all__ = ["main"]

#: Exit codes: 0 fine, 1 nothing found, 2 bad usage (argparse), 3 broken data, 4 cannot write.
EXIT_NOT_FOUND = 1
EXIT_DATA_ERROR = 3
EXIT_CANNOT_WRITE = 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="takedown",
        description="Explore the dataset about The Takedown (2022) and its 2012 predecessor.",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("overview", help="both films at a glance (the default)")
    for name, what in (("film", "a film"), ("person", "a person"), ("character", "a character")):
        cmd = sub.add_parser(name, help=f"show {what} by id, name or alias")
        cmd.add_argument("key")
    cmd = sub.add_parser("search", help="search every record, typos forgiven")
    cmd.add_argument("text")
    cmd.add_argument("--limit", type=int, default=10)
    cmd = sub.add_parser("plot", help="the whole story in order (contains spoilers)")
    cmd.add_argument("film", nargs="?", default="The Takedown")
    cmd = sub.add_parser("reception", help="ratings, reviews and audience figures")
    cmd.add_argument("film", nargs="?", default="The Takedown")
    sub.add_parser("conflicts", help="where the sources disagree, and which claim is preferred")
    from .export import FORMATS  # light: the export modules import their tools when called

    cmd = sub.add_parser(
        "export",
        help="write the dataset as JSON, CSV, JSON-LD or JSON Schema files",
        description="; ".join(f"{name}: {what}" for name, what in FORMATS.items()),
    )
    cmd.add_argument("format", choices=list(FORMATS), help="what to write")
    cmd.add_argument("directory", metavar="DIR", help="where to write (created if missing)")
    return parser


def _dump(value: Any) -> str:
    from ._convert import converter

    return json.dumps(converter.unstructure(value), indent=2, ensure_ascii=False)


def _run(args: argparse.Namespace) -> str:
    from . import load, render

    ds = load()
    command: str = args.command or "overview"
    if command == "overview":
        if args.json:
            return _dump(sorted(ds.films, key=lambda f: f.chronology()))
        return render.overview(ds)
    handlers: dict[str, Callable[[], tuple[Any, str]]] = {
        "film": lambda: (f := ds.film(args.key), render.film_card(ds, f, leads=100)),
        "person": lambda: (p := ds.person(args.key), render.person_card(ds, p)),
        "character": lambda: (c := ds.character(args.key), render.character_card(ds, c)),
        "plot": lambda: (ds.plot(args.film), render.plot(ds, ds.film(args.film))),
        "reception": lambda: (
            {
                "ratings": ds.ratings(args.film),
                "reviews": ds.reviews(args.film),
                "viewership": ds.viewership(args.film),
                "admissions": ds.admissions(args.film),
            },
            render.reception(ds, ds.film(args.film)),
        ),
        "conflicts": lambda: (ds.conflicts(), render.conflicts(ds)),
        "search": lambda: _search(ds, args.text, args.limit),
        "export": lambda: _export(ds, args.format, args.directory),
    }
    data, text = handlers[command]()
    return _dump(data) if args.json else text


def _search(ds: Any, text: str, limit: int) -> tuple[Any, str]:
    hits = ds.search(text, limit)
    data = [
        {"id": h.record.id, "kind": h.kind, "score": h.score, "matched": h.matched} for h in hits
    ]
    lines = [f"{h.score:5.2f}  {h.kind:<10} {h.record.id}  ({h.matched})" for h in hits]
    return data, "\n".join(lines) or f"nothing matches {text!r}"


def _export(ds: Any, format: str, directory: str) -> tuple[Any, str]:
    from .export import write

    paths = [str(p) for p in write(ds, format, directory)]
    return paths, f"wrote {len(paths)} {format} files to {directory}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        output = _run(args)
    except NotFoundError as exc:
        print(f"takedown: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except DataError as exc:
        print(f"takedown: the data is broken: {exc}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except OSError as exc:
        print(f"takedown: cannot write: {exc}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    print(output)
    return 0
