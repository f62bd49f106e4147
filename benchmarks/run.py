"""Measure takedown side by side with its floors and print ratios, with the targets.

    python benchmarks/run.py            # everything, synthetic sizes up to 1M records
    python benchmarks/run.py --quick    # sizes up to 100k, fewer repeats
    python benchmarks/run.py --sizes 1000 10000 --output figures.md

Run it from the README's test environment (``pip install '.[test]'``, which brings
pycountry).  Every comparison is measured in the same run, interleaved, so that a busy
machine slows both sides alike; ratios are what to compare between machines.

- first answer: fresh interpreters answering one lookup, against pycountry and a bare one;
- load: building the packaged Dataset against ``json.loads`` of the same files;
- lookups and search on the packaged data, in microseconds;
- scale: synthetic data directories (``benchmarks/synth.py``) of about 1k..1M records,
  each measured in fresh interpreters: load time and peak memory per record, the json
  floor, lookups, and search (index build and queries).
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
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = (1_000, 10_000, 100_000, 1_000_000)

FIRST_ANSWER = {
    "takedown": "import takedown; takedown.film('The Takedown').title",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='FR').name",
    "bare python": "pass",
    # Not answers: what the record classes cost before any data is read, to show where the
    # first answer's time goes (attrs itself, then making the classes with it).
    "import attrs": "import attrs",
    "import takedown.models": "import takedown.models",
}


def _env(pycache: str) -> dict[str, str]:
    import takedown

    env = dict(os.environ)
    # Installed packages come with bytecode; a source tree run with PYTHONDONTWRITEBYTECODE
    # would recompile takedown on every start.  A private bytecode cache puts both sides on
    # the same footing without writing into the tree or the environment.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    # The children measure the takedown this script imported, installed or not.
    home = str(Path(takedown.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [home, env.get("PYTHONPATH")]))
    return env


def first_answer(runs: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU milliseconds of each first-answer command, interleaved."""
    with tempfile.TemporaryDirectory() as pycache:
        env = _env(pycache)
        for code in FIRST_ANSWER.values():  # warm the bytecode cache and the page cache
            for _ in range(2):
                subprocess.run([sys.executable, "-c", code], check=True, env=env)
        wall: dict[str, list[float]] = {name: [] for name in FIRST_ANSWER}
        cpu: dict[str, list[float]] = {name: [] for name in FIRST_ANSWER}
        for _ in range(runs):
            for name, code in FIRST_ANSWER.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, env=env)
                wall[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(
                    after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                )
    return {
        name: {
            "wall_ms": statistics.median(wall[name]) * 1e3,
            "cpu_ms": statistics.median(cpu[name]) * 1e3,
        }
        for name in FIRST_ANSWER
    }


# -- measurements made inside a fresh interpreter --------------------------------------------

# Runs in a child process: prints one JSON object of measurements.  ``ROOT`` is None for
# the packaged data.
_CHILD = r"""
import gc, json, resource, statistics, sys, time, timeit
ROOT, REPEAT, WHAT = json.loads(sys.argv[1])

def rss_kib():
    # The peak resident size of this process.  Linux's ru_maxrss starts from the parent's
    # peak (it survives fork and exec), so read the memory map's own high-water mark.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

import takedown
from takedown.dataset import Dataset
from takedown.loader import load_tables
from takedown.tables import table_specs
if ROOT is None:
    from takedown.manifest import packaged_data
    root = packaged_data()
else:
    from pathlib import Path
    root = Path(ROOT)
NAMES = ["manifest.json", *(spec.file for spec in table_specs())]
out = {}

def floor():
    return [json.loads(root.joinpath(name).read_bytes()) for name in NAMES]

def load():
    # What users call: takedown.load() (its cache emptied first) or Dataset.from_path().
    if ROOT is None:
        takedown._dataset = None
        return takedown.load()
    return Dataset.from_path(ROOT)

if WHAT == "memory":
    gc.collect()
    base = rss_kib()
    start = time.perf_counter()
    ds = load()
    out["first_load_s"] = time.perf_counter() - start
    out["records"] = len(ds.tables.records())
    out["peak_kib"] = rss_kib() - base
    print(json.dumps(out))
    sys.exit()

if WHAT == "floor_memory":
    gc.collect()
    base = rss_kib()
    data = floor()
    out["peak_kib"] = rss_kib() - base
    print(json.dumps(out))
    sys.exit()

# CPU time of this process, best of REPEAT interleaved runs: other work on a shared machine
# inflates wall time at random, and the least disturbed run is the closest to the truth.
clock = time.process_time
load()  # compile and warm up once
floors, quiet_floors, loads, tables = [], [], [], []

def timed(fn, times, quiet=False):
    # Every run starts from the same collector state and from memory just freed, so that
    # no side pays for collecting or holding another's objects.
    gc.collect()
    if quiet:
        gc.disable()  # the loader pauses the collector; the same courtesy for json.loads
    start = clock()
    result = fn()
    times.append(clock() - start)
    gc.enable()
    return result

for _ in range(REPEAT):
    ds = None
    data = timed(floor, floors)
    data = None
    data = timed(floor, quiet_floors, quiet=True)
    data = None
    t = timed(lambda: load_tables(root), tables)
    t = None
    ds = timed(load, loads)
# Lookup indexes are built on first use; what building all of them (search apart) costs.
from takedown._indexes import Indexes
indexes = []
for _ in range(REPEAT):
    fresh = Dataset(ds.tables)
    start = clock()
    for name in Indexes.__slots__:
        if name != "search":
            getattr(fresh._indexes, name)
    indexes.append(clock() - start)
out["indexes_s"] = min(indexes)
out["floor_s"] = min(floors)
out["quiet_floor_s"] = min(quiet_floors)
out["tables_s"] = min(tables)
out["load_s"] = min(loads)
out["records"] = len(ds.tables.records())

def per_call(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number

film, person, character = ds.films[-1], ds.people[-1], ds.characters[-1]
alias = next(c for c in reversed(ds.characters) if c.aliases)
lookups = {
    "film by id": lambda: ds.film(film.id),
    "film by title": lambda: ds.film(film.title),
    "film by original title": lambda: ds.film(film.original_title),
    "person by id": lambda: ds.person(person.id),
    "person by name": lambda: ds.person(person.name),
    "character by id": lambda: ds.character(character.id),
    "character by name": lambda: ds.character(character.name),
    "character by alias": lambda: ds.character(alias.aliases[0]),
}
out["lookups_us"] = {name: per_call(fn, 2000) * 1e6 for name, fn in lookups.items()}

start = clock()
ds.search("warm up the index")
out["search_index_s"] = clock() - start
plot = ds.plot(film)[0] if ds.plot(film) else None
typo = person.name[:-2] + person.name[-1] if len(person.name) > 4 else person.name
queries = {"a full name": person.name, "a name with a typo": typo}
if plot is not None:
    queries["a word of a plot"] = max(plot.summary.split(), key=len).strip(".,")
    queries["two words of a plot"] = " ".join(plot.summary.split()[:2])
queries["nothing that exists"] = "zzzqqqxx"
out["search_ms"] = {
    name: per_call(lambda q=q: ds.search(q), 20) * 1e3 for name, q in queries.items()
}
print(json.dumps(out))
"""


def child(root: str | None, repeat: int, what: str, env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([root, repeat, what])],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"measuring {root or 'the packaged data'} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _repeats(size: int) -> int:
    """Timed runs for a size: many where runs are short and noise is relatively large."""
    return 30 if size < 10_000 else 9 if size < 100_000 else 3 if size < 1_000_000 else 2


def _synth() -> Any:
    sys.path.insert(0, str(HERE))
    import synth

    return synth


# -- report ----------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def _by_size(
    say: Any, scale: list[tuple[int, dict[str, Any]]], key: str, first: list[tuple[str, str]]
) -> None:
    """A table of ``timed[key]`` (a dict of figures) by size, after the ``first`` columns."""
    columns = list(scale[0][1][key])
    say()
    say("| records | " + " | ".join([h for h, _ in first] + columns) + " |")
    say("| ---: |" + " ---: |" * (len(first) + len(columns)))
    for n, timed in scale:
        cells = [f"{timed[k]:.2f}" for _, k in first]
        cells += [f"{timed[key].get(c, 0):.2f}" for c in columns]
        say(f"| {n:,} | " + " | ".join(cells) + " |")
    say()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 100k, fewer repeats")
    parser.add_argument("--sizes", type=int, nargs="*", help="synthetic sizes, in records")
    parser.add_argument("--runs", type=int, help="first-answer runs per command")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    sizes = args.sizes if args.sizes is not None else SIZES[:3] if args.quick else SIZES
    runs = args.runs or (11 if args.quick else 21)
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

        say("### First answer (fresh interpreters, median of interleaved runs)")
        say()
        first = first_answer(runs)
        say("| command | wall ms | CPU ms |")
        say("| --- | ---: | ---: |")
        for name, figures in first.items():
            say(f"| {name} | {figures['wall_ms']:.0f} | {figures['cpu_ms']:.0f} |")
        ours = first["takedown"]
        vs_pycountry = ours["cpu_ms"] / first["pycountry"]["cpu_ms"]
        vs_bare = ours["cpu_ms"] / first["bare python"]["cpu_ms"]
        wall_vs_pycountry = ours["wall_ms"] / first["pycountry"]["wall_ms"]
        say()
        say(
            f"- takedown / pycountry: **{vs_pycountry:.2f}x** CPU, {wall_vs_pycountry:.2f}x wall "
            f"({_verdict(vs_pycountry < 1)}: < 1)"
        )
        say(f"- takedown / bare interpreter: **{vs_bare:.2f}x** CPU")
        classes = first["import takedown.models"]["cpu_ms"] / first["pycountry"]["cpu_ms"]
        attrs_alone = first["import attrs"]["cpu_ms"] / first["pycountry"]["cpu_ms"]
        say(
            f"- the record classes alone (`import takedown.models`: attrs imported and the "
            f"classes made, no data read) / pycountry's whole first answer: **{classes:.2f}x** "
            f"CPU; `import attrs` alone: {attrs_alone:.2f}x"
        )
        say()

        say("### Packaged data: load, lookups, search (CPU time, best of interleaved runs)")
        say()
        packaged = child(None, 60 if not args.quick else 30, "time", env)
        ratio = packaged["load_s"] / packaged["floor_s"]
        say(f"- records: {packaged['records']}")
        say(
            f"- load (Dataset from the packaged files): {packaged['load_s'] * 1e3:.2f} ms; "
            f"json floor {packaged['floor_s'] * 1e3:.2f} ms; "
            f"**{ratio:.2f}x** the floor ({_verdict(ratio <= 3)}: <= 3x); "
            f"tables alone {packaged['tables_s'] / packaged['floor_s']:.2f}x; "
            f"{packaged['load_s'] / packaged['quiet_floor_s']:.2f}x a floor run with the "
            "collector paused, as the loader runs"
        )
        say(
            f"- every lookup index (built on first use, search apart): "
            f"{packaged['indexes_s'] * 1e3:.2f} ms, "
            f"{packaged['indexes_s'] / packaged['floor_s']:.2f}x the floor"
        )
        say()
        say("| lookup | µs |")
        say("| --- | ---: |")
        for name, us in packaged["lookups_us"].items():
            say(f"| {name} | {us:.2f} |")
        say()
        say(f"Search index, built on the first query: {packaged['search_index_s'] * 1e3:.1f} ms")
        say()
        say("| search for | ms |")
        say("| --- | ---: |")
        worst = 0.0
        for name, ms in packaged["search_ms"].items():
            say(f"| {name} | {ms:.3f} |")
            worst = max(worst, ms)
        say()
        say(f"- slowest search: {worst:.3f} ms ({_verdict(worst < 1)}: < 1 ms)")
        say()

        if sizes:
            synth = _synth()
            say("### Scale: synthetic data directories, same loader (CPU time, best of runs)")
            say()
            say(
                "| records | load s | json floor s | load / floor | tables / floor "
                "| load / floor, GC off in both | every lookup index / floor "
                "| load µs/record | peak KiB/record | floor peak KiB/record |"
            )
            say("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            scale: list[tuple[int, dict[str, Any]]] = []
            for size in sizes:
                with tempfile.TemporaryDirectory() as tmp:
                    synth.write(size, Path(tmp))
                    timed = child(tmp, _repeats(size), "time", env)
                    memory = child(tmp, 1, "memory", env)
                    floor_memory = child(tmp, 1, "floor_memory", env)
                n = timed["records"]
                scale.append((n, timed))
                say(
                    f"| {n:,} | {timed['load_s']:.3f} | {timed['floor_s']:.3f} "
                    f"| {timed['load_s'] / timed['floor_s']:.2f}x "
                    f"| {timed['tables_s'] / timed['floor_s']:.2f}x "
                    f"| {timed['load_s'] / timed['quiet_floor_s']:.2f}x "
                    f"| {timed['indexes_s'] / timed['floor_s']:.2f}x "
                    f"| {timed['load_s'] / n * 1e6:.1f} "
                    f"| {memory['peak_kib'] / n:.2f} | {floor_memory['peak_kib'] / n:.2f} |"
                )
            say()
            say("Lookups at scale (µs per call):")
            _by_size(say, scale, "lookups_us", [])
            say("Search at scale (index built on the first query; queries in ms):")
            _by_size(say, scale, "search_ms", [("index s", "search_index_s")])
            ratios = [t["load_s"] / t["floor_s"] for _, t in scale]
            per_record = [t["load_s"] / n for n, t in scale]
            say(
                f"- load / floor across sizes: {min(ratios):.2f}x .. {max(ratios):.2f}x "
                f"({_verdict(max(ratios) <= 3)}: <= 3x at every size)"
            )
            say(
                f"- load time per record, largest / smallest size: "
                f"{per_record[-1] / per_record[0]:.2f} (flat is 1)"
            )
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
