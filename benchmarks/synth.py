"""Write a synthetic but valid takedown data directory of about N records.

The records come in the proportions of a film catalogue: for every film, people, the
characters they play, cast and crew credits, places and a dozen plot events whose
summaries are drawn from a large made-up vocabulary.  Names are made of syllables so
that every name is distinct and the search index has realistic text to chew on.

    python benchmarks/synth.py 100000 /tmp/takedown-100k
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

# Records written per film (the unit the generator repeats): 1 film, 8 people,
# 6 characters, 7 cast credits, 3 crew credits, 2 places and 12 plot events.
PER_FILM = 1 + 8 + 6 + 7 + 3 + 2 + 12
SOURCES = ("wikipedia", "grokipedia", "plot-recap", "review", "news", "locations")
# "œ", not "é": names are compared folded, and "é" folds to "e", which would make two
# distinct words one name.
_SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in ("a", "e", "i", "o", "u", "ou", "œ")]


def _word(n: int, length: int = 3) -> str:
    """A made-up word for ``n``: distinct numbers give distinct words."""
    parts = []
    for _ in range(length):
        n, digit = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts)


def _slug(text: str) -> str:
    return text.replace("œ", "oe").lower().replace(" ", "-")


def _sources(rng: random.Random) -> list[str]:
    return [f"source/{s}" for s in sorted(rng.sample(SOURCES, rng.randint(1, 4)))]


def tables(records: int, seed: int = 5) -> dict[str, list[dict[str, Any]]]:
    """The synthetic tables, about ``records`` records in all."""
    rng = random.Random(seed)
    films_wanted = max(1, (records - len(SOURCES)) // PER_FILM)
    vocabulary = [_word(i * 7919 + 11, 2 + i % 3) for i in range(5000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    out: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in ("sources", "films", "people", "locations", "characters", "cast", "crew")
    }
    out["plot"] = []
    for i, name in enumerate(SOURCES):
        out["sources"].append(
            {
                "id": f"source/{name}",
                "title": f"Source {name}",
                "kind": "article",
                "file": f"{name}.txt",
                "trust": i + 1,
            }
        )
    previous_people: list[str] = []
    for f in range(films_wanted):
        title = f"The {_word(f).capitalize()} {_word(f * 31 + 7, 2).capitalize()}"
        film_id = f"film/{_slug(title[4:])}-{f}"
        year = 1950 + f % 70
        film: dict[str, Any] = {
            "id": film_id,
            "title": title,
            "original_title": title.upper(),
            "aliases": [f"{title} {year}"],
            "year": year,
            "release_date": f"{year}-{1 + f % 12:02d}-{1 + f % 28:02d}",
            "runtime_minutes": 80 + f % 60,
            "countries": [{"code": "FR", "name": "France"}],
            "languages": [{"code": "fr", "name": "French"}],
            "genres": ["comedy"],
            "synopsis": " ".join(rng.choices(vocabulary, weights, k=30)).capitalize() + ".",
            "sources": _sources(rng),
        }
        if f % 2:
            film["predecessor"] = out["films"][-1]["id"]
        out["films"].append(film)
        people = []
        for p in range(8):
            name = f"{_word(f * 8 + p, 2).capitalize()} {_word(f * 8 + p + 3, 3).capitalize()}"
            person_id = f"person/{_slug(name)}-{f}-{p}"
            person: dict[str, Any] = {"id": person_id, "name": name, "sources": _sources(rng)}
            if p % 3 == 0:
                person["aliases"] = [name.split()[1]]
            out["people"].append(person)
            people.append(person_id)
        places = []
        for k in range(2):
            place_id = f"location/{_slug(_word(f * 2 + k))}-{f}-{k}"
            out["locations"].append(
                {
                    "id": place_id,
                    "name": f"{_word(f * 2 + k).capitalize()} {f}-{k}",
                    "kind": "city",
                    "fictional": k == 1,
                    "sources": _sources(rng),
                }
            )
            places.append(place_id)
        characters = []
        for c in range(6):
            name = f"{_word(f * 6 + c + 101, 2).capitalize()} {_word(f, 2).capitalize()}-{c}"
            character_id = f"character/{_slug(name)}-{f}"
            out["characters"].append(
                {
                    "id": character_id,
                    "name": name,
                    "aliases": [", ".join(reversed(name.split()))] if c % 2 == 0 else [],
                    "films": [film_id],
                    "description": " ".join(rng.choices(vocabulary, weights, k=12)) + ".",
                    "sources": _sources(rng),
                }
            )
            characters.append(character_id)
        # One actor of the previous film returns, so filmographies span films.
        actors = people[:6] + previous_people[:1] if previous_people else people[:7]
        for order, person_id in enumerate(actors, start=1):
            credit: dict[str, Any] = {
                "id": f"cast/{f}-{order}",
                "film": film_id,
                "person": person_id,
                "order": order,
                "sources": _sources(rng),
            }
            if order <= len(characters):
                credit["character"] = characters[order - 1]
            out["cast"].append(credit)
        for k, (department, job) in enumerate(
            [("directing", "director"), ("writing", "screenplay"), ("production", "producer")]
        ):
            out["crew"].append(
                {
                    "id": f"crew/{f}-{k}",
                    "film": film_id,
                    "person": people[5 + k % 3],
                    "department": department,
                    "job": job,
                    "sources": _sources(rng),
                }
            )
        for k in range(12):
            out["plot"].append(
                {
                    "id": f"plot/{f}-{k + 1}",
                    "film": film_id,
                    "order": k + 1,
                    "summary": " ".join(rng.choices(vocabulary, weights, k=25)).capitalize() + ".",
                    "characters": rng.sample(characters, 2),
                    "locations": [places[0]],
                    "sources": _sources(rng),
                }
            )
        previous_people = people
    for name, rows in out.items():
        if name != "sources":
            for row in rows:
                _cite(row)
    return out


def _cite(record: dict[str, Any]) -> None:
    """Cite each field of ``record`` to all its sources, and each alias on its own."""
    sources = record["sources"]
    citations: list[dict[str, Any]] = []
    for field, value in record.items():
        if field in ("id", "sources") or value in ([], None):
            continue
        if field == "aliases":
            citations += [{"field": field, "item": alias, "sources": sources} for alias in value]
        else:
            citations.append({"field": field, "sources": sources})
    record["citations"] = citations


def write(records: int, root: Path, seed: int = 5) -> int:
    """Write a data directory of about ``records`` records to ``root``; return the count."""
    from takedown._manifest import build
    from takedown._tables import SCHEMA_VERSION, table_specs

    root.mkdir(parents=True, exist_ok=True)
    data = tables(records, seed)
    digests = {}
    for spec in table_specs():
        text = json.dumps(data.get(spec.name, []), indent=2) + "\n"
        (root / spec.file).write_bytes(text.encode("utf-8"))
        digests[spec.file] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    manifest = build(digests, "0.0.1")
    assert manifest["schema_version"] == SCHEMA_VERSION
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return sum(len(v) for v in data.values())


if __name__ == "__main__":
    count = write(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {count} records to {sys.argv[2]}")
