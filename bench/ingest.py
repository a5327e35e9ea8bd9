"""Ingest at Cablegate scale, against the bare floor.

Floor: the same rows read with the csv module and added straight to a tantivy index (one
text field, no parsing, no record store). Full: ``Archive.ingest`` end to end (read, parse
in worker processes, store every version in SQLite, index every field). Prints both side by
side with the ratio, records/s and the largest process's peak RSS.

Run: ``python bench/ingest.py [--count N]`` (default: all 251,287 ids).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tantivy
from common import ROOT, machine
from scale import FULL, archive_path, corpus_csv


def cpu_seconds(who: int) -> float:
    """CPU time of every thread (and, for RUSAGE_CHILDREN, every waited-for process): on a
    shared machine wall time measures the neighbours too, CPU time mostly the work."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def floor(path: Path) -> tuple[float, int, float]:
    csv.field_size_limit(1 << 28)
    with tempfile.TemporaryDirectory() as tmp:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("text", stored=False)
        index = tantivy.Index(builder.build(), path=tmp)
        writer = index.writer(heap_size=256_000_000)
        t0, c0 = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
        n = 0
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh, escapechar="\\", doublequote=False):
                writer.add_document(tantivy.Document(id=row[2], text=row[6] + "\n\n" + row[7]))
                n += 1
        writer.commit()
        writer.wait_merging_threads()
        return time.perf_counter() - t0, n, cpu_seconds(resource.RUSAGE_SELF) - c0


def full(path: Path, db: Path) -> tuple[float, dict[str, object], float, float]:
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)
    t0, c0 = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [sys.executable, "-m", "cablegram", "ingest", "--db", str(db), "--json", str(path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    elapsed = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - c0
    return elapsed, json.loads(out.stdout), rss_mb, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=FULL)
    args = ap.parse_args()
    path = corpus_csv(args.count)
    size_gb = path.stat().st_size / 1e9
    f_secs, rows, f_cpu = floor(path)
    db = archive_path(args.count)
    secs, summary, rss, cpu = full(path, db)
    print(f"machine: {machine()}")
    print(f"input: {path.name}, {rows:,} rows, {size_gb:.2f} GB")
    print(f"{'run':<44}{'seconds':>9}{'rows/s':>10}{'ratio':>8}{'cpu s':>9}{'ratio':>8}")
    print(f"{'floor: csv rows straight into tantivy':<44}{f_secs:>9.1f}{rows / f_secs:>10,.0f}"
          f"{1.0:>8.2f}{f_cpu:>9.1f}{1.0:>8.2f}")
    print(f"{'cablegram ingest (parse+store+index)':<44}{secs:>9.1f}{rows / secs:>10,.0f}"
          f"{secs / f_secs:>8.2f}{cpu:>9.1f}{cpu / f_cpu:>8.2f}")
    print(f"store {summary['store_seconds']}s, index {summary['index_seconds']}s; "
          f"new {summary['new']:,}, updated {summary['updated']:,}, "
          f"quarantined {summary['quarantined']:,}")
    print(f"peak RSS of the largest process: {rss:,.0f} MB")
    print(f"database: {db.stat().st_size / 1e9:.2f} GB; load average at the end: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"target 5 minutes: {'met' if secs <= 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
