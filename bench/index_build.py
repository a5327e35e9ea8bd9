"""Manual benchmark of the search index (not collected by pytest).

    python bench/index_build.py build 251287 /tmp/bench-index
    python bench/index_build.py query /tmp/bench-index

``build`` makes synthetic cables in memory: the real Cablegate ids and months from
``../shared/corpus/metadata`` and paragraphs recombined from ``../shared/corpus`` (read at run
time, never copied into the project), with header fields drawn to Cablegate-like
frequencies; then indexes them and reports documents/s. ``query`` runs a fixed mix of
queries, each with the top 10, snippets and the seven facets, and reports p50/p99 in wall
and CPU time (CPU time is steadier on a shared machine), for an unrestricted reader and for
a CONFIDENTIAL one: first with the index's memory of recent results and facets turned off
(every search computes everything, as with a stream of distinct queries), then page 2 of
each query with it on (facets remembered from page 1) and an identical repeat.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from cablegram.index import SearchIndex
from cablegram.model import (
    Cable,
    Paragraph,
    Person,
    Reference,
    ReferenceKind,
    Tag,
    TagKind,
)
from cablegram.model import Classification as C
from cablegram.refdata import load

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
_ID = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")
_PARAS = re.compile(r"\n\s*\n|\n(?=\s*\d{1,2}\.\s)")
_LEAD = re.compile(r"^\s*\d{1,2}\.\s*(\([A-Z/\-]{1,6}\)\s*)?")
SIGNERS = [f"SIGNER{i}" for i in range(300)] + ["ORDWAY"] * 3
CLASSIFIERS = [f"Officer{i} Example" for i in range(200)]


def paragraph_pool() -> list[str]:
    pool = []
    with gzip.open(SHARED / "cables.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            for chunk in _PARAS.split(json.loads(line).get("content", "")):
                text = _LEAD.sub("", chunk).strip()
                if 80 <= len(text) <= 3000:
                    pool.append(text)
    return pool


def ids_and_months() -> list[tuple[str, int]]:
    path = SHARED / "metadata" / "cablegate_id_to_month__cablemap.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [(row[0], int(row[1])) for row in csv.reader(handle)]


def synthetic(count: int, seed: int = 1) -> Iterator[tuple[str, Cable, int]]:
    rnd = random.Random(seed)
    pool = paragraph_pool()
    ids = ids_and_months()
    rnd.shuffle(ids)
    tags = [(code, TagKind(kind)) for kind, entries in load("tags").items() for code in entries]
    weights = [1 / (i + 1) for i in range(len(tags))]
    for n, (cable_id, month) in enumerate(ids[:count]):
        match = _ID.match(cable_id)
        if not match:
            continue
        year = int(match.group(1)) + (1900 if int(match.group(1)) > 50 else 2000)
        created = datetime(year, month, rnd.randint(1, 28), rnd.randint(0, 23))
        level = rnd.choices([0, 1, 2, 3], [30, 23, 40, 7])[0]
        caveats = ["SIPDIS"] if year >= 2006 and rnd.random() < 0.6 else []
        if level >= 2 and rnd.random() < 0.12:
            caveats.insert(0, "NOFORN")
        paragraphs = tuple(
            Paragraph(i, rnd.choice(pool), C(p).short, C(p))
            for i, p in enumerate(
                (rnd.randint(0, level) if level >= 2 else level) for _ in range(rnd.randint(3, 12))
            )
        )
        cited = rnd.sample(range(n), min(n, rnd.randint(0, 2)))
        yield (
            cable_id,
            Cable(
                raw="",
                reference_id=cable_id,
                origin=match.group(2),
                created=created,
                classification=C(level),
                caveats=tuple(caveats),
                tags=tuple({Tag(*t) for t in rnd.choices(tags, weights, k=rnd.randint(3, 8))}),
                subject=" ".join(rnd.choice(pool).split()[:8]).upper(),
                reasons=("1.4(b)", "1.4(d)")[: rnd.randint(1, 2)] if level >= 2 else (),
                classified_by=(Person(rnd.choice(CLASSIFIERS)),) if level >= 2 else (),
                signers=(rnd.choice(SIGNERS),),
                references=tuple(
                    Reference(ReferenceKind.CABLE, ids[j][0], ids[j][0]) for j in cited
                ),
                paragraphs=paragraphs,
                declassify_on=date(year + 10, month, 1) if level >= 2 else None,
            ),
            1,
        )


def build(count: int, path: Path) -> None:
    items = list(synthetic(count))
    wall, cpu = time.perf_counter(), time.process_time()
    with SearchIndex.recreate(path) as index:
        index.add(items)
        index.commit(1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(p.stat().st_size for p in path.iterdir()) / 1e6
    print(
        f"{len(items)} cables: {len(items) / wall:.0f} docs/s wall, {cpu:.1f} s CPU, {size:.0f} MB"
    )


QUERIES: list[tuple[str, dict[str, object]]] = [
    ("kazmunaygaz", {}), ("government", {}), ("the", {}), ('"prime minister"', {}),
    ('"united states"', {}), ("nuclear iran", {}), ("nuclear OR uranium", {}),
    ("election -president", {}), ("nucl*", {}), ("tag:PREL", {}), ("origin:BAGHDAD", {}),
    ("class>=secret", {}), ("from:2005-01 to:2006-12", {}), ("oil tag:EPET", {}),
    ("caveat:noforn", {}), ("reason:1.4d class:confidential", {}), ("para:S", {}),
    ("decl:2015", {}), ("signer:ordway", {}), ("", {}), ("government", {"sort": "-date"}),
    ("year:2008", {"sort": "date"}), ("subject:iraq", {}),
    ("(iran OR iraq) nuclear -israel", {}), ("the", {"page": 50}),
]  # fmt: skip


def query(path: Path, reps: int = 15) -> None:
    with SearchIndex.open(path, create=False) as index:
        started = time.perf_counter()
        index.search("")
        print(
            f"first search (fills the facet cache): {(time.perf_counter() - started) * 1e3:.1f} ms"
        )
        sizes = index.recent.size, index._facets.recent.size
        index.recent.size = index._facets.recent.size = 0  # nothing remembered
        fresh(index, reps)
        index.recent.size, index._facets.recent.size = sizes
        remembered(index)


def remembered(index: SearchIndex) -> None:
    """Page 2 right after page 1 (its facets are remembered), then that page 2 again."""
    for label in ("page 2 after page 1", "identical repeat"):
        cpus = []
        for text, options in QUERIES:
            if label.startswith("page"):
                index.search(text, per_page=10, **options)  # type: ignore[arg-type]
            cpu = time.process_time()
            index.search(text, per_page=10, **{**options, "page": 2})  # type: ignore[arg-type]
            cpus.append((time.process_time() - cpu) * 1e3)
        cpus.sort()
        print(f"remembered, {label}: cpu p50 {cpus[len(cpus) // 2]:.2f} ms, max {cpus[-1]:.2f} ms")


def fresh(index: SearchIndex, reps: int) -> None:
    for max_level in (None, int(C.CONFIDENTIAL)):
        walls: list[float] = []
        cpus: list[float] = []
        for text, options in QUERIES:
            index.search(text, per_page=10, max_level=max_level, **options)  # type: ignore[arg-type]
            mine = []
            for _ in range(reps):
                wall, cpu = time.perf_counter(), time.process_time()
                index.search(text, per_page=10, max_level=max_level, **options)  # type: ignore[arg-type]
                mine.append((time.perf_counter() - wall) * 1e3)
                cpus.append((time.process_time() - cpu) * 1e3)
            walls.extend(mine)
            print(f"  {text[:36]!r:40} {options!s:18} median {statistics.median(mine):6.2f} ms")
        for name, values in (("wall", walls), ("cpu", cpus)):
            values.sort()
            p50, p99 = values[len(values) // 2], values[int(len(values) * 0.99)]
            print(f"max_level={max_level} {name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        build(int(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1:2] == ["query"]:
        query(Path(sys.argv[2]))
    else:
        print(__doc__)
