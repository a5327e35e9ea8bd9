"""Parse speed on the shared corpus, one core, for both builds of the parser.

Prints cables/s and MB/s for whole-cable parsing, side by side with a baseline run over the
same texts that only prepares them (normalise + head/body split): the floor any parser must
pay to look at the text. When the parser imported is the compiled one (the wheel's, put on
``PYTHONPATH`` by ``make bench``), the same modules as plain Python are timed too, in a child
process that imports the editable sources, and both rows are printed.

Run: ``make bench``, or ``python bench/parse.py [--repeat N] [--cpu] [--rounds N]``.
``--cpu`` reports process CPU time, which a machine loaded by other work inflates far less;
``--rounds`` alternates the two builds that many times and keeps each one's best, so a drift
in the machine's speed does not land on one build only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from common import cable_text, corpus_records, machine

from cablegram import parse
from cablegram.parse import COMPILED
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


def _measure(texts: list[str], repeat: int, cpu: bool) -> dict[str, float]:
    for text in texts[:200]:  # warm caches (reference data, regexes)
        parse(text)
    clock = time.process_time if cpu else time.perf_counter
    return {"prepare": _timed(prepare, texts, repeat, clock),
            "parse": _timed(parse, texts, repeat, clock)}


def _pure_child(repeat: int, cpu: bool) -> dict[str, float]:
    """Time the plain-Python modules in a child that imports the sources, not the wheel."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    args = [sys.executable, __file__, "--json", "--repeat", str(repeat)]
    args += ["--cpu"] if cpu else []
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    if result.pop("compiled"):
        sys.exit("the child meant to time plain Python imported a compiled parser")
    return result


def _row(label: str, seconds: float, n: int, mb: float, base: float) -> str:
    return (f"{label:<38}{seconds:>9.3f}{n / seconds:>11,.0f}{mb / seconds:>8.1f}"
            f"{seconds / base:>8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument(
        "--cpu", action="store_true",
        help="time with the process CPU clock instead of the wall clock (for loaded machines)",
    )
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the child's output
    args = ap.parse_args()
    texts = [cable_text(r) for r in corpus_records()]
    if args.json:
        print(json.dumps({**_measure(texts, args.repeat, args.cpu),
                          "compiled": COMPILED}))
        return
    runs: dict[str, list[dict[str, float]]] = {"here": [], "pure": []}
    for _ in range(args.rounds):
        runs["here"].append(_measure(texts, args.repeat, args.cpu))
        if COMPILED:
            runs["pure"].append(_pure_child(args.repeat, args.cpu))
    best = {k: {f: min(r[f] for r in v) for f in ("prepare", "parse")}
            for k, v in runs.items() if v}
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    median_kb = statistics.median(len(t) for t in texts) / 1e3
    here = "compiled by mypyc" if COMPILED else "plain Python"
    base = best["here"]["prepare"]
    print(f"machine: {machine()}")
    print(f"corpus: {n} cables, {mb:.1f} MB, median {median_kb:.1f} k characters; best of "
          f"{args.repeat} x {args.rounds} round(s), {'CPU' if args.cpu else 'wall'} time")
    print(f"{'run':<38}{'seconds':>9}{'cables/s':>11}{'MB/s':>8}{'ratio':>8}")
    print(_row("baseline: prepare only", base, n, mb, base))
    if "pure" in best:
        print(_row("parse, all fields (plain Python)", best["pure"]["parse"], n, mb, base))
    print(_row(f"parse, all fields ({here})", best["here"]["parse"], n, mb, base))
    if "pure" in best:
        print(f"compiled / plain Python: {best['pure']['parse'] / best['here']['parse']:.2f}x")
    rate = n / best["here"]["parse"]
    print(f"target {TARGET:,.0f} cables/s ({here}): {'met' if rate >= TARGET else 'NOT met'} "
          f"({rate / TARGET:.2f}x)")


if __name__ == "__main__":
    main()
