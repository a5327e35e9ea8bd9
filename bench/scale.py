"""The benchmark-scale corpus and archive, built once and reused by the other benchmarks.

``var/bench/cables.csv``: ``cablegram synth`` with the real 251,287 Cablegate ids and months
and recombined real paragraphs (read from ../shared at run time). ``var/bench/archive.db``:
that file ingested. Both are rebuilt when missing.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import CORPUS, ROOT

from cablegram.synth import synthesize

BENCH = ROOT / "var" / "bench"
FULL = 251_287


def corpus_csv(count: int = FULL, seed: int = 1) -> Path:
    out = BENCH / f"cables-{count}.csv"
    if out.exists():
        return out
    BENCH.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tmp = out.with_suffix(".tmp")
    summary = synthesize(
        count, seed=seed, out=tmp, fmt="csv",
        ids_from=CORPUS / "metadata" / "cablegate_id_to_month__cablemap.csv.gz",
        text_from=CORPUS / "cables.jsonl.gz",
    )
    tmp.rename(out)
    print(f"synthesised {summary.rows:,} rows, {summary.bytes / 1e9:.2f} GB "
          f"in {time.perf_counter() - t0:.0f}s -> {out}")
    return out


def archive_path(count: int = FULL) -> Path:
    return BENCH / f"archive-{count}.db"
