"""The benchmark script runs from the test environment and reports every figure it promises.

Whether the targets are met is the benchmark's own business (ratios vary with the machine);
here only that it runs, and that its report holds every ratio and table, is checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"

EVERY_FIGURE = [
    "### First answer",
    "takedown / stack floor: **",
    "takedown / pycountry: **",
    "### Packaged data",
    "`json.loads` of the same bytes",
    "| film by id |",
    "| character by alias |",
    "Search index, built by the first search:",
    "slowest search:",
    "### Scale",
    "load time per record, slowest / fastest size: **",
]


def test_the_benchmark_reports_every_ratio(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip("the benchmarks are not part of this checkout")
    report = tmp_path / "figures.md"
    command = [sys.executable, str(SCRIPT), "--sizes", "300", "600", "--runs", "1", "--output"]
    result = subprocess.run(
        [*command, str(report)], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    written = report.read_text(encoding="utf-8")
    assert written.strip() == result.stdout.strip()  # --output keeps what was printed
    missing = [figure for figure in EVERY_FIGURE if figure not in written]
    assert not missing, written
    assert "nan" not in written.lower()
    lines = written.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| records"))
    records = lines[header + 2].split("|")[1].strip()  # the synthetic size's row
    assert records.replace(",", "").isdigit()
