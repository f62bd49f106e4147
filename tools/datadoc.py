"""Generate ``docs/data.md`` from the data, so that the page cannot drift from it.

    python tools/datadoc.py docs/data.md

A maintainer's tool, kept out of the wheel.
A test compares the committed page with :func:`markdown` of the packaged dataset.
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from takedown import Dataset, load
from takedown._fields import REF_KIND
from takedown._tables import table_specs

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tool, however run
import provenance

__all__ = ["markdown"]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _summary(cls: type) -> str:
    return (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ")


def _filled(records: tuple[Any, ...], name: str) -> int:
    return sum(1 for r in records if getattr(r, name) not in (None, (), frozenset()))


def _coverage(ds: Dataset, name: str, records: tuple[Any, ...]) -> list[str]:
    lines = []
    if records and any(f.name == "film" for f in attrs.fields(type(records[0]))):
        per_film = Counter(r.film.id for r in records)
        lines.append(
            "Per film: "
            + ", ".join(
                f"*{f.title}* {per_film.get(f.id, 0)}"
                for f in sorted(ds.films, key=lambda f: f.chronology())
            )
            + "."
        )
    optional = (
        [
            f.name
            for f in attrs.fields(type(records[0]))
            if f.default is not attrs.NOTHING and f.name != "sources"
        ]
        if records
        else []
    )
    if optional:
        known = ", ".join(f"`{o}` {_filled(records, o)}/{len(records)}" for o in optional)
        lines.append(f"Optional fields known: {known}.")
    return lines


def _fields(cls: type) -> str:
    parts = []
    for field in attrs.fields(cls):
        kind = field.metadata.get(REF_KIND)
        parts.append(f"`{field.name}`" + (f" → {kind}" if kind else ""))
    return ", ".join(parts)


#: The kinds of the knowledge model, with how to count each one per film.
KNOWLEDGE = ("organizations", "relationships", "themes", "works", "awards", "comparisons")

AUDIT = """\
## What the audit changed, and what stays out

Fixed after checking the data against the texts:

- The release no longer names France as a publicity target: the source lost that
  market's name and names only the United States.
- Rhône-Alpes cites only the texts that name it, and its description drops the
  filming article's travel-guide passage.
- Towns, lakes and mountains that only Grokipedia names have no parent region (its region
  name is lost), and the story's places have no parent town unless the recap puts them in
  "the town" (the restaurant, the immigrant centre).
- Combe Laval's balcony-road chase is placed in the plot only as a reading: Grokipedia
  does not say which chase of the story it is, and matching it with the recap's chase
  that ends on a mountain road is marked as ours, with the reason.
- One announcement with a disputed date: Wikipedia and the review date Leterrier's
  signing to March 2021, Grokipedia the announcement of the sequel to March 2022; the
  earlier date is preferred, and the later one kept in a conflict.
- Not conflicts: the body (a headless body at Lyon station and a body in pieces on an
  arriving train do not contradict each other), Monge's career (stalled and demoted are
  compatible; "never promoted" is in no source), Alice's role (her cover and her reveal),
  and the writers (Wikipedia and the news article name Kazandjian without saying he wrote
  alone; Grokipedia adds Pierre Le Coz, whose credit cites Grokipedia only). Ousmane's
  and Monge's ranks are conflicts on the `title` of their relationships.
- No 2012 writing credit for Kazandjian: it rested on Grokipedia's "returning
  screenwriter" alone.
- Roger Ebert is the critic Grokipedia names, with no outlet.
- Words no source uses are gone ("small-time", "pistol", "rule-breaker", "illegal", a
  neck tattoo for the bouncer, go-kart chases, the alias "Louis Letterier"), and the
  recap's ambiguous pronouns stay ambiguous.
- No source bills Ouazani, Hesme or the 2012 cast: their order is unknown.
- Unknown stays unknown: the 43/100 aggregator (name lost), the viewership's date (a
  28-day total cannot date from May 2022), the river of the urban sequences (its name is
  blank in the filming article), subtitle languages, chart countries.

Left out on purpose:

- Brunner as leader of the Sons of Clovis, or the bouncer and the boss as members: the
  recap only has Brunner speak at their gathering and the two wear its symbol.
- Relationships with a place (Brunner as mayor of Valergnes, owner of the restaurant;
  Jessica working at the strip club): a relationship links characters and organisations
  only, so these stay in the descriptions.
- The €17 million figure is kept as the budget, though the word "budget" is lost from
  both of Grokipedia's sentences.
- The photo credit of the filming article, the review's "Related" links, the filming
  article's list of other films shot in the regions, and the review's UFC joke: not
  statements about the films.
- Works with no title (Hardmeier's and Tabaillon's earlier work) and the news article's
  order of the cast (a sentence, not a billing).
"""


def _knowledge(ds: Dataset) -> list[str]:
    films = sorted(ds.films, key=lambda f: f.chronology())
    out = [
        "## The knowledge model",
        "",
        "| kind | records | " + " | ".join(f"*{f.title}*" for f in films) + " |",
        "|---|---|" + "---|" * len(films),
    ]
    for name in KNOWLEDGE:
        records = getattr(ds.tables, name)
        per_film = [sum(1 for r in records if f in _films_of(ds, r)) for f in films]
        out.append(f"| {name} | {len(records)} | " + " | ".join(map(str, per_film)) + " |")
    out += ["", "Works and awards belong to people: they count for their person's films.", ""]
    return out


def _films_of(ds: Dataset, record: Any) -> tuple[Any, ...]:
    if hasattr(record, "films"):
        return tuple(record.films)
    if hasattr(record, "film"):
        return (record.film,)
    return ds.filmography(record.person)


def _provenance(ds: Dataset) -> list[str]:
    counted = provenance.share(ds)
    if counted is None:
        return ["The source documents were not at hand, so no citation was checked.", ""]
    backed, pairs = counted
    return [
        "## Checked against the texts",
        "",
        f"{backed} of {pairs} cited pairs ({backed / pairs:.0%}) are backed by their source: "
        "for every field (and every alias) of every record, each source it cites was read. "
        "A name, title or alias must be written in that source as it is, up to case and "
        "accents; a number, amount, date or reference in one of the usual ways; a kind, flag "
        "or summary in our words by a reviewed phrase of at most six words from that source "
        "(`tools/backing/`). A field that cites no source is stated by none. A record "
        "counted as named has a name that a source citing it capitalises: a name they write "
        'only in lower case ("a mosque") is a description, and its record is unnamed.',
        "",
    ]


def markdown(ds: Dataset) -> str:
    """The data page: sources, every table with its coverage, and the disagreements."""
    out = [
        "# The data",
        "",
        "<!-- Generated by `python tools/datadoc.py docs/data.md`; do not edit by hand. -->",
        "",
        "Every record comes from the documents below and cites them by id. Where the sources",
        "say nothing, a field is left empty: nothing is guessed. Summaries, descriptions and",
        "gists are written in the project's own words.",
        "",
        "## Sources",
        "",
        "| id | document | kind | trust (1 = most) | notes |",
        "|---|---|---|---|---|",
    ]
    for source in sorted(ds.sources, key=lambda s: (s.trust, s.id)):
        cited = sum(1 for r in ds.tables.records() if source.id in r.sources) - 1
        out.append(
            f"| `{source.id}` | {_cell(source.title)} | {source.kind.value} | {source.trust} "
            f"| {_cell(source.notes or '')} Cited by {cited} records. |"
        )
    out += ["", "## Tables", ""]
    for spec in table_specs():
        records = getattr(ds.tables, spec.name)
        out += [
            f"### `{spec.file}`: {len(records)} {spec.record.__name__} records",
            "",
            _summary(spec.record),
            "",
            f"Fields: {_fields(spec.record)}.",
            "",
        ]
        for line in _coverage(ds, spec.name, records):
            out += [line, ""]
    out += _knowledge(ds) + _provenance(ds) + AUDIT.splitlines() + [""]
    out += [
        "## Where the sources disagree",
        "",
        "Each disagreement keeps every claim with its sources; the preferred claim (**bold**)",
        "is the one the record carries. `ds.conflicts()` and `ds.claims(record, field)` expose",
        "them.",
        "",
    ]
    for conflict in ds.conflicts():
        subject = ds.get(conflict.subject)
        label = getattr(subject, "name", None) or conflict.subject
        out.append(f"- **{_cell(label)}** (`{conflict.subject}`), {conflict.field}:")
        for claim in conflict.claims:
            value = f"**{_cell(claim.text)}**" if claim.preferred else _cell(claim.text)
            out.append(f"  - {value} ({', '.join(sorted(claim.sources))})")
        out.append(f"  - Why: {_cell(conflict.reason)}")
    return "\n".join(out) + "\n"


def write_page(make: Callable[[Dataset], str], argv: list[str] | None = None) -> None:
    """Write ``make`` of the packaged dataset to the path in ``argv`` (default: print it)."""
    args = sys.argv[1:] if argv is None else argv
    text = make(load())
    if args:
        with open(args[0], "w", encoding="utf-8") as page:
            page.write(text)
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> None:
    """Write the page to the path given (default: print it)."""
    write_page(markdown, argv)


if __name__ == "__main__":
    main()
