"""Parse speed on the shared corpus, one core.

Prints cables/s and MB/s for whole-cable parsing, side by side with a baseline run over the
same texts that only prepares them (normalise + head/body split): the floor any parser must
pay to look at the text. Run: ``make bench`` or ``python bench/parse.py [--repeat N] [--cpu]``;
``--cpu`` reports process CPU time, which a machine loaded by other work inflates far less.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from common import cable_text, corpus_records, machine

from cablegram import parse
from cablegram.parse.text import prepare

TARGET = 5000.0  # cables/s on one core (issue 2)


def _timed(
    fn: Callable[[str], object], texts: list[str], repeat: int, clock: Callable[[], float]
) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        for text in texts:
            fn(text)
        best = min(best, clock() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--cpu", action="store_true",
        help="time with the process CPU clock instead of the wall clock (for loaded machines)",
    )
    args = ap.parse_args()
    texts = [cable_text(r) for r in corpus_records()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    median_kb = statistics.median(len(t) for t in texts) / 1e3
    for text in texts[:200]:  # warm caches (reference data, regexes)
        parse(text)
    clock = time.process_time if args.cpu else time.perf_counter
    base = _timed(prepare, texts, args.repeat, clock)
    full = _timed(parse, texts, args.repeat, clock)
    n = len(texts)
    print(f"machine: {machine()}")
    print(f"corpus: {n} cables, {mb:.1f} MB, median {median_kb:.1f} k characters; "
          f"best of {args.repeat}, {'CPU' if args.cpu else 'wall'} time")
    print(f"{'run':<28}{'seconds':>9}{'cables/s':>11}{'MB/s':>8}{'ratio':>8}")
    print(f"{'baseline: prepare only':<28}{base:>9.3f}{n / base:>11,.0f}{mb / base:>8.1f}"
          f"{1.0:>8.2f}")
    print(f"{'parse (all fields)':<28}{full:>9.3f}{n / full:>11,.0f}{mb / full:>8.1f}"
          f"{full / base:>8.2f}")
    print(f"target {TARGET:,.0f} cables/s: {'met' if n / full >= TARGET else 'NOT met'} "
          f"({n / full / TARGET:.2f}x)")


if __name__ == "__main__":
    main()
