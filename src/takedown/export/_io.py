"""Writing export files: UTF-8 with ``\\n`` line ends, and :func:`place`, the one atomic
write of files and folders."""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .. import __doc__ as _package_doc

__all__ = ["SUMMARY", "dumps", "place", "write_files"]

_T = TypeVar("_T")

#: The package's one-line summary, which every export that describes the dataset gives.
SUMMARY = (_package_doc or "").strip().splitlines()[0]


def dumps(value: Any) -> str:
    """The project's JSON layout: two-space indent, Unicode kept, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def given(path: str | os.PathLike[str], what: str) -> Path:
    """``path`` as a Path.  An empty string, which a Path reads as the current directory, is
    a :class:`ValueError`: it is more often a variable left unset than a choice.  (A
    ``Path("")`` is already ``Path(".")`` and cannot be told apart from a chosen ".".)"""
    if not os.fspath(path):
        raise ValueError(f"the {what}'s path is empty")
    return Path(path)


def write_files(directory: str | os.PathLike[str], files: dict[str, str]) -> list[Path]:
    """Write each text of ``files`` under its name in ``directory`` as UTF-8 bytes (no newline
    translation); return the paths.  ``directory`` is made with its parents if missing; a
    file there raises :class:`NotADirectoryError`, an empty string :class:`ValueError`."""
    root = given(directory, "export directory")
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"{root} exists and is not a directory")
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_bytes(text.encode("utf-8"))
    return [root / name for name in files]


def place(
    targets: Sequence[Path],
    make: Callable[[list[Path]], _T],
    *,
    folder: bool,
    replace: bool,
) -> _T:
    """Call ``make`` with a new hidden path beside each of ``targets`` (an empty folder if
    ``folder``, else an empty file), then move each into place; return what ``make`` returns.

    Nothing is written through a symbolic link: a link at a target counts as an existing
    target.  An existing target raises :class:`FileExistsError` unless ``replace``, and the
    move itself refuses one made meanwhile, so of two exports at once exactly one wins;
    with ``replace`` the last to finish wins.  An existing empty folder is filled in place,
    never replaced: it may be someone's current directory.  A folder holding the current
    directory is never replaced (:class:`OSError`, ``EBUSY``).  Missing parents are made.
    Whatever fails, nothing half-written is left, no target half-replaced, and an
    :class:`OSError` names the user's path, not the hidden one.
    """
    targets = [_itself(target) for target in targets]
    missing = [_missing_folders(target.parent) for target in targets]
    fill = [_existing(target, folder=folder, replace=replace) for target in targets]
    created = list(dict.fromkeys(path for paths in missing for path in paths))
    for path in reversed(created):
        path.mkdir(exist_ok=True)
    staged: list[Path] = []
    placed: list[Path] = []
    try:
        try:
            for target in targets:
                staged.append(_stage(target, folder=folder))
            result = make(staged)
            for source, target, into in zip(staged, targets, fill, strict=True):
                _publish(source, target, into=into, replace=replace, placed=placed)
        finally:
            for source in staged:
                _remove(source)
    except BaseException as exc:
        if not replace:  # what this call moved into place, of an export that did not finish
            for path in placed:
                _remove(path)
        for path in created:  # the deepest first, and only if still empty
            try:
                path.rmdir()
            except OSError:
                break
        if isinstance(exc, OSError) and exc.errno is not None and _is_staged(exc, staged):
            raise _naming(exc, targets[0]) from exc
        raise
    return result


def _itself(target: Path) -> Path:
    """``target``, or for ``.`` or ``dir/..`` (no name to put things beside) its folder."""
    if target.name not in ("", ".."):
        return target
    if not target.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target))
    return Path(os.path.realpath(target))


def _missing_folders(folder: Path) -> list[Path]:
    """The folders missing on the way to ``folder``, deepest first."""
    missing = []
    while not os.path.lexists(folder):
        if folder.name == "..":  # the system would refuse to go back out of a missing folder
            raise FileNotFoundError(errno.ENOENT, "no such folder to go back from", str(folder))
        missing.append(folder)
        folder = folder.parent
    if not folder.is_dir():  # a link to a folder is a folder to put things in
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder to write in", str(folder))
    return missing


def _existing(target: Path, *, folder: bool, replace: bool) -> bool:
    """Whether ``target`` is an existing empty folder to fill; refuse what may not be replaced."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        if replace:  # the link itself is replaced, never what it points to
            return False
        raise FileExistsError(errno.EEXIST, "exists (a symbolic link)", str(target))
    if folder and not stat.S_ISDIR(mode):
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a directory", str(target))
    if not folder and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(target))
    if folder:
        with os.scandir(target) as entries:
            if not any(entries):
                return True
        if _holds_cwd(target):  # as rm refuses "rm -r .": force never deletes where one stands
            raise OSError(errno.EBUSY, "holds the current directory: never replaced", str(target))
    if not replace:
        raise FileExistsError(
            errno.EEXIST, "exists and is not empty" if folder else "exists", str(target)
        )
    return False


def _holds_cwd(folder: Path) -> bool:
    """Whether ``folder`` is the current directory or one of the folders above it."""
    try:
        here = Path.cwd()
    except OSError:  # the current directory was removed: nothing to protect
        return False
    status = os.stat(folder)
    return any(os.path.samestat(status, os.stat(path)) for path in (here, *here.parents))


def _stage(target: Path, *, folder: bool) -> Path:
    """A new hidden empty folder or file beside ``target``; not :mod:`tempfile`'s, whose
    ``0o700`` or ``0o600`` the export would keep."""
    while True:
        path = target.parent / f".{target.name}.{secrets.token_hex(4)}.partial"
        try:
            if folder:
                path.mkdir()
            else:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:  # name the path the user gave, not the hidden one
            raise _naming(exc, target) from exc
        return path


def _publish(source: Path, target: Path, *, into: bool, replace: bool, placed: list[Path]) -> None:
    """Move ``source`` (its entries if ``into``) to ``target``; add each path to ``placed``."""
    moves = [(e, target / e.name) for e in sorted(source.iterdir())] if into else [(source, target)]
    for entry, destination in moves:
        try:
            if entry.is_dir():
                _move_folder(entry, destination, replace=replace)
            else:
                _move_file(entry, destination, replace=replace)
        except OSError as exc:
            raise _naming(exc, destination) from exc
        placed.append(destination)


def _move_file(source: Path, target: Path, *, replace: bool) -> None:
    if replace:
        os.replace(source, target)
        return
    try:
        os.link(source, target)  # refuses any target, a dangling link included
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): look, then rename
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.rename(source, target)  # on Windows, the rename itself refuses a target
    else:
        os.unlink(source)


#: What rename() says when the target is in the way: it exists, as a folder not empty
#: (POSIX replaces an empty one) or as a file or link.
_TAKEN = (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR)


def _move_folder(source: Path, target: Path, *, replace: bool) -> None:
    """Rename ``source`` to ``target``; an existing ``target`` is refused, or if ``replace``
    set aside, put back if the rename fails, and removed once it succeeds."""
    if not replace:
        try:
            os.rename(source, target)
        except OSError as exc:
            if exc.errno in _TAKEN:
                taken = "exists and is not empty"
                raise FileExistsError(errno.EEXIST, taken, str(target)) from None
            raise
        return
    aside = _stage(target, folder=True)
    old = None
    try:
        while True:
            try:
                os.rename(source, target)
                return
            except OSError as exc:
                if exc.errno not in _TAKEN:
                    raise
            kept = aside / secrets.token_hex(4)
            try:
                os.rename(target, kept)
            except FileNotFoundError:  # another export moved it away meanwhile
                continue
            old = kept
    except BaseException:
        if old is not None and not os.path.lexists(target):
            os.rename(old, target)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def _remove(path: Path) -> None:
    """Remove the file, link or folder ``path``, if there."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def _is_staged(exc: OSError, staged: list[Path]) -> bool:
    """Whether ``exc`` names one of the hidden ``staged`` paths, or a path inside one."""
    name = os.fsdecode(exc.filename) if exc.filename is not None else ""
    return any(name == str(s) or name.startswith(f"{s}{os.sep}") for s in staged)


def _naming(exc: OSError, target: Path) -> OSError:
    """``exc`` as raised for ``target``: the user knows that path, not the hidden one."""
    return type(exc)(exc.errno, exc.strerror, str(target))
