"""The command line: the overview, each subcommand, JSON output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import takedown
from takedown.cli import EXIT_NOT_FOUND, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_python_m_takedown_prints_both_films_with_their_original_titles() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "takedown"], capture_output=True, text=True, check=True
    )
    out = result.stdout
    for film in takedown.load().films:
        assert film.title in out
        assert film.original_title in out
        assert str(film.year) in out
    assert "Louis Leterrier" in out
    assert "David Charhon" in out
    assert "Omar Sy as Ousmane Diakité" in out
    assert "119 min" in out


def test_overview_puts_the_older_film_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert out.index("On the Other Side of the Tracks") < out.index("The Takedown (")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["film", "loin du periph"], "Izïa Higelin"),
        (["person", "omar sy"], "as Ousmane Diakité"),
        (["character", "ousmane diakhite"], "played by Omar Sy"),
        (["search", "leterier"], "person/louis-leterrier"),
        (["plot"], "spoilers"),
        (["reception"], "Rotten Tomatoes"),
        (["conflicts"], "why:"),
    ],
)
def test_each_subcommand_answers(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert expected in out


def test_json_output_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", "film", "the takedown")
    assert code == 0
    data = json.loads(out)
    assert data["original_title"] == "Loin du périph"
    assert data["predecessor"] == "film/on-the-other-side-of-the-tracks"
    code, out, _ = run(capsys, "--json", "search", "omar sy")
    assert json.loads(out)[0]["id"] == "person/omar-sy"


def test_unknown_name_suggests_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "person", "Omar Sai")
    assert code == EXIT_NOT_FOUND
    assert out == ""
    assert "Omar Sy" in err


def test_bad_usage_exits_with_argparse_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2


def test_reception_reads_shares_as_percentages_and_scores_against_their_scale(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "reception", "the takedown")
    ratings = takedown.load().ratings("The Takedown")
    for rating in ratings:
        if rating.metric == "approval":
            assert f"{rating.value:g}% from" in out
        else:
            assert f"{rating.value:g}/{rating.scale_max:g} from" in out
    assert "from over 109,000 ratings" in out
    assert "from 20 reviews" in out
