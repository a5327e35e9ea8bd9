"""Search latency on the benchmark-scale archive over a fixed mix of queries.

Each query runs top-10 with snippets and all facet aggregations, like the web search page.
Three runs side by side: the in-process ``Archive.search`` (baseline), the CLI's ``--json``
code path (the ``search`` command invoked in-process, JSON encoding included), and a
restricted reader (``max_level`` CONFIDENTIAL: the access-policy path). Prints p50/p99 and
the ratio of each to the baseline. Build the archive first with ``bench/ingest.py``.

Run: ``python bench/search.py [--count N] [--rounds R]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from common import machine
from scale import FULL, archive_path
from typer.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import app
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
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


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
    runner = CliRunner()
    with Archive(db) as archive:
        total = archive.search("", per_page=0, facets=False).total

        def inproc(q: str, sort: str) -> object:
            return archive.search(q, sort=sort, per_page=10, facets=True)

        def restricted(q: str, sort: str) -> object:
            return archive.search(q, sort=sort, per_page=10, facets=True,
                                  max_level=int(Classification.CONFIDENTIAL))

        def cli_json(q: str, sort: str) -> object:
            res = runner.invoke(app, ["search", q, "--db", str(db), "--sort", sort,
                                      "--per-page", "10", "--json"])
            assert res.exit_code == 0, res.output
            return res.stdout

        _measure(inproc, 1)  # warm the OS cache and the searcher
        runs = [
            ("Archive.search (baseline)", _measure(inproc, args.rounds)),
            ("CLI --json path, in-process", _measure(cli_json, max(1, args.rounds // 2))),
            ("restricted reader (<= CONFIDENTIAL)", _measure(restricted, args.rounds)),
        ]
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
    print("targets: p50 <= 10 ms, p99 <= 50 ms; restricted p99 <= 1.5x baseline")


if __name__ == "__main__":
    main()
