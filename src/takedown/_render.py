"""Plain-text views of the dataset, for the terminal and ``python -m takedown``, wrapped at
``width`` columns with continuation lines indented under their label."""

from __future__ import annotations

from . import models as m
from ._card import WIDTH, credit, runtime, value_text
from ._card import wrap as _wrap
from .dataset import Dataset, directors
from .enums import Audience

__all__ = ["WIDTH", "conflicts", "film_card", "headline", "overview", "plot", "reception"]

#: How a rating whose aggregator the source lost is introduced.
_UNNAMED = "unnamed aggregator"


def _value(rating: m.Rating) -> str:
    """A share of positive reviews as a percentage; any other score as value/scale."""
    if rating.metric == "approval" and (rating.scale_min, rating.scale_max) == (0, 100):
        return f"{rating.value:g}%"
    return f"{rating.value:g}/{rating.scale_max:g}"


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


def film_card(ds: Dataset, film: m.Film, *, leads: int = 3, width: int = WIDTH) -> str:
    """A few lines about a film: titles, year, director, runtime, leads, reception."""
    lines = [f"{film.title} ({film.original_title}), {film.year}"]
    by = ", ".join(dict.fromkeys(p.name for p in directors(ds, film))) or "unknown"
    released = value_text(film.release_date)
    when = f" · released {released}" if released else ""
    lines += _wrap(f"directed by {by} · {runtime(film) or 'runtime unknown'}{when}", width)
    starring = [credit(c) for c in ds.cast(film)[:leads]]
    if starring:
        lines += _wrap("starring " + "; ".join(starring), width)
    lines += _wrap("reception: " + headline(ds, film), width)
    for before, other in (("sequel to", film.predecessor), ("followed by", ds.sequel(film))):
        if other:
            lines += _wrap(f"{before} {other.title} ({other.year})", width)
    return "\n".join(lines)


def overview(ds: Dataset, *, width: int = WIDTH) -> str:
    """Both films at a glance, oldest first."""
    films = sorted(ds.films, key=lambda f: f.chronology())
    return "\n\n".join(film_card(ds, f, width=width) for f in films)


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
