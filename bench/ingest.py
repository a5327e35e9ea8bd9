"""Ingest at Cablegate scale, against the bare floor.

Floor: the same rows read with the csv module and added straight to a tantivy index (one
text field, no parsing, no record store). Full: ``Archive.ingest`` end to end (read, parse
in worker processes, store every version in SQLite, index every field). Prints both side by
side with the ratio, records/s and the largest process's peak RSS.

CPU time is summed over the whole process tree, sampled from /proc: the parse workers are
children of multiprocessing's forkserver, which is never waited for, so RUSAGE_CHILDREN
alone misses them. Peak RSS is each process's VmHWM (the kernel's high-water mark of its
resident memory, read every 0.2 s; it only grows, so sampling misses at most the last
moments), with sampled peaks of anonymous memory and mapped files beside it (tantivy maps
the segments it merges: page cache the kernel can drop, but counted in RSS).

The archive is built beside its final path and moved there only when complete, so the one
other benchmarks read is never left half-built.

Run: ``python bench/ingest.py [--count N]`` (default: all 251,287 ids).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
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


class TreeSampler:
    """CPU seconds of every process under ``root`` (last value seen per pid) and the peak
    anonymous and file-backed RSS of any one of them, sampled every ``every`` seconds."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        self.root, self.every = root, every
        self.cpu: dict[int, float] = {}
        self.main_cpu = 0.0
        self.anon_mb = self.file_mb = 0.0
        # The kernel's own peak RSS per process (VmHWM: exact, unlike the sampled split),
        # with what the process is: the writer, the forkserver or a parse worker.
        self.peaks: dict[int, tuple[float, str]] = {}
        self._tick = os.sysconf("SC_CLK_TCK")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for pid, parent in self._tree():
                self._sample(pid, parent)

    def _tree(self) -> list[tuple[int, int]]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents[int(entry)] = int(stat[stat.rfind(")") + 2 :].split()[1])
        found, frontier = [(self.root, 0)], [self.root]
        while frontier:
            level = [(pid, parent) for pid, parent in parents.items() if parent in frontier]
            found += level
            frontier = [pid for pid, _ in level]
        return found

    def _sample(self, pid: int, parent: int) -> None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        fields = stat[stat.rfind(")") + 2 :].split()
        self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self._tick
        if pid == self.root:
            self.main_cpu = self.cpu[pid]
        wanted = ("RssAnon", "RssFile", "VmHWM")
        kb = {k: int(v.split()[0]) for k, _, v in
              (line.partition(":") for line in status.splitlines()) if k in wanted}
        self.anon_mb = max(self.anon_mb, kb.get("RssAnon", 0) / 1024)
        self.file_mb = max(self.file_mb, kb.get("RssFile", 0) / 1024)
        if pid not in self.peaks:
            self.peaks[pid] = (0.0, _role(pid, parent, self.root))
        hwm = kb.get("VmHWM", 0) / 1024
        self.peaks[pid] = (max(self.peaks[pid][0], hwm), self.peaks[pid][1])


def _role(pid: int, parent: int, root: int) -> str:
    if pid == root:
        return "ingest (reader, writer, SQLite, tantivy)"
    if parent == root:  # multiprocessing's forkserver, or its resource tracker
        return "multiprocessing helper"
    return "parse worker"


def full(path: Path, db: Path) -> tuple[float, dict[str, object], float, TreeSampler]:
    building = db.with_name(f"{db.stem}.building{db.suffix}")
    remove_archive(building)
    t0 = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cablegram", "ingest", "--db", str(building), "--json",
         str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    sampler = TreeSampler(process.pid)
    out, err = process.communicate()
    elapsed = time.perf_counter() - t0
    sampler.stop()
    if process.returncode != 0:
        sys.exit(f"ingest failed ({process.returncode}); {building} left for a look:\n{err}")
    # Not RUSAGE_CHILDREN's ru_maxrss: Linux carries a process's high-water mark across
    # exec, so the ingest child "peaked" at this benchmark's own size after the floor run
    # (870 MB). /proc's VmHWM belongs to the process's own memory since exec.
    rss_mb = max((peak for peak, _ in sampler.peaks.values()), default=0.0)
    conn = sqlite3.connect(building)  # all in the main file before it moves: no -wal left
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    remove_archive(db)
    Path(f"{building}.index").rename(f"{db}.index")
    building.rename(db)
    return elapsed, json.loads(out), rss_mb, sampler


def remove_archive(db: Path) -> None:
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=FULL)
    args = ap.parse_args()
    path = corpus_csv(args.count)
    size_gb = path.stat().st_size / 1e9
    f_secs, rows, f_cpu = floor(path)
    db = archive_path(args.count)
    load = os.getloadavg()
    secs, summary, rss, tree = full(path, db)
    cpu = sum(tree.cpu.values())
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
    print(f"cpu: main process {tree.main_cpu:.1f}s (its threads: SQLite, tantivy), the other "
          f"{len(tree.cpu) - 1} processes {cpu - tree.main_cpu:.1f}s")
    print(f"peak RSS (VmHWM) of the largest process: {rss:,.0f} MB; sampled peaks: anonymous "
          f"{tree.anon_mb:,.0f} MB, mapped files {tree.file_mb:,.0f} MB")
    for hwm, role in sorted(tree.peaks.values(), reverse=True):
        print(f"  peak RSS (VmHWM) {hwm:7,.0f} MB  {role}")
    index_gb = sum(p.stat().st_size for p in Path(f"{db}.index").iterdir()) / 1e9
    print(f"database: {db.stat().st_size / 1e9:.2f} GB, index {index_gb:.2f} GB; load average "
          f"before the ingest {', '.join(f'{x:.1f}' for x in load)}, at the end "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"target 5 minutes: {'met' if secs <= 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
