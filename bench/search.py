"""Search latency on the benchmark-scale archive over a fixed mix of queries.

Each query runs top-10 with snippets and all facet aggregations, like the web search page.
Three runs side by side: the in-process ``Archive.search`` (baseline); the CLI's ``--json``
command run as a process per query (its ``took_ms`` is the search inside a fresh process,
whose caches are cold); and a restricted reader on the access-policy path (the scope
``access.Policy`` gives a SECRET reader without NOFORN). The index's memory of recent
results is switched off, so every search does its full work. Prints p50/p99 and the ratio
of each to the baseline. Build the archive first with ``bench/ingest.py``.

Run: ``python bench/search.py [--count N] [--rounds R]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from common import machine
from scale import FULL, archive_path

from cablegram.access.policy import Policy
from cablegram.access.reader import Reader
from cablegram.archive import Archive
from cablegram.model import Classification

QUERIES = [
    "nuclear",  # common word
    "uranium enrichment",
    "corruption",
    '"human rights"',  # phrase
    '"prime minister"',
    "qadhafi",  # rarer names
    "hezbollah OR hizballah",
    "elect*",  # prefix
    "election -parliament",
    "tag:KNNP",
    "tag:PHUM origin:CAIRO",
    "class:secret caveat:noforn",
    "class>=confidential tag:PTER",
    "from:2005-01 to:2006-12 oil",
    "year:2009 tag:ECON",
    "reason:1.4d para:S",
    "decl:2015",
    "signer:clinton",
    "ref:05STATE190856",
    "origin:LONDON tag:PREL",
    "terrorism",
    "sanctions iran",
    '"civil society"',
    "",  # everything, facets over the whole archive
]
SORTS = ("relevance", "-date")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _measure(fn: Callable[[str, str], object], rounds: int) -> list[float]:
    times: list[float] = []
    for _ in range(rounds):
        for q in QUERIES:
            for sort in SORTS:
                t0 = time.perf_counter()
                fn(q, sort)
                times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=FULL)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    db = archive_path(args.count)
    if not db.exists():
        raise SystemExit(f"no archive at {db}: run bench/ingest.py first")
    with Archive(db) as archive:
        index = archive.index()
        # Measure real work: nothing remembered between identical searches (the index keeps
        # recent results and facet counts, which would answer every round after the first).
        index.recent.size = index._facets.recent.size = 0
        total = archive.search("", per_page=1, facets=False).total

        def inproc(q: str, sort: str) -> object:
            return archive.search(q, sort=sort, per_page=10, facets=True)

        # The policy's own scope for a SECRET reader without NOFORN or any grant, DECL dates
        # honoured: levels, caveats and declassification all restrict the search.
        scope = Policy().search_scope(Reader("bench", Classification.SECRET))

        def restricted(q: str, sort: str) -> object:
            return archive.search(q, sort=sort, per_page=10, facets=True, scope=scope)

        cli_took: list[float] = []
        cli_wall: list[float] = []

        def cli_json(q: str, sort: str) -> object:
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "cablegram", "search", q, "--db", str(db), "--sort",
                 sort, "--per-page", "10", "--json"], check=True, capture_output=True, text=True)
            cli_wall.append((time.perf_counter() - t0) * 1000)
            cli_took.append(float(json.loads(out.stdout)["took_ms"]))
            return out

        _measure(inproc, 1)  # warm the OS cache and the searcher
        runs = [
            ("Archive.search (baseline)", _measure(inproc, args.rounds)),
            ("SECRET reader, no NOFORN (policy scope)", _measure(restricted, args.rounds)),
        ]
        _measure(cli_json, 1)
        runs.insert(1, ("cablegram search --json (took_ms)", cli_took))
    base_p50 = statistics.median(runs[0][1])
    base_p99 = _percentile(runs[0][1], 0.99)
    print(f"machine: {machine()}")
    print(f"archive: {total:,} cables; {len(QUERIES)} queries x {len(SORTS)} sorts; "
          "top-10 with snippets and 7 facets")
    print(f"{'run':<40}{'n':>6}{'p50 ms':>9}{'p99 ms':>9}{'p50 x':>8}{'p99 x':>8}")
    for name, times in runs:
        p50, p99 = statistics.median(times), _percentile(times, 0.99)
        print(f"{name:<40}{len(times):>6}{p50:>9.2f}{p99:>9.2f}{p50 / base_p50:>8.2f}"
              f"{p99 / base_p99:>8.2f}")
    print(f"cablegram search --json, whole process (Python start-up, open, search, JSON): "
          f"p50 {statistics.median(cli_wall):.0f} ms, max {max(cli_wall):.0f} ms")
    print("targets: p50 <= 10 ms, p99 <= 50 ms; restricted p99 <= 1.5x baseline")


if __name__ == "__main__":
    main()
