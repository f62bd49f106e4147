"""Rewrite a data directory in canonical form, with a fresh manifest of its digests.

    python tools/manifest.py [DIRECTORY]

A maintainer's tool, kept out of the wheel: run it after editing the packaged data
(``src/takedown/data``, the default) or a corrected copy of your own.  The data is loaded
and checked first, so a broken file is reported, not written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from takedown import Dataset
from takedown.export import write_json

PACKAGED = Path(__file__).resolve().parents[1] / "src" / "takedown" / "data"


def main(argv: list[str] | None = None) -> None:
    """Load the directory named in ``argv`` (default: the packaged data) and write it back."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else PACKAGED
    written = write_json(Dataset.from_path(root, check_digests=False), root)
    print(f"wrote {len(written)} files in {root}")


if __name__ == "__main__":
    main()
