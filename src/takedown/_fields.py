"""Field helpers shared by the record classes: id formats, references and validators."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs

from .errors import short

T = TypeVar("T")

#: The oldest and newest dates a record may carry: before cinema or far in the future is a typo.
EARLIEST_DATE = dt.date(1888, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

#: The part of an id after its kind: lower-case words joined by hyphens.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ID = re.compile(rf"(?P<kind>[a-z]+(?:-[a-z]+)*)/{SLUG}")
_SLUG_ONLY = re.compile(SLUG)
_SOURCE_ID = re.compile(f"source/{SLUG}")

#: Control characters (C0, DEL, C1) and lone surrogates: they load, then break an export or a
#: terminal halfway.
_BAD_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The same, less new lines and tabs, which prose may hold.
_BAD_PROSE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Fields that name a record: one line, no control character at all (lists of texts too).
NAME_FIELDS = frozenset({"name", "title", "original_title"})
#: Text made only of these shows as nothing: white space and the zero-width characters.
_INVISIBLE = re.compile("[\\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]*")

REF_KIND = "takedown.ref"
REF_MANY = "takedown.ref-many"
#: Marks the field that holds a record's per-field citations.
CITATIONS = "takedown.citations"
#: Field metadata: the kind of record whose ids the field holds as plain strings (no records).
IDS_OF = "takedown.ids-of"
#: Field metadata: the items of the field may not repeat.
DISTINCT = "takedown.distinct"


def text_problem(value: str, *, prose: bool = False) -> str | None:
    """What makes ``value`` unfit as text (blank, invisible, control characters), or None.

    ``prose`` may hold new lines and tabs; a name may not.
    """
    if _INVISIBLE.fullmatch(value):
        return "must be non-empty text"
    bad = (_BAD_PROSE_CHAR if prose else _BAD_CHAR).search(value)
    if bad:
        return f"holds a control character or lone surrogate ({bad[0]!r} at {bad.start()})"
    return None


def as_tuple(values: Iterable[T]) -> tuple[T, ...]:
    """``tuple(values)`` as a converter whose signature gives attrs the field's type."""
    return tuple(values)


def _as_frozenset(values: Iterable[T]) -> frozenset[T]:
    return frozenset(values)


def id_kind(record_id: str) -> str | None:
    """The kind prefix of a well-formed id (``"person"`` for ``"person/omar-sy"``), else None."""
    match = _ID.fullmatch(record_id)
    return match["kind"] if match else None


def _valid_id(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    kind = instance.KIND
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a str, got {short(value)}")
    if not value.startswith(f"{kind}/") or _SLUG_ONLY.fullmatch(value, len(kind) + 1) is None:
        raise ValueError(
            f"{attribute.name} must look like '{kind}/lower-case-words', got {short(value)}"
        )


def record_id() -> Any:
    """An ``id`` field: the class's ``KIND``, ``/`` and lower-case words joined by hyphens."""
    return attrs.field(validator=_valid_id)


def _ref_key(value: Any) -> Any:
    """What a reference compares, hashes and shows as: the id(s), so ``==`` never recurses."""
    if isinstance(value, tuple):
        return tuple(getattr(v, "id", v) for v in value)
    return getattr(value, "id", value)


def ref(kind: str, *, many: bool = False, optional: bool = False) -> Any:
    """A reference to another record of ``kind``: stored as its id, held as the record.

    The loader swaps ids for records (:mod:`takedown._convert`).  The repr, ``==`` and ``hash``
    see ids only, so a credit never prints the whole film nor compares the places it lies in.
    """
    kwargs: dict[str, Any] = {
        "metadata": {REF_KIND: kind, REF_MANY: many},
        "repr": lambda value: repr(_ref_key(value)),
        "eq": _ref_key,
    }
    if many:
        kwargs["converter"] = as_tuple
        kwargs["factory"] = tuple
    elif optional:
        kwargs["default"] = None
    return attrs.field(**kwargs)


def references(record: Any) -> Iterator[tuple[str, Any]]:
    """Each record that ``record`` refers to directly, with the name of the referring field."""
    for field in attrs.fields(type(record)):
        if REF_KIND in field.metadata:
            value = getattr(record, field.name)
            for target in value if field.metadata[REF_MANY] else (value,):
                if target is not None:
                    yield field.name, target


def _check_text(name: str, value: object, *, prose: bool = False) -> None:
    if type(value) is str and value.isprintable() and value and not value.isspace():
        return  # the usual case, in one test: a load checks tens of thousands of texts
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {short(value)}")
    problem = text_problem(value, prose=prose)
    if problem is not None:
        raise ValueError(f"{name} {problem}, got {short(value)}")


def _required_text(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    _check_text(attribute.name, value, prose=attribute.name not in NAME_FIELDS)


def _checked(check: Any, *, optional: bool, **kwargs: Any) -> Any:
    """A field that ``check`` validates; when ``optional`` it may also be None, its default."""
    if optional:
        return attrs.field(default=None, validator=attrs.validators.optional(check), **kwargs)
    return attrs.field(validator=check, **kwargs)


def of_type(cls: type, *, optional: bool = False) -> Any:
    """A field that holds an instance of ``cls``; when ``optional`` also None, its default."""
    return _checked(attrs.validators.instance_of(cls), optional=optional)


def text(*, optional: bool = False) -> Any:
    """A string that shows as something (see :func:`text_problem`); one line in the fields of
    :data:`NAME_FIELDS`.  ``None``, when ``optional``, means unknown."""
    return _checked(_required_text, optional=optional)


def _each_text(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for item in value:
        _check_text(f"each of {attribute.name}", item)
        if item in seen:
            raise ValueError(f"{attribute.name} repeats {short(item)}")
        seen.add(item)


def items(*, optional: bool = False) -> Any:
    """A tuple of nested objects (chart peaks, claims); empty by default when ``optional``."""
    if optional:
        return attrs.field(factory=tuple, converter=as_tuple)
    return attrs.field(converter=as_tuple)


def prose(*, optional: bool = False) -> Any:
    """Text in the project's own words (a summary), left out of the repr, which stays one line."""
    return _checked(_required_text, optional=optional, repr=False)


def texts() -> Any:
    """A tuple of distinct non-blank strings (aliases, genres, countries...)."""
    return attrs.field(
        factory=tuple, converter=as_tuple, validator=_each_text, metadata={DISTINCT: True}
    )


def _valid_sources(_: object, attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must cite at least one source")
    for item in value:
        if not isinstance(item, str) or _SOURCE_ID.fullmatch(item) is None:
            raise ValueError(f"{attribute.name} must hold source ids, got {short(item)}")


#: The fields that say what a record is and where it comes from: no citation names them.
UNCITABLE = frozenset({"id", "sources", "citations"})


def _valid_citations(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    fields = attrs.fields_dict(type(instance))  # type: ignore[arg-type]
    keys = [(citation.field, citation.item) for citation in value]
    for name, item in keys:
        if name not in fields or name in UNCITABLE:
            raise ValueError(f"{attribute.name} names {name!r}, which is not a field it can cite")
        if item is not None and item not in getattr(instance, name):
            raise ValueError(f"{attribute.name} for {name!r} cites {short(item)}, not one of them")
    if len(set(keys)) != len(keys):
        raise ValueError(f"{attribute.name} cites a field or item twice")
    # Each alias is a spelling of its own: it cites the sources that write it so.
    aliases = getattr(instance, "aliases", ())
    uncited = set(aliases) - {item for name, item in keys if name == "aliases"}
    if uncited or ("aliases", None) in keys:
        missing = short(min(uncited)) if uncited else "the whole list"
        raise ValueError(f"{attribute.name} must cite each alias on its own, not {missing}")
    unnamed = getattr(instance, "unnamed", None)
    if unnamed is not None and unnamed == (("name", None) in keys):
        raise ValueError(
            f"{attribute.name} cites the name of an unnamed record"
            if unnamed
            else f"{attribute.name} must cite the sources of the name"
        )
    recorded: frozenset[str] = getattr(instance, "sources", frozenset())
    cited: frozenset[str] = frozenset().union(*(citation.sources for citation in value))
    if cited != recorded:
        raise ValueError(
            f"sources must be exactly the sources its {attribute.name} name: "
            f"{sorted(cited ^ recorded)[:3]} differ"
        )


def citations() -> Any:
    """Which sources back which fields (each alias on its own): ``sources`` is their union."""
    return attrs.field(
        factory=tuple,
        converter=as_tuple,
        validator=_valid_citations,
        metadata={CITATIONS: True},
        repr=False,
    )


def sources() -> Any:
    """The ids of the sources that back a record: at least one."""
    return attrs.field(
        converter=_as_frozenset,
        validator=_valid_sources,
        metadata={IDS_OF: "source"},
        repr=False,  # shown by cards and sources_for(); a repr stays one line of names
    )


def _in_range(
    low: float | None, high: float | None, *, whole: bool = False
) -> Callable[[object, Any, Any], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            what = "an int" if whole else "a number"
            raise TypeError(f"{attribute.name} must be {what}, got {short(value)}")
        if (
            value != value
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise ValueError(f"{attribute.name} must be within [{low}, {high}], got {short(value)}")

    return check


def _positive_int(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name} must be a positive integer, got {short(value)}")


def positive_int(*, optional: bool = False) -> Any:
    """A count or position: an int of at least 1 (``None`` allowed when ``optional``)."""
    return _checked(_positive_int, optional=optional)


def number(low: float | None = None, high: float | None = None) -> Any:
    """A finite number within ``[low, high]``."""
    return attrs.field(validator=_in_range(low, high))


def _plausible_date(_: object, attribute: attrs.Attribute[Any], value: dt.date) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TypeError(f"{attribute.name} must be a date, got {short(value)}")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"{attribute.name} {value} is outside {EARLIEST_DATE}..{LATEST_DATE}")


def date(*, optional: bool = False) -> Any:
    """A ``datetime.date`` between the first films and 2100."""
    return _checked(_plausible_date, optional=optional)


def year(*, optional: bool = False) -> Any:
    """A year between the first films and 2100; ``None`` (unknown) allowed when ``optional``."""
    return _checked(_in_range(EARLIEST_DATE.year, LATEST_DATE.year, whole=True), optional=optional)
