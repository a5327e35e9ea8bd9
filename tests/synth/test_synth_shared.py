"""Benchmark mode: the real Cablegate ids and months, and recombined real paragraphs.

These read ``../shared/corpus`` at run time (never copied into the project) and are skipped
where it is absent.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from cablegram.synth import synthesize

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
IDS = SHARED / "metadata" / "cablegate_id_to_month__cablemap.csv.gz"
TEXTS = SHARED / "cables.jsonl.gz"

needs_shared = pytest.mark.skipif(
    not (IDS.exists() and TEXTS.exists()),
    reason="the real corpus (../shared/corpus) is not present",
)


def rows(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 28)
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f, escapechar="\\", doublequote=False, strict=True))


@needs_shared
def test_real_ids_come_first_by_month_with_times_in_their_month(tmp_path: Path) -> None:
    summary = synthesize(400, seed=1, out=tmp_path / "c.csv", ids_from=IDS, versions=0)
    table = rows(summary.out)
    months: dict[str, int] = {}
    with gzip.open(IDS, "rt") as f:
        for line in f:
            ref_id, _, month = line.strip().partition(",")
            months[ref_id] = int(month)
    years = sorted(
        (int(i[:2]) + (1900 if int(i[:2]) >= 66 else 2000), m) for i, m in months.items()
    )
    cutoff = years[399]
    for row in table:
        month, _, rest = row[1].partition("/")
        assert months[row[2]] == int(month)
        year = int(rest.split("/")[1].split(" ")[0])
        assert (year, int(month)) <= cutoff
    assert len({r[2] for r in table}) == 400
    assert table[0][2] == "66BUENOSAIRES2481"
    assert table[0][3] == "Embassy Buenos Aires"


@needs_shared
def test_real_ids_give_real_origins_and_serials(tmp_path: Path) -> None:
    summary = synthesize(300, seed=2, out=tmp_path / "c.csv", ids_from=IDS, versions=0)
    for row in rows(summary.out):
        serial = row[2].lstrip("0123456789")
        serial = serial[len(serial.rstrip("0123456789")) :]
        if row[7].startswith(("UNCLAS ", "C O N", "S E C")):
            assert row[7].split("\n")[0].rstrip().endswith(f"{int(serial):06d}")


@needs_shared
def test_recombined_paragraphs_come_from_the_real_corpus(tmp_path: Path) -> None:
    from cablegram.synth.paragraphs import CorpusParagraphs, split_paragraphs

    def starts(texts: list[str]) -> set[str]:
        return {" ".join(t.split())[:100] for t in texts if len(t) > 200}

    real = starts(CorpusParagraphs(TEXTS).texts)
    summary = synthesize(60, seed=3, out=tmp_path / "c.csv", text_from=TEXTS)
    ours: set[str] = set()
    for row in rows(summary.out):
        ours |= starts(split_paragraphs(row[7]))
    assert len(ours & real) >= 0.8 * len(ours) > 100
