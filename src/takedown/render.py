"""Plain-text views of the dataset, for the terminal and ``python -m takedown``.

Every view wraps its lines at ``width`` columns (80 unless told otherwise), at word
boundaries, with continuation lines indented under their label.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from . import models as m
from ._html import card_html, directors, heading, qualifier, record_rows
from ._text import unnamed_note
from .enums import Audience

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "Card",
    "character_card",
    "record_text",
    "conflicts",
    "film_card",
    "film_view",
    "headline",
    "overview",
    "person_card",
    "plot",
    "reception",
]

#: The width a view wraps to when none is given.
WIDTH = 80


def _wrap(text: str, width: int, indent: str = "  ", hang: str = "    ") -> list[str]:
    """``text`` wrapped at ``width``: the first line indented by ``indent``, the rest ``hang``."""
    return textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=indent,
        subsequent_indent=hang,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _minutes(film: m.Film) -> str:
    return f"{film.runtime_minutes} min" if film.runtime_minutes else "runtime unknown"


def _names(people: Iterable[m.Person]) -> str:
    return ", ".join(dict.fromkeys(p.name for p in people)) or "unknown"


#: How a rating whose aggregator the source lost is introduced.
_UNNAMED = "unnamed aggregator"


def _value(rating: m.Rating) -> str:
    # A share of positive reviews reads as a percentage; any other score as value/scale.
    if rating.metric == "approval" and (rating.scale_min, rating.scale_max) == (0, 100):
        return f"{rating.value:g}%"
    return f"{rating.value:g}/{rating.scale_max:g}"


def _named(record: m.Person | m.Character) -> str:
    """The first line of a card: the name, whether the sources give it, and the aliases."""
    note = unnamed_note(record)
    also = f"also: {', '.join(record.aliases)}" if record.aliases else ""
    aside = "; ".join(x for x in (note, also) if x)
    return f"{record.name} ({aside})" if aside else record.name


def _credit(credit: m.CastCredit) -> str:
    return (
        f"{credit.person.name} as {credit.character.name}"
        if credit.character
        else credit.person.name
    )


def _relation(relationship: m.Relationship, of: m.Character | m.Organization) -> str:
    """A relationship read from ``of``'s side: "partner of François Monge"."""
    kind = relationship.kind.value.replace("-", " ")
    title = f" ({relationship.title})" if relationship.title else ""
    if relationship.character.id == of.id:
        return f"{kind} {relationship.target.name}{title}"
    if relationship.symmetric:
        return f"{kind} {relationship.character.name}"
    return f"{relationship.character.name}: {kind} {of.name}{title}"


def headline(ds: Dataset, film: m.Film) -> str:
    """One line on how the film was received, from the first critics' rating and viewership."""
    parts = []
    critics = [r for r in ds.ratings(film) if r.audience is Audience.CRITICS]
    if critics:
        r = critics[0]
        parts.append(
            f"{r.aggregator or _UNNAMED} {_value(r)} {r.metric}"
            + (f" ({r.count} reviews)" if r.count else "")
        )
    for v in ds.viewership(film):
        parts.append(f"{v.hours_viewed / 1e6:.2f}M hours viewed in {v.window_days} days")
    for a in ds.admissions(film):
        parts.append(f"{a.count:,} admissions ({a.market.name})")
    return "; ".join(parts) or "no reception figures"


def _released(film: m.Film) -> str:
    day = film.release_date
    return f" · released {day.day} {day:%B %Y}" if day else ""


def _sequence(ds: Dataset, film: m.Film) -> list[str]:
    lines = []
    if film.predecessor:
        lines.append(f"sequel to {film.predecessor.title} ({film.predecessor.year})")
    sequel = ds.sequel(film)
    if sequel:
        lines.append(f"followed by {sequel.title} ({sequel.year})")
    return lines


def film_card(ds: Dataset, film: m.Film, *, leads: int = 3, width: int = WIDTH) -> str:
    """A few lines about a film: titles, year, director, runtime, leads, reception."""
    lines = [f"{film.title} ({film.original_title}), {film.year}"]
    lines += _wrap(
        f"directed by {_names(directors(ds, film))} · {_minutes(film)}{_released(film)}",
        width,
    )
    starring = [_credit(c) for c in ds.cast(film)[:leads]]
    if starring:
        lines += _wrap("starring " + "; ".join(starring), width)
    lines += _wrap("reception: " + headline(ds, film), width)
    for line in _sequence(ds, film):
        lines += _wrap(line, width)
    return "\n".join(lines)


def film_view(ds: Dataset, film: m.Film, *, width: int = WIDTH) -> str:
    """Everything the dataset holds about a film, one fact per line."""
    lines = [f"{film.title} ({film.original_title}), {film.year}"]

    def fact(label: str, value: str | None) -> None:
        if value:
            lines.extend(_wrap(f"{label}: {value}", width))

    fact("directed by", _names(directors(ds, film)))
    fact("written by", _names(c.person for c in ds.crew(film, job="writing")))
    fact("genres", ", ".join(film.genres))
    fact("runtime", _minutes(film) + _released(film))
    if film.budget:
        budget = f"{film.budget.amount:,} {film.budget.currency}"
        fact("budget", budget + qualifier(film, "budget"))
    for line in _sequence(ds, film):
        fact("series", line)
    fact("synopsis", film.synopsis)
    ratings = [
        f"{r.aggregator or _UNNAMED}{qualifier(r, 'aggregator') if r.aggregator else ''} "
        f"{r.audience.value} {r.metric} {_value(r)}"
        for r in ds.ratings(film)
    ]
    fact("ratings", "; ".join(ratings))
    cast = ds.cast(film)
    if cast:
        lines.append("  cast:")
        for credit in cast:
            lines += _wrap(_credit(credit), width, indent="    ", hang="      ")
    relationships = [
        f"{r.character.name}: {_relation(r, r.character)}"
        for r in ds.relationships
        if r.film == film
    ]
    if relationships:
        lines.append("  relationships:")
        for line in relationships:
            lines += _wrap(line, width, indent="    ", hang="      ")
    fact("organisations", ", ".join(o.name for o in ds.organizations if film in o.films))
    fact("themes", ", ".join(t.name for t in ds.themes(film)))
    return "\n".join(lines)


def overview(ds: Dataset, *, width: int = WIDTH) -> str:
    """Both films at a glance, oldest first."""
    films = sorted(ds.films, key=lambda f: f.chronology())
    return "\n\n".join(film_card(ds, f, width=width) for f in films)


def person_card(ds: Dataset, person: m.Person, *, width: int = WIDTH) -> str:
    """A person: who they are, what they did on each film, their other works and awards."""
    lines = [_named(person)]
    if person.description:
        lines += _wrap(person.description, width)
    for film, character in ds.roles(person):
        lines += _wrap(f"{film.title} ({film.year}): as {character.name}", width)
    for film in ds.filmography(person):
        unnamed = [c for c in ds.cast(film) if c.person == person and c.character is None]
        jobs = [c.job for c in ds.crew(film) if c.person == person]
        if unnamed:
            jobs.insert(0, "in the cast")
        if jobs:
            lines += _wrap(f"{film.title} ({film.year}): {', '.join(jobs)}", width)
    for work in ds.works(person):
        year = f", {work.year}" if work.year else ""
        kind = f" ({work.kind.value}{year})" if work.kind else (f" ({year[2:]})" if year else "")
        role = f", {work.role}" if work.role else ""
        lines += _wrap(f"also: {work.title}{kind}{role}", width)
    for award in ds.awards(person):
        lines += _wrap(f"award: {award.name}" + (f" for {award.work}" if award.work else ""), width)
    return "\n".join(lines)


def character_card(ds: Dataset, character: m.Character, *, width: int = WIDTH) -> str:
    """A character: who played them in which film, and how they stand to others."""
    lines = [_named(character)]
    if character.description:
        lines += _wrap(character.description, width)
    for film in ds.appearances(character):
        actors = [c.person.name for c in ds.played_by(character, film)]
        played = f", played by {', '.join(actors)}" if actors else ""
        lines += _wrap(f"in {film.title} ({film.year}){played}", width)
    for relationship in ds.relations(character):
        lines += _wrap(f"{_relation(relationship, character)} ({relationship.film.year})", width)
    return "\n".join(lines)


def plot(ds: Dataset, film: m.Film, *, width: int = WIDTH) -> str:
    """The whole story, numbered.  Spoilers."""
    lines = [f"{film.title}: the plot, ending included (spoilers)"]
    for event in ds.plot(film):
        lines += _wrap(event.summary, width, indent=f"{event.order:3d}. ", hang="     ")
    return "\n".join(lines)


def reception(ds: Dataset, film: m.Film, *, width: int = WIDTH) -> str:
    """Ratings, reviews, viewership and admissions."""
    lines = [f"{film.title}: reception"]
    for r in ds.ratings(film):
        unit = "reviews" if r.audience is Audience.CRITICS else "ratings"
        count = (
            f" from {'over ' if r.count_is_minimum else ''}{r.count:,} {unit}" if r.count else ""
        )
        as_of = f" as of {r.as_of.describe()}" if r.as_of else ""
        what = f"{r.aggregator or _UNNAMED} ({r.audience.value}) {r.metric}: {_value(r)}"
        lines += _wrap(f"{what}{count}{as_of}", width)
    for review in ds.reviews(film):
        by = " / ".join(x for x in (review.outlet, review.critic) if x) or "unnamed outlet"
        score = f" {review.score.value:g}/{review.score.scale:g}" if review.score else ""
        lines += _wrap(f"review, {by}{score}: {review.gist}", width)
    for v in ds.viewership(film):
        rank = f", #{v.rank} among {v.category}" if v.rank else ""
        lines += _wrap(f"{v.hours_viewed:,} hours viewed in {v.window_days} days{rank}", width)
        if v.top10_countries:
            lines += _wrap(f"in the top 10 of {v.top10_countries} countries", width)
    for a in ds.admissions(film):
        minimum = "over " if a.count_is_minimum else ""
        lines += _wrap(f"{minimum}{a.count:,} admissions in {a.market.name}", width)
    return "\n".join(lines)


def conflicts(ds: Dataset, *, width: int = WIDTH) -> str:
    """Every disagreement between sources, with the preferred claim and why."""
    lines = []
    for c in ds.conflicts():
        lines.append(f"{c.subject} · {c.field}")
        for claim in c.claims:
            mark = "*" if claim.preferred else " "
            sources = ", ".join(sorted(claim.sources))
            lines += _wrap(f"{mark} {claim.text}  [{sources}]", width, hang="      ")
        lines += _wrap(f"why: {c.reason}", width, indent="    ", hang="      ")
    return "\n".join(lines)


def record_text(record: Any, *, width: int = WIDTH) -> str:
    """Any record's own fields, one per line."""
    title, aside = heading(record)
    lines = [f"{title} ({aside})" if aside else title, f"  {type(record).KIND} {record.id}"]
    for label, value in record_rows(record):
        if value:
            lines += _wrap(f"{label}: {value}", width)
    return "\n".join(lines)


@attrs.frozen
class Card:
    """A record as a dataset knows it: printed as text, displayed by Jupyter as an HTML card.

    Made by :meth:`takedown.Dataset.card`.
    """

    dataset: Dataset = attrs.field(repr=False)
    record: Any = attrs.field(repr=lambda r: repr(r.id))

    def __str__(self) -> str:
        kind = type(self.record).KIND
        if kind == "film":
            return film_view(self.dataset, self.record)
        if kind == "person":
            return person_card(self.dataset, self.record)
        if kind == "character":
            return character_card(self.dataset, self.record)
        return record_text(self.record)

    def _repr_html_(self) -> str:
        """The record's HTML card, with what the dataset says about it."""
        return card_html(self.dataset, self.record)
