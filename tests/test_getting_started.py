"""The examples of the docs' getting-started page run and print what the page shows."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

PAGE = Path(__file__).parents[1] / "docs" / "index.md"
PYCON = re.compile(r"^```pycon\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_every_pycon_block_of_the_getting_started_page_runs_as_shown() -> None:
    blocks = PYCON.findall(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 2, "the page's examples were not found"
    # One namespace for the page: later blocks use names the first one defines.
    namespace: dict[str, object] = {}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    parser = doctest.DocTestParser()
    for number, block in enumerate(blocks, start=1):
        test = parser.get_doctest(block, namespace, f"index.md block {number}", str(PAGE), 0)
        test.globs = namespace  # get_doctest copies globs; share them across blocks
        runner.run(test, clear_globs=False)
    results = runner.summarize(verbose=False)
    assert results.attempted >= 8
    assert results.failed == 0
