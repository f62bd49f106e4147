"""The HTML shown by Jupyter for films, people, characters and datasets, through the
formatter that :func:`takedown._html.register` sets up in IPython."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from IPython.core.formatters import DisplayFormatter

import takedown
from refs import with_aliases
from takedown import models as m
from takedown._html import register
from takedown._tables import table_specs
from takedown.dataset import Dataset
from takedown.strategies import characters, films, people

#: Every tag the views may emit: anything else means some text was not escaped.
ALLOWED_TAGS = {"div", "span", "code", "table", "thead", "tbody", "tr", "th", "td"}


class _Page(HTMLParser):
    """The tags, the heading text and the table rows (as cell texts) of a snippet."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.tables: list[list[list[str]]] = []
        #: The text of the first inner div, before its aside.
        self.heading = ""
        self._in_cell = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.rows.append([])
            self.tables[-1].append(self.rows[-1])
        if tag in ("td", "th"):
            self.rows[-1].append("")
            self._in_cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.rows[-1][-1] += data
        elif self.tags == ["div", "div"]:
            self.heading += data

    def fields(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.rows if len(row) == 2}


def _shell() -> Any:
    class Shell:
        display_formatter = DisplayFormatter()

    register(Shell)
    return Shell


_HTML = _shell().display_formatter.formatters["text/html"]


def _html(value: Any) -> str:
    """What IPython shows of ``value`` as HTML."""
    markup = _HTML(value)
    assert isinstance(markup, str), f"no HTML registered for {type(value).__name__}"
    return markup


def _page(record: Any) -> _Page:
    markup = _html(record)
    assert isinstance(markup, str)
    page = _Page(markup)
    assert set(page.tags) <= ALLOWED_TAGS
    return page


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@given(film=films())
def test_a_film_card_shows_every_text_exactly_and_escaped(film: m.Film) -> None:
    page = _page(film)
    assert page.heading.strip() == film.title.strip()
    fields = page.fields()
    assert fields["sources"] == ", ".join(sorted(film.sources))
    if film.synopsis:
        assert fields["synopsis"] == film.synopsis
    else:
        assert "synopsis" not in fields
    for label, values in (
        ("genres", film.genres),
        ("countries", tuple(c.name for c in film.countries)),
        ("also known as", film.aliases),
    ):
        if values:
            assert fields[label] == ", ".join(values)
    if film.predecessor:
        assert fields["follows"].startswith(film.predecessor.title)


@given(person=people())
def test_a_person_card_shows_name_aliases_and_description(person: m.Person) -> None:
    page = _page(person)
    assert page.heading.strip() == person.name.strip()
    fields = page.fields()
    assert fields.get("description") == person.description
    assert fields.get("also known as") == (", ".join(person.aliases) or None)


@given(character=characters())
def test_a_character_card_lists_the_films_oldest_first(character: m.Character) -> None:
    page = _page(character)
    assert page.heading.strip() == character.name.strip()
    appears_in = page.fields()["appears in"]
    oldest_first = sorted(character.films, key=lambda f: (f.year, f.id))
    positions = [appears_in.index(f"{f.title} ({f.year})") for f in oldest_first]
    assert positions == sorted(positions)


def test_markup_in_a_title_is_shown_as_text(ds: Dataset) -> None:
    film = attrs.evolve(ds.film("The Takedown"), title='<script>alert("x")</script> & co')
    markup = _html(film)
    assert "<script>" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in markup
    assert _page(film).heading.strip() == film.title


def test_the_packaged_films_show_their_dates_runtime_and_predecessor(ds: Dataset) -> None:
    takedown_film = ds.film("The Takedown")
    fields = _page(takedown_film).fields()
    assert takedown_film.runtime_minutes is not None
    assert fields["runtime"].startswith(str(takedown_film.runtime_minutes))
    assert fields["released"] == "6 May 2022"
    assert fields["follows"] == "On the Other Side of the Tracks (2012)"
    assert "17,000,000 EUR" in fields["budget"]


def test_record_cards_never_load_the_dataset(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [*ds.films, *ds.people, *ds.characters]

    def refuse() -> None:
        raise AssertionError("a record card loaded the dataset")

    monkeypatch.setattr(takedown, "load", refuse)
    for record in records:
        assert record.name in _Page(_html(record)).heading


def test_the_dataset_table_counts_every_table_and_lists_both_films(ds: Dataset) -> None:
    films, counts = _page(ds).tables
    assert films[0][0] == "film"  # the header
    assert [row[0] for row in films[1:]] == [
        "On the Other Side of the Tracks",
        "The Takedown",
    ]
    assert films[2][5] == "On the Other Side of the Tracks"
    header, *body = counts
    assert set(header) == {"table", "records"}
    pairs = {row[i]: row[i + 1] for row in body for i in range(0, len(row), 2)}
    for field in attrs.fields(type(ds.tables)):
        assert pairs[field.name] == f"{len(getattr(ds.tables, field.name)):,}"
    assert len(pairs) == len(attrs.fields(type(ds.tables)))


def test_every_kind_of_record_and_a_search_hit_has_a_card(ds: Dataset) -> None:
    shown: set[str] = set()
    for record in ds.tables.records():
        page = _page(record)  # only allowed tags: every text escaped
        assert page.heading.strip()
        assert record.id in _html(record)
        shown.add(type(record).KIND)
    assert shown == {spec.record.KIND for spec in table_specs() if getattr(ds.tables, spec.name)}  # type: ignore[attr-defined]
    hit = ds.search("leterier")[0]
    assert _page(hit).fields()["matched"] == "also written 'Letterier'"


@pytest.mark.parametrize("field", ["name", "aliases"])
def test_a_hit_card_says_what_matched_whatever_the_name_reads(ds: Dataset, field: str) -> None:
    # A name may itself read like a hit's label: the card's "matched" line is not built from it.
    person = attrs.evolve(
        with_aliases(ds.person("Omar Sy"), "O'Sy"),
        name="Omar Sy (person), also written 'Fake Alias'",
    )
    matched = person.name if field == "name" else "O'Sy"
    fields = _page(takedown.SearchHit(person, 1.0, matched, field)).fields()
    if field == "name":
        assert "matched" not in fields
    else:
        assert fields["matched"] == 'also written "O\'Sy"'


def test_a_dataset_card_adds_what_the_dataset_says(ds: Dataset) -> None:
    film = ds.film("The Takedown")
    fields = _page(ds.card(film)).fields()
    assert fields["directed by"] == "Louis Leterrier"
    assert fields["cast"].startswith("Omar Sy as Ousmane Diakité")
    assert "Rotten Tomatoes" in fields["ratings"]
    person = _page(ds.card(ds.person("Omar Sy"))).fields()
    assert "Ousmane Diakité in The Takedown (2022)" in person["roles"]
    character = _page(ds.card(ds.character("Ousmane Diakité"))).fields()
    assert character["played by"] == "Omar Sy (2012), Omar Sy (2022)"
    assert "partner-of François Monge" in character["relationships"]
    assert str(ds.card(film)).startswith("The Takedown (Loin du périph), 2022")


def test_cards_follow_the_theme_colour(ds: Dataset) -> None:
    markup = _html(ds.film("The Takedown")) + _html(ds)
    assert "#555" not in markup
    assert "#777" not in markup
    assert "color:inherit" in markup


def test_every_film_view_answers_for_a_dataset_that_credits_no_director(tmp_path: Any) -> None:
    from takedown import _render as render
    from test_reliability import edited, write_copy

    def no_director(crew: Any) -> None:
        for credit in crew:
            if credit["job"].lower() == "director":
                credit["job"] = "filmmaker"

    ds = Dataset.from_path(write_copy(tmp_path / "data", edited("crew.json", no_director)))
    with pytest.raises(ValueError, match="unknown job"):
        ds.crew(ds.films[0], job="director")  # the query refuses what the views must not
    for film in ds.films:
        assert "directed by unknown" in render.film_card(ds, film)
        assert "directed by: unknown" in str(ds.card(film))
        assert _page(ds.card(film)).fields()["directed by"] == "unknown"
    assert render.overview(ds).count("directed by unknown") == len(ds.films)


def _run(script: str, home: Path) -> list[str]:
    # A fresh interpreter, since an IPython shell is a process-wide singleton, and a fresh
    # IPython directory, since a shell writes its profile and history there.
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "IPYTHONDIR": str(home)},
    )
    return done.stdout.split()


def test_importing_takedown_inside_ipython_shows_records_as_html(tmp_path: Path) -> None:
    shown = _run(
        """
        from IPython.core.interactiveshell import InteractiveShell
        html = InteractiveShell.instance().display_formatter.formatters["text/html"]
        import takedown
        print("takedown-film" in html(takedown.film("The Takedown")))
        """,
        tmp_path,
    )
    assert shown == ["True"]


def test_load_ext_takedown_shows_records_as_html_in_a_shell_started_later(
    tmp_path: Path,
) -> None:
    shown = _run(
        """
        import takedown
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        html = shell.display_formatter.formatters["text/html"]
        film = takedown.film("The Takedown")
        print(html(film) is None)
        shell.run_line_magic("load_ext", "takedown")
        print("takedown-film" in html(film))
        """,
        tmp_path,
    )
    assert shown == ["True", "True"]
