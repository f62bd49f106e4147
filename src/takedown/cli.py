"""The ``takedown`` command (also ``python -m takedown``)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__
from ._cite import STYLES
from .errors import DataError, NotFoundError, short

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA_ERROR = 3
EXIT_CANNOT_WRITE = 4
EXIT_MISSING_DEPENDENCY = 5
EXIT_CANNOT_WRITE_OUTPUT = 6
#: 128 + SIGINT and 128 + SIGPIPE, as a shell reports a program stopped by Ctrl-C or a closed pipe.
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

EXIT_CODES = f"""\
exit status:
  0    done
  {EXIT_NOT_FOUND}    nothing matches the id, name or search given
  {EXIT_USAGE}    bad usage: an unknown command, a missing or invalid argument
  {EXIT_DATA_ERROR}    the data is broken
  {EXIT_CANNOT_WRITE}    cannot write the export (something already at PATH, without --force)
  {EXIT_MISSING_DEPENDENCY}    an optional dependency is missing (the message names the extra)
  {EXIT_CANNOT_WRITE_OUTPUT}    cannot write the output (stdout closed, or a full disk)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
  {EXIT_BROKEN_PIPE}  the output was closed early (e.g. piped into head)

With --json, the output is JSON (errors included: an object
{{"error": "not_found" | "usage" | "data_error" | "cannot_write" | "missing_dependency",
"message": "...", ...}} printed to stdout, with the same exit status), except when
interrupted or when stdout cannot be written; the message is then on stderr."""

#: How much of an argument an error message repeats.
ECHO_LIMIT = 80

_JSON_HELP = "print JSON, errors included (before or after the command)"


class _UsageError(Exception):
    """Raised by :meth:`_Parser.error`, so that :func:`main` prints it as text or JSON."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser, self.message = parser, message


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, as_json: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.as_json = as_json

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        # argparse's own drops a failure to write (a full disk); main() reports it.
        text = self.format_help()
        if self.as_json:
            text = json.dumps({"help": text}, indent=2) + "\n"
        (file or _stdout()).write(text)


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _not_empty(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no directory")
    return text


def _parser(as_json: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; ``as_json``: its help is printed as JSON."""
    parser = _Parser(
        prog="takedown",
        description="Explore the dataset about The Takedown (2022) and its 2012 predecessor.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        as_json=as_json,
    )
    parser.add_argument("--json", action="store_true", help=_JSON_HELP)
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    # Given after the command, --json is parsed by the command's parser; SUPPRESS keeps it
    # from setting False over a --json given before the command.
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=_JSON_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, what: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=what, description=what, parents=[common], as_json=as_json, **kwargs
        )

    command("overview", "both films at a glance (the default)")
    for name, what in (("film", "a film"), ("person", "a person"), ("character", "a character")):
        cmd = command(name, f"show {what} by id, name or alias")
        cmd.add_argument("key", help=f"{what}'s id, name or alias; case and accents optional")
    cmd = command("search", "search every record, typos forgiven")
    cmd.add_argument("text", help="what to look for")
    limit_help = "the most results to show, 1 or more (default: %(default)s)"
    cmd.add_argument("--limit", type=_at_least_one, default=10, help=limit_help)
    for name, what in (
        ("plot", "the whole story in order (contains spoilers)"),
        ("reception", "ratings, reviews and audience figures"),
    ):
        cmd = command(name, what)
        film_help = "the film's id, title or alias (default: %(default)s)"
        cmd.add_argument("film", nargs="?", default="The Takedown", help=film_help)
    command("conflicts", "where the sources disagree, and which claim is preferred")
    cmd = command("cite", "how to cite the dataset, with its data version")
    style_help = "the citation style (default: %(default)s)"
    cmd.add_argument("--format", choices=STYLES, default="plain", help=style_help)
    from .export import FORMATS  # light: the export modules import their tools when called

    cmd = command(
        "export",
        "write the dataset as JSON, CSV, JSON-LD, Turtle, JSON Schema or SQLite",
        epilog="formats:\n" + "\n".join(f"  {name:<8}{what}" for name, what in FORMATS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("format", choices=list(FORMATS), help="what to write")
    cmd.add_argument(
        "directory",
        metavar="PATH",
        type=_not_empty,
        help="where to write: a new or empty directory (created with its parents if "
        "missing); for sqlite, the database file",
    )
    cmd.add_argument(
        "--force",
        action="store_true",
        help="replace what is at PATH (a directory that is not empty; for sqlite, the file "
        "and the metadata.json beside it), once the new export is complete; never the "
        "current directory or a directory holding it",
    )
    return parser


def _run(args: argparse.Namespace) -> Any:
    """The answer: text, or what to print as JSON under ``--json``."""
    from . import _render as render
    from . import cite, load

    if args.version:
        return {"version": __version__} if args.json else f"takedown {__version__}"
    if args.command == "cite":
        text = cite(args.format)
        return text if not args.json else {"citation": text, "format": args.format}
    ds = load()
    # Wrapped to the terminal, at most 100 columns; 80 when not a terminal (a pipe, a file).
    width = min(shutil.get_terminal_size((render.WIDTH, 24)).columns, 100)
    data: Any
    command = args.command or "overview"
    if command == "overview":
        data = sorted(ds.films, key=lambda f: f.chronology())
        text = render.overview(ds, width=width)
    elif command in ("film", "person", "character"):
        data = getattr(ds, command)(args.key)
        text = ds.card(data).text(width)
    elif command == "plot":
        data, text = ds.plot(args.film), render.plot(ds, ds.film(args.film), width=width)
    elif command == "reception":
        kinds = ("ratings", "reviews", "viewership", "admissions")
        data = {kind: getattr(ds, kind)(args.film) for kind in kinds}
        text = render.reception(ds, ds.film(args.film), width=width)
    elif command == "conflicts":
        data, text = ds.conflicts(), render.conflicts(ds, width=width)
    elif command == "search":
        hits = ds.search(args.text, args.limit)
        if not hits:
            raise NotFoundError("record", args.text)
        fields = ("kind", "score", "label", "matched", "field")
        data = [{"id": h.record.id, **{f: getattr(h, f) for f in fields}} for h in hits]
        text = "\n".join(f"{h.score:5.2f}  {h.label}" for h in hits)
    else:  # export
        from .export import write

        try:
            written = write(ds, args.format, args.directory, force=args.force)
        except UnicodeEncodeError as exc:
            raise OSError(f"a value cannot be written as UTF-8 ({exc.reason})") from exc
        data, text = [str(p) for p in written], _wrote(written)
    if args.json:
        from ._convert import converter

        return converter.unstructure(data)
    return text


def _wrote(paths: Sequence[Path]) -> str:
    """What ``paths`` are, where: ``wrote 81 .csv files and datapackage.json in out``."""
    groups: dict[Path, dict[str, list[str]]] = {}
    for path in paths:
        groups.setdefault(path.parent, {}).setdefault(path.suffix, []).append(path.name)
    places = []
    for parent, names in groups.items():
        what = [f"{len(n)} {suffix} files" if len(n) > 1 else n[0] for suffix, n in names.items()]
        places.append(f"{' and '.join(what)} in {parent}")
    return f"wrote {'; '.join(places)}"


def _bounded(message: str, argv: Sequence[str]) -> str:
    """``message`` with every long argument it repeats cut to :data:`ECHO_LIMIT`."""

    def cut(text: str) -> str:
        return text if len(text) <= ECHO_LIMIT else text[: ECHO_LIMIT - 3] + "..."

    for arg in sorted({a for a in argv if len(a) > ECHO_LIMIT}, key=len, reverse=True):
        message = message.replace(short(arg), repr(cut(arg)))  # as errors quote a value
        for echo in (arg, repr(arg)[1:-1]):  # as given, or as repr() shows it
            message = message.replace(echo, cut(echo))
    return message


def _error(
    exc: NotFoundError | DataError | ImportError | OSError,
) -> tuple[int, str, dict[str, Any]]:
    """The exit status, kind and details of an error the command line reports."""
    if isinstance(exc, ImportError):  # its message names the extra that brings the module
        return EXIT_MISSING_DEPENDENCY, "missing_dependency", {"message": str(exc)}
    if isinstance(exc, NotFoundError):
        details = {"kind": exc.kind, "key": exc.key, "suggestions": list(exc.suggestions)}
        return EXIT_NOT_FOUND, "not_found", {"message": str(exc), **details}
    if isinstance(exc, DataError):
        details = {"file": exc.file, "location": exc.location, "problem": exc.problem}
        return EXIT_DATA_ERROR, "data_error", {"message": f"the data is broken: {exc}", **details}
    path = None if exc.filename is None else os.fsdecode(exc.filename)
    if exc.strerror and path is not None:
        message = f"cannot write {path}: {exc.strerror}"
    else:
        message = f"cannot write: {exc.strerror or exc}"
    if isinstance(exc, FileExistsError):
        message += " (--force replaces it)"
    return EXIT_CANNOT_WRITE, "cannot_write", {"message": message, "path": path}


def _stdout() -> TextIO:
    """:data:`sys.stdout`; OSError if the command started with it closed (``takedown >&-``)."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "stdout is closed")
    return sys.stdout


def _print(value: Any, as_json: bool) -> None:
    """Print ``value``, or as JSON: Unicode as is if stdout can show it, else ``\\u`` escapes."""
    stdout = _stdout()
    if as_json:
        text = json.dumps(value, indent=2, ensure_ascii=False)
        try:
            text.encode(stdout.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            text = json.dumps(value, indent=2)
        value = text
    print(value, file=stdout)


def _tell(message: str) -> None:
    """Print ``takedown: message`` on stderr, unless stderr is closed or cannot be written."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stderr.write(f"takedown: {message}\n")
        sys.stderr.flush()


def _main(argv: Sequence[str], as_json: bool) -> int:
    try:
        args = _parser(as_json).parse_args(argv)
    except _UsageError as exc:
        message = _bounded(exc.message, argv)
        if as_json:
            _print({"error": "usage", "message": message}, as_json)
            raise SystemExit(EXIT_USAGE) from None
        exc.parser.print_usage(sys.stderr)
        exc.parser.exit(EXIT_USAGE, f"{exc.parser.prog}: error: {message}\n")
    try:
        output = _run(args)
    except (NotFoundError, DataError, ImportError, OSError) as exc:
        code, kind, details = _error(exc)
        details = {k: _bounded(v, argv) if isinstance(v, str) else v for k, v in details.items()}
        if args.json:
            _print({"error": kind, **details}, as_json=True)
        else:
            _tell(details["message"])
        return code
    _print(output, args.json)
    return 0


#: The error handlers that never fail to encode.
_FORGIVING = {"backslashreplace", "replace", "ignore", "namereplace", "xmlcharrefreplace"}


@contextlib.contextmanager
def _forgiving_streams() -> Iterator[None]:
    """Meanwhile, have stdout and stderr escape what they cannot encode (``\\xe9``)."""
    changed = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        if errors not in _FORGIVING and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
            changed.append((stream, errors))
    try:
        yield
    finally:
        for stream, errors in changed:
            with contextlib.suppress(OSError, ValueError):  # a broken stream: no matter
                stream.reconfigure(errors=errors)


def _discard_stdout() -> None:
    """Send what is left for a closed stdout to the null device: the interpreter's last flush
    must not fail again (see "Note on SIGPIPE" in the :mod:`signal` docs)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not a file (under a test)
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status; bad usage raises SystemExit(2), as
    :mod:`argparse` does."""
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv[: argv.index("--") if "--" in argv else len(argv)]
    with _forgiving_streams():
        try:
            try:
                return _main(argv, as_json)
            finally:
                if sys.stdout is not None:  # flushed here: a failure is met here, not at exit
                    sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
            return EXIT_BROKEN_PIPE
        except OSError as exc:  # only writing stdout is left to fail: _main reports the rest
            _discard_stdout()
            _tell(f"cannot write the output: {exc.strerror or exc}")
            return EXIT_CANNOT_WRITE_OUTPUT
        except KeyboardInterrupt:
            _tell("interrupted")
            return EXIT_INTERRUPTED
