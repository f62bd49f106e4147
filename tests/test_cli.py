"""The command line: the overview, each subcommand, JSON output and exit codes."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import takedown
from takedown.cli import (
    EXIT_BROKEN_PIPE,
    EXIT_CANNOT_WRITE,
    EXIT_CANNOT_WRITE_OUTPUT,
    EXIT_CODES,
    EXIT_DATA_ERROR,
    EXIT_INTERRUPTED,
    EXIT_MISSING_DEPENDENCY,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    _parser,
    main,
)
from takedown.errors import DataError


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
        (["character", "ousmane diakhite"], "played by: Omar Sy"),
        (["search", "leterier"], "Louis Leterrier (person), also written 'Letterier'"),
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


def takedown_cli(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "takedown", *argv], capture_output=True, text=True, **kwargs
    )


def test_output_into_a_closed_pipe_ends_quietly() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # closed before the command writes, as `takedown | head -1` can leave it
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "takedown", "--json", "conflicts"],
            stdout=writer,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(writer)
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_BROKEN_PIPE
    assert err == b""


def test_an_ascii_terminal_gets_escapes_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = takedown_cli(env=env)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "Omar Sy as Ousmane Diakit\\xe9" in result.stdout
    result = takedown_cli("--json", "person", "omar sy", env=env)
    assert result.returncode == 0
    assert result.stdout.isascii()
    assert "Ousmane Diakité" in json.loads(result.stdout)["description"]
    result = takedown_cli("person", "Omar Sé", env=env)
    assert result.returncode == EXIT_NOT_FOUND
    assert "'Omar S\\xe9'" in result.stderr


@pytest.mark.parametrize(
    "errors", ["strict", "surrogateescape", "surrogatepass"], ids=lambda errors: errors
)
def test_any_error_handler_gets_escapes_not_a_traceback(errors: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": f"ascii:{errors}"}
    result = takedown_cli("character", "diakite", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert "Ousmane Diakit\\xe9" in result.stdout
    result = takedown_cli("character", "diakitee", env=env)
    assert result.returncode == EXIT_NOT_FOUND
    assert "'Ousmane Diakit\\xe9'" in result.stderr


def test_an_error_handler_that_never_fails_is_kept() -> None:
    result = takedown_cli(
        "character", "diakite", env={**os.environ, "PYTHONIOENCODING": "ascii:replace"}
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "Ousmane Diakit?" in result.stdout


def test_the_c_locale_gets_escapes_not_a_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    env |= {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    probe = "import sys; print(sys.stdout.encoding, sys.stdout.errors)"
    streams = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    if streams[1] != "surrogateescape":  # e.g. an interpreter that always speaks UTF-8
        pytest.skip(f"the C locale gives stdout {streams}, not an ASCII one")
    result = takedown_cli("character", "diakite", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert "Ousmane Diakit\\xe9" in result.stdout
    result = takedown_cli("--json", "character", "diakite", env=env)
    assert result.returncode == 0
    assert json.loads(result.stdout)["name"] == "Ousmane Diakité"


def _run_shell(command: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m takedown ARGV`` with ``command``'s redirections, through a POSIX shell."""
    script = f'"$0" -m takedown "$@" {command}'
    return subprocess.run(
        ["sh", "-c", script, sys.executable, *argv], capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--json", "person", "omar sy"],
        ["--json", "person", "omar sai"],
        ["--version"],
        ["--help"],
        ["--json", "--help"],
    ],
    ids=" ".join,
)
def test_a_full_disk_for_the_output_is_reported_with_its_status(argv: list[str]) -> None:
    result = _run_shell(">/dev/full", *argv)
    assert result.returncode == EXIT_CANNOT_WRITE_OUTPUT
    assert result.stderr == "takedown: cannot write the output: No space left on device\n"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes stdout")
@pytest.mark.parametrize("argv", [[], ["--json", "search", "omar"], ["--help"]], ids=" ".join)
def test_a_closed_stdout_is_reported_with_its_status(argv: list[str]) -> None:
    result = _run_shell(">&-", *argv)
    assert result.returncode == EXIT_CANNOT_WRITE_OUTPUT
    assert result.stderr == "takedown: cannot write the output: stdout is closed\n"
    assert _run_shell(">&- 2>&-", *argv).returncode == EXIT_CANNOT_WRITE_OUTPUT


#: ``takedown`` whose data takes a minute to load, saying on stderr when it has started.
SLOW_TAKEDOWN = """
import sys, time, takedown
from takedown.cli import main

def load():
    print("loading", file=sys.stderr, flush=True)
    time.sleep(60)

takedown.load = load
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
@pytest.mark.parametrize("argv", [[], ["--json", "conflicts"]], ids=" ".join)
def test_ctrl_c_ends_with_status_130_and_no_traceback(argv: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_TAKEDOWN, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "loading\n"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (EXIT_INTERRUPTED, "", "takedown: interrupted\n")


def assert_reported(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, error: dict[str, Any]
) -> None:
    """``argv`` exits ``code``, printing ``error["message"]`` on stderr, or ``error`` as JSON
    on stdout under ``--json``."""
    assert run(capsys, *argv) == (code, "", f"takedown: {error['message']}\n")
    assert run(capsys, *argv, "--json")[:2] == (code, json.dumps(error, indent=2) + "\n")


def test_a_search_that_finds_nothing_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    error = {
        "error": "not_found",
        "message": "no record matches 'zzzz'",
        "kind": "record",
        "key": "zzzz",
        "suggestions": [],
    }
    assert_reported(capsys, ["search", "zzzz"], EXIT_NOT_FOUND, error)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"takedown {takedown.__version__}\n"


@pytest.mark.parametrize("argv", [["--json", "--version"], ["--version", "--json"]])
def test_version_under_json_is_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == {"version": takedown.__version__}


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--json", "--help"], None),
        (["--help", "--json"], None),
        (["person", "--help", "--json"], "person"),
        (["--json", "export", "-h"], "export"),
    ],
)
def test_help_under_json_is_json(
    argv: list[str], command: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    text = json.loads(capsys.readouterr().out)["help"]
    assert text == (_parser() if command is None else _commands()[command]).format_help()
    assert text.startswith(f"usage: takedown {command or ''}".rstrip() + " [-h]")


EVERY_STATUS = {
    0,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    EXIT_DATA_ERROR,
    EXIT_CANNOT_WRITE,
    EXIT_MISSING_DEPENDENCY,
    EXIT_CANNOT_WRITE_OUTPUT,
    EXIT_INTERRUPTED,
    EXIT_BROKEN_PIPE,
}


def test_help_gives_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    listed = {int(code) for code in re.findall(r"^  (\d+) +\w", out, re.MULTILINE)}
    assert listed == EVERY_STATUS


def _commands() -> dict[str, argparse.ArgumentParser]:
    (commands,) = (
        action for action in _parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    return dict(commands.choices)


def test_every_command_and_argument_is_described() -> None:
    commands = _commands()
    assert set(commands) >= {"overview", "film", "person", "search", "export"}
    for name, parser in commands.items():
        assert parser.description, name
        assert "\n" not in parser.description, name
        for action in parser._actions:
            assert action.help, (name, action.dest)


def test_limit_shows_its_default_and_must_be_at_least_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "(default: 10)" in _commands()["search"].format_help()
    for bad in ("0", "-3", "many"):
        with pytest.raises(SystemExit) as info:
            main(["search", "omar", "--limit", bad])
        assert info.value.code == EXIT_USAGE
        assert "argument --limit" in capsys.readouterr().err
    code, out, _ = run(capsys, "--json", "search", "omar", "--limit", "1")
    assert code == 0
    assert len(json.loads(out)) == 1


def test_json_goes_before_or_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "--json", "person", "omar sy")
    _, after, _ = run(capsys, "person", "omar sy", "--json")
    assert json.loads(before)["id"] == "person/omar-sy"
    assert after == before


@pytest.mark.parametrize(
    "argv",
    [["--json", "person", "Omar Sai"], ["person", "Omar Sai", "--json"]],
    ids=["before", "after"],
)
def test_json_errors_are_json_with_the_same_exit_code(argv: list[str]) -> None:
    result = takedown_cli(*argv)
    assert result.returncode == EXIT_NOT_FOUND
    error = json.loads(result.stdout)
    assert error["error"] == "not_found"
    assert error["kind"] == "person"
    assert error["key"] == "Omar Sai"
    assert "Omar Sy" in error["suggestions"]
    assert "Omar Sy" in error["message"]


def test_json_usage_errors_are_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["search", "omar", "--json", "--limit", "0"])
    assert info.value.code == EXIT_USAGE
    error = json.loads(capsys.readouterr().out)
    assert error == {"error": "usage", "message": "argument --limit: must be 1 or more, not 0"}


def test_broken_data_is_reported_with_where_it_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise DataError("not a list", file="films.json", location="[0]")

    monkeypatch.setattr(takedown, "load", broken)
    error = {
        "error": "data_error",
        "message": "the data is broken: films.json[0]: not a list",
        "file": "films.json",
        "location": "[0]",
        "problem": "not a list",
    }
    assert_reported(capsys, ["film", "the takedown"], EXIT_DATA_ERROR, error)


def test_a_long_argument_is_cut_short_in_error_messages() -> None:
    long = "x" * 5000
    result = takedown_cli("person", long)
    assert result.returncode == EXIT_NOT_FOUND
    assert f"'{'x' * 77}...'" in result.stderr
    assert len(result.stderr) < 200
    result = takedown_cli("--json", "person", long)
    assert len(result.stdout) < 400
    assert json.loads(result.stdout)["key"] == "x" * 77 + "..."
    result = takedown_cli("export", long, "out")
    assert result.returncode == EXIT_USAGE
    assert "invalid choice" in result.stderr
    assert len(result.stderr) < 400


def test_the_docs_give_the_same_exit_codes_as_the_help() -> None:
    page = (Path(__file__).parents[1] / "docs" / "index.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", page, re.MULTILINE)}
    in_help = {int(code) for code in re.findall(r"^  (\d+) ", EXIT_CODES, re.MULTILINE)}
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (line,) = re.findall(r"^Exit status: (.*?)\.?\n\n", readme, re.MULTILINE | re.DOTALL)
    in_readme = {int(code) for code in re.findall(r"(?:^|,\s+)(\d+) ", line)}
    assert documented == in_help == in_readme == EVERY_STATUS


def test_the_overview_fits_80_columns_and_names_each_film_s_neighbour() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run(
        [sys.executable, "-m", "takedown"], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "followed by The Takedown (2022)" in out  # the 2012 film's sequel line
    assert "sequel to On the Other Side of the Tracks (2012)" in out


def test_the_film_view_shows_what_the_data_holds() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "takedown", "film", "takedown"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "60"},
    ).stdout
    for label in ("directed by:", "written by:", "genres:", "budget:", "synopsis:", "ratings:"):
        assert label in out
    assert "  cast:\n    Omar Sy as Ousmane Diakité\n" in out  # one credit per line
    assert "relationships:" in out
    assert "themes:" in out
    assert max(len(line) for line in out.splitlines()) <= 60
