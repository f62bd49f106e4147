"""Plain-text views of the dataset, for the terminal and ``python -m takedown``."""

from __future__ import annotations

from collections.abc import Iterable

from . import models as m
from .dataset import Dataset
from .enums import Audience

__all__ = [
    "character_card",
    "conflicts",
    "film_card",
    "overview",
    "person_card",
    "plot",
    "reception",
]


def _minutes(film: m.Film) -> str:
    return f"{film.runtime_minutes} min" if film.runtime_minutes else "runtime unknown"


def _names(people: Iterable[m.Person]) -> str:
    return ", ".join(p.name for p in people) or "unknown"


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
        parts.append(f"{a.count:,} admissions ({a.market})")
    return "; ".join(parts) or "no reception figures"


#: How a rating whose aggregator the source lost is introduced.
_UNNAMED = "unnamed aggregator"


def _value(rating: m.Rating) -> str:
    # A share of positive reviews reads as a percentage; any other score as value/scale.
    if rating.metric == "approval" and (rating.scale_min, rating.scale_max) == (0, 100):
        return f"{rating.value:g}%"
    return f"{rating.value:g}/{rating.scale_max:g}"


def film_card(ds: Dataset, film: m.Film, *, leads: int = 3) -> str:
    """A few lines about a film: titles, year, director, runtime, leads, reception."""
    lines = [
        f"{film.title} ({film.original_title}), {film.year}",
        f"  directed by {_names(c.person for c in ds.crew(film, job='director'))}"
        f" · {_minutes(film)}"
        + (
            f" · released {film.release_date.day} {film.release_date:%B %Y}"
            if film.release_date
            else ""
        ),
    ]
    starring = [
        f"{c.person.name} as {c.character.name}" if c.character else c.person.name
        for c in ds.cast(film)[:leads]
    ]
    if starring:
        lines.append("  starring " + "; ".join(starring))
    lines.append("  reception: " + headline(ds, film))
    if film.predecessor:
        lines.append(f"  sequel to {film.predecessor.title}")
    return "\n".join(lines)


def overview(ds: Dataset) -> str:
    """Both films at a glance, oldest first."""
    films = sorted(ds.films, key=lambda f: f.chronology())
    return "\n\n".join(film_card(ds, f) for f in films)


def person_card(ds: Dataset, person: m.Person) -> str:
    """A person and what they did on each film."""
    lines = [person.name + (f" (also: {', '.join(person.aliases)})" if person.aliases else "")]
    for film in ds.filmography(person):
        roles = [
            f"as {c.character.name}" if c.character else "in the cast"
            for c in ds.cast(film)
            if c.person == person
        ] + [c.job for c in ds.crew(film) if c.person == person]
        lines.append(f"  {film.title} ({film.year}): {', '.join(roles)}")
    return "\n".join(lines)


def character_card(ds: Dataset, character: m.Character) -> str:
    """A character, who plays them and where they appear."""
    lines = [
        character.name + (f" (also: {', '.join(character.aliases)})" if character.aliases else "")
    ]
    if character.description:
        lines.append(f"  {character.description}")
    for film in ds.appearances(character):
        actors = [c.person.name for c in ds.cast(film) if c.character == character]
        played = f" played by {', '.join(actors)}" if actors else ""
        lines.append(f"  in {film.title} ({film.year}){played}")
    return "\n".join(lines)


def plot(ds: Dataset, film: m.Film) -> str:
    """The whole story, numbered.  Spoilers."""
    lines = [f"{film.title}: the plot, ending included (spoilers)"]
    for event in ds.plot(film):
        lines.append(f"{event.order:3d}. {event.summary}")
    return "\n".join(lines)


def reception(ds: Dataset, film: m.Film) -> str:
    """Ratings, reviews, viewership and admissions."""
    lines = [f"{film.title}: reception"]
    for r in ds.ratings(film):
        unit = "reviews" if r.audience is Audience.CRITICS else "ratings"
        count = (
            f" from {'over ' if r.count_is_minimum else ''}{r.count:,} {unit}" if r.count else ""
        )
        as_of = f" as of {r.as_of.describe()}" if r.as_of else ""
        name = r.aggregator or _UNNAMED
        lines.append(f"  {name} ({r.audience.value}) {r.metric}: {_value(r)}{count}{as_of}")
    for review in ds.reviews(film):
        by = " / ".join(x for x in (review.outlet, review.critic) if x) or "unnamed outlet"
        score = f" {review.score.value:g}/{review.score.scale:g}" if review.score else ""
        lines.append(f"  review, {by}{score}: {review.gist}")
    for v in ds.viewership(film):
        rank = f", #{v.rank} among {v.category}" if v.rank else ""
        lines.append(f"  {v.hours_viewed:,} hours viewed in {v.window_days} days{rank}")
        if v.top10_countries:
            lines.append(f"  in the top 10 of {v.top10_countries} countries")
    for a in ds.admissions(film):
        lines.append(
            f"  {'over ' if a.count_is_minimum else ''}{a.count:,} admissions in {a.market}"
        )
    return "\n".join(lines)


def conflicts(ds: Dataset) -> str:
    """Every disagreement between sources, with the preferred claim and why."""
    lines = []
    for c in ds.conflicts():
        lines.append(f"{c.subject} · {c.field}")
        for claim in c.claims:
            mark = "*" if claim.preferred else " "
            lines.append(f"  {mark} {claim.text}  [{', '.join(sorted(claim.sources))}]")
        lines.append(f"    why: {c.reason}")
    return "\n".join(lines)
