"""A whole ``cables.csv``-format corpus, streamed to disk at Cablegate scale.

One seeded ``random.Random`` drives everything in a fixed order, so a seed always gives the
same bytes. Later versions of a cable (``versions``) are held back a few hundred rows and
written as later rows with the same id: cables.csv has no release column, so only the text
tells them apart.
"""

from __future__ import annotations

import heapq
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cablegram.synth import timeline, versions
from cablegram.synth.chains import History
from cablegram.synth.generate import Factory, SynthCable
from cablegram.synth.paragraphs import CorpusParagraphs, ParagraphSource, TemplateParagraphs
from cablegram.synth.vocabulary import Vocabulary, load
from cablegram.synth.weighted import FastRandom
from cablegram.synth.writer_csv import CsvWriter

Progress = Callable[[int, int], None]
POOL_FROM = 20_000  # above this many cables, templated paragraphs come from a pool


@dataclass(slots=True)
class SynthSummary:
    """What a run wrote: counts, sizes and speed."""

    out: Path
    cables: int = 0
    rows: int = 0  # records written, later versions included
    versions: int = 0
    bytes: int = 0
    seconds: float = 0.0
    classifications: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)

    @property
    def cables_per_second(self) -> float:
        return self.cables / self.seconds if self.seconds else 0.0

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0


def paragraph_source(vocab: Vocabulary, count: int, text_from: Path | None) -> ParagraphSource:
    if text_from is not None:
        return CorpusParagraphs(Path(text_from))
    return TemplateParagraphs(vocab, pooled=count > POOL_FROM)


def cables(
    count: int,
    rng: random.Random,
    vocab: Vocabulary,
    source: ParagraphSource,
    ids_from: Path | None = None,
) -> Iterator[SynthCable]:
    """``count`` cables in creation order (all real ids when ``count`` exceeds them)."""
    if ids_from is not None:
        rows = timeline.read_ids(Path(ids_from))
        known = frozenset(r[0] for r in rows)
        history = History(known.__contains__)
        slots = timeline.real_slots(rows, count, rng, vocab)
        del rows
    else:
        history = History()
        slots = timeline.invented_slots(count, rng, vocab)
    factory = Factory(rng, vocab, source, history)
    for slot in slots:
        yield factory.make(slot)


def csv_path(out: Path) -> Path:
    """``out`` itself when it names a file, else ``out/cables.csv`` (folder created)."""
    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        return out / "cables.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def write_csv(
    count: int,
    *,
    seed: int,
    out: Path,
    ids_from: Path | None,
    text_from: Path | None,
    versions_share: float,
    progress: Progress | None = None,
) -> SynthSummary:
    started = time.perf_counter()
    rng = FastRandom(seed)
    vocab = load()
    source = paragraph_source(vocab, count, text_from)
    path = csv_path(out)
    summary = SynthSummary(path, files=[path])
    later: list[tuple[int, int, SynthCable]] = []  # (due row, order, version): a heap
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = CsvWriter(f)
        for cable in cables(count, rng, vocab, source, ids_from):
            writer.write(cable)
            summary.cables += 1
            summary.classifications[cable.classification] += 1
            while later and later[0][0] <= summary.cables:
                writer.write(heapq.heappop(later)[2])
                summary.versions += 1
            if rng.random() < versions_share:
                due = summary.cables + rng.randint(50, 500)
                version = versions.later_version(rng, cable, versions.LAST_RELEASE)
                heapq.heappush(later, (due, summary.cables, version))
            if progress is not None and summary.cables % 1000 == 0:
                progress(summary.cables, count)
        while later:
            writer.write(heapq.heappop(later)[2])
            summary.versions += 1
        writer.flush()
    summary.rows = writer.rows
    summary.bytes = path.stat().st_size
    summary.formats["cablegate-csv"] = writer.rows
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress(summary.cables, count)
    return summary
