"""Measure takedown side by side with its floors and print ratios, with the targets.

    python benchmarks/run.py                  # packaged data, then 10k and 100k records
    python benchmarks/run.py --sizes 10000    # other synthetic sizes
    python benchmarks/run.py --output figures.md

Run it from the README's test environment (``pip install '.[test]'``, which brings
pycountry).  Every comparison is measured in the same run, interleaved, so that a busy
machine slows both sides alike; ratios are what to compare between machines.

- first answer: fresh interpreters answering one lookup, against the stack floor (cattrs
  and the record classes imported) and against pycountry's first answer;
- load: a Dataset from the packaged files against ``json.loads`` of the same bytes;
- lookups and search on the packaged data;
- scale: synthetic data directories (``benchmarks/synth.py``): load time per record.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 100_000)

FIRST_ANSWER = {
    "takedown": "import takedown; takedown.film('The Takedown').title",
    "stack floor": "import cattrs, takedown.models",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='FR').name",
    # What the issues require before a single record is read: the stack floor, json, the
    # package's files found through importlib.resources and one generated cattrs hook per
    # record class (the content digests are left out: another digest could be cheaper).
    "required work": (
        "import json; from importlib.resources import files; files('takedown'); "
        "from takedown._convert import converter; from takedown._tables import table_specs; "
        "[converter.get_structure_hook(s.record) for s in table_specs()]"
    ),
}

#: Targets: first answer / stack floor, first answer / pycountry, load / json floor on the
#: packaged data, slowest search on the packaged data (ms), and the spread of load time
#: per record across synthetic sizes (largest / smallest).
TARGETS = {"floor": 1.3, "pycountry": 1.75, "load": 5.0, "search_ms": 1.0, "flat": 1.25}


def _env(pycache: str) -> dict[str, str]:
    import takedown

    env = dict(os.environ)
    # Installed packages come with bytecode; a source tree run with PYTHONDONTWRITEBYTECODE
    # would recompile takedown on every start.  A private bytecode cache puts every command
    # on the same footing without writing into the tree or the environment.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    # The children measure the takedown this script imported, installed or not.
    home = str(Path(takedown.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [home, env.get("PYTHONPATH")]))
    return env


def first_answer(runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median CPU milliseconds of each first-answer command, run interleaved."""
    for code in FIRST_ANSWER.values():  # warm the bytecode cache and the page cache
        for _ in range(2):
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
    cpu: dict[str, list[float]] = {name: [] for name in FIRST_ANSWER}
    for _ in range(runs):
        for name, code in FIRST_ANSWER.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            cpu[name].append(spent * 1e3)
    return {name: statistics.median(times) for name, times in cpu.items()}


# Runs in a fresh interpreter and prints one JSON object of measurements; ``ROOT`` is None
# for the packaged data.
_CHILD = r"""
import gc, json, sys, time, timeit
from importlib.resources import files
from pathlib import Path
ROOT, REPEAT = json.loads(sys.argv[1])

import takedown
from takedown._tables import table_specs
root = files("takedown") / "data" if ROOT is None else Path(ROOT)
NAMES = ["manifest.json", *(spec.file for spec in table_specs())]

def floor():
    return [json.loads(root.joinpath(name).read_bytes()) for name in NAMES]

def build():
    # What takedown.load() and Dataset.from_path() do: read, check, no index built yet.
    return takedown.Dataset._read(root)

build()  # the converter's hooks are made on the first load: time the steady state
# CPU time of this process, best of REPEAT interleaved runs: other work on a shared machine
# inflates a run at random, and the least disturbed run is the closest to the truth.  Both
# sides run with the collector on, as in any program, from a freshly collected heap.
clock = time.process_time
floors, loads = [], []
for _ in range(REPEAT):
    ds = data = None
    gc.collect()
    start = clock(); data = floor(); floors.append(clock() - start)
    data = None
    gc.collect()
    start = clock(); ds = build(); loads.append(clock() - start)
out = {"floor_s": min(floors), "load_s": min(loads), "records": len(ds.tables.records())}

def per_call(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number

film, person, character = ds.films[-1], ds.people[-1], ds.characters[-1]
alias = next((c for c in reversed(ds.characters) if c.aliases), character)
lookups = {
    "film by id": lambda: ds.film(film.id),
    "film by title": lambda: ds.film(film.title),
    "person by id": lambda: ds.person(person.id),
    "person by name": lambda: ds.person(person.name),
    "character by name": lambda: ds.character(character.name),
    "character by alias": lambda: ds.character((alias.aliases or (alias.name,))[0]),
}
out["lookups_us"] = {name: per_call(fn, 2000) * 1e6 for name, fn in lookups.items()}
start = clock()
ds.search("warm up the index")
out["search_index_s"] = clock() - start
plot = ds.plot(film)[0] if ds.plot(film) else None
typo = person.name[:-2] + person.name[-1]
queries = {"a full name": person.name, "a name with a typo": typo}
if plot is not None:
    queries["a word of a plot"] = max(plot.summary.split(), key=len).strip(".,")
queries["nothing that exists"] = "zzzqqqxx"
out["search_ms"] = {n: per_call(lambda q=q: ds.search(q), 20) * 1e3 for n, q in queries.items()}
print(json.dumps(out))
"""


def child(root: str | None, repeat: int, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([root, repeat])],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"measuring {root or 'the packaged data'} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _verdict(value: float, target: float) -> str:
    return f"{'meets' if value <= target else 'MISSES'} target: <= {target:g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", help="synthetic sizes, in records")
    parser.add_argument("--runs", type=int, default=21, help="first-answer runs per command")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    sizes = SIZES if args.sizes is None else args.sizes
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    import takedown

    try:
        import pycountry  # noqa: F401
    except ImportError:
        sys.exit("pycountry is missing: pip install '.[test]' (it is in the test extra)")
    say(
        f"takedown {takedown.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores: `python {' '.join(sys.argv)}`"
    )
    say()
    with tempfile.TemporaryDirectory() as pycache:
        env = _env(pycache)
        say("### First answer (fresh interpreters, median CPU time of interleaved runs)")
        say()
        first = first_answer(args.runs, env)
        say("| command | CPU ms |")
        say("| --- | ---: |")
        for name, code in FIRST_ANSWER.items():
            say(f"| {name}: `{code}` | {first[name]:.0f} |")
        say()
        for floor, key in (("stack floor", "floor"), ("pycountry", "pycountry")):
            target = TARGETS[key]
            ratio = first["takedown"] / first[floor]
            required = first["required work"] / first[floor]
            say(f"- takedown / {floor}: **{ratio:.2f}x** ({_verdict(ratio, target)})")
            say(f"  - the required work alone / {floor}: {required:.2f}x")
        say(
            "- takedown / the required work: "
            f"{first['takedown'] / first['required work']:.2f}x (digests, reading, checking, "
            "the lookup and the modules that do them)"
        )
        say()

        say("### Packaged data (CPU time, best of interleaved runs)")
        say()
        packaged = child(None, 200, env)
        ratio = packaged["load_s"] / packaged["floor_s"]
        say(f"- records: {packaged['records']}")
        say(
            f"- load: {packaged['load_s'] * 1e3:.2f} ms; `json.loads` of the same bytes "
            f"{packaged['floor_s'] * 1e3:.2f} ms; **{ratio:.2f}x** ({_verdict(ratio, 5)})"
        )
        say()
        say("| lookup | µs |")
        say("| --- | ---: |")
        for name, us in packaged["lookups_us"].items():
            say(f"| {name} | {us:.2f} |")
        say()
        say(f"Search index, built by the first search: {packaged['search_index_s'] * 1e3:.1f} ms")
        say()
        say("| search for | ms |")
        say("| --- | ---: |")
        for name, ms in packaged["search_ms"].items():
            say(f"| {name} | {ms:.3f} |")
        worst = max(packaged["search_ms"].values())
        say()
        say(f"- slowest search: {worst:.3f} ms ({_verdict(worst, TARGETS['search_ms'])} ms)")
        say()

        if sizes:
            sys.path.insert(0, str(HERE))
            import synth

            say("### Scale: synthetic data directories (CPU time, best of runs)")
            say()
            say("| records | load s | json floor s | load / floor | load µs per record |")
            say("| ---: | ---: | ---: | ---: | ---: |")
            per_record = []
            for size in sizes:
                with tempfile.TemporaryDirectory() as tmp:
                    synth.write(size, Path(tmp))
                    timed = child(tmp, 9 if size < 100_000 else 3, env)
                n = timed["records"]
                per_record.append(timed["load_s"] / n)
                say(
                    f"| {n:,} | {timed['load_s']:.3f} | {timed['floor_s']:.3f} "
                    f"| {timed['load_s'] / timed['floor_s']:.2f}x "
                    f"| {timed['load_s'] / n * 1e6:.1f} |"
                )
            spread = max(per_record) / min(per_record)
            say()
            say(
                f"- load time per record, slowest / fastest size: **{spread:.2f}** "
                f"({_verdict(spread, TARGETS['flat'])})"
            )
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
