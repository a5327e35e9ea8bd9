"""The demo corpus: about 2,000 invented cables in every format cablegram reads.

One timeline of Cablegate-era cables is generated in creation order and each cable is
published in one layout, so REF chains run across formats and resolve after ingest:

    cables.csv                       most cables, plus later versions as later rows
    cable/YYYY/MM/ID.html            WikiLeaks cable pages
    versions.jsonl                   JSON Lines with ``released`` dates: re-releases
                                     (redacted, date fixed) of its own and the pages' cables
    pdf-text/ID.txt                  text converted from the cablegate PDFs
    plusd/cables/YEARSTATIONSERIAL_b.html
                                     1970s PlusD pages: TOP SECRET, LIMITED OFFICIAL USE,
                                     EXDIS, NODIS, LIMDIS, STADIS

Only the project's templates and vocabulary are used; nothing is read from a real corpus.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from cablegram.synth import markings, plusd, timeline, versions
from cablegram.synth.chains import History
from cablegram.synth.content import Options
from cablegram.synth.corpus import Progress, SynthSummary
from cablegram.synth.generate import Constraints, Factory, SynthCable
from cablegram.synth.paragraphs import TemplateParagraphs
from cablegram.synth.vocabulary import Vocabulary, load
from cablegram.synth.weighted import FastRandom, Weighted
from cablegram.synth.writer_csv import CsvWriter
from cablegram.synth.writer_formats import html_page, jsonl_record, page_path, pdf_text

PLUSD_COUNT = 15
PDF_COUNT = 20
FORMATS = Weighted(("csv", "html", "jsonl"), (62, 30, 8))
# Captions too rare in Cablegate to turn up by chance in 2,000 cables; each is forced a few
# times so that every caveat is in the demo.
FORCED_CAPTIONS = ("EXDIS", "NODIS", "STADIS", "LIMDIS", "NOCONTRACT", "ORCON")
DEMO_YEARS = {y: w for y, w in timeline.YEAR_WEIGHTS.items() if y >= 1985}
CLASSIFIED = (markings.CONFIDENTIAL, markings.CONFIDENTIAL_NF, markings.SECRET, markings.SECRET_NF)
# A PDF was made from the full telegram: routed envelope, wrapped lines, plain banner.
PDF_NEEDS = Constraints(shapes=("xro", "xyz"), options=Options(wrapped=True, plain_banner=True))


@dataclass(frozen=True, slots=True)
class DemoItem:
    """One published record: the layout, the cable, and when it was released."""

    fmt: str  # csv | html | jsonl | pdf | plusd
    cable: SynthCable
    released: datetime
    version: int = 1  # as in the corpus' JSON Lines: 1 is the newest of n_versions
    n_versions: int = 1
    plusd: plusd.PlusdCable | None = None


def demo_items(count: int, seed: int = 0, versions_share: float = 0.02) -> Iterator[DemoItem]:
    """Every record of the demo, in the order it is written; the same seed, the same items."""
    rng = FastRandom(seed)
    vocab = load()
    factory = Factory(rng, vocab, TemplateParagraphs(vocab, pooled=False), History())
    cablegate = max(0, count - PLUSD_COUNT)
    pdf_every = max(1, cablegate // PDF_COUNT)
    forced = {
        (i + 1) * cablegate // (3 * len(FORCED_CAPTIONS) + 1): FORCED_CAPTIONS[i % 6]
        for i in range(3 * len(FORCED_CAPTIONS))
    }
    for i, slot in enumerate(timeline.invented_slots(cablegate, rng, vocab, DEMO_YEARS)):
        fmt = (
            "pdf"
            if i % pdf_every == pdf_every // 2 and slot.created.year >= 2006
            else FORMATS.pick(rng)
        )
        want = PDF_NEEDS if fmt == "pdf" else Constraints()
        if i in forced:
            opts = want.options
            want = Constraints(
                level=rng.choice(CLASSIFIED),
                shapes=want.shapes,
                options=Options(opts.media, (forced[i],), opts.wrapped, opts.plain_banner),
            )
        cable = factory.make(slot, want)
        yield from _published(rng, fmt, cable, versions_share)
    for item in plusd.plusd_cables(rng, vocab, min(PLUSD_COUNT, count)):
        yield DemoItem("plusd", item.cable, versions.FIRST_RELEASE, plusd=item)


def _published(rng: random.Random, fmt: str, cable: SynthCable, share: float) -> Iterator[DemoItem]:
    first, second = versions.release_dates(rng, cable.created)
    if fmt == "jsonl":
        roll = rng.random()
        if roll < 0.5:
            later = versions.later_version(rng, cable, second)
            yield DemoItem("jsonl", cable, first, 2, 2)
            yield DemoItem("jsonl", later, second, 1, 2)
        elif roll < 0.65:
            early, fixed = versions.date_fixed_pair(cable, first, second)
            yield DemoItem("jsonl", early, first, 2, 2)
            yield DemoItem("jsonl", fixed, second, 1, 2)
        else:
            yield DemoItem("jsonl", cable, first)
        return
    yield DemoItem(fmt, cable, first)
    if fmt == "html" and rng.random() < 0.12:
        yield DemoItem("jsonl", versions.later_version(rng, cable, second), second, 1, 2)
    elif fmt == "csv" and rng.random() < share:
        yield DemoItem("csv", versions.later_version(rng, cable, second), second, 1, 2)


def write_demo(
    count: int, *, seed: int, out: Path, versions_share: float, progress: Progress | None = None
) -> SynthSummary:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    vocab = load()
    summary = SynthSummary(out)
    csv_path = out / "cables.csv"
    jsonl_path = out / "versions.jsonl"
    seen: set[str] = set()
    with (
        csv_path.open("w", encoding="utf-8", newline="") as csv_file,
        jsonl_path.open("w", encoding="utf-8", newline="\n") as jsonl_file,
    ):
        writer = CsvWriter(csv_file)
        for item in demo_items(count, seed, versions_share):
            path = _write(item, out, writer, jsonl_file, vocab, count)
            if path is not None:
                summary.files.append(path)
            summary.rows += 1
            summary.formats[item.fmt] += 1
            if item.cable.reference_id in seen:
                summary.versions += 1
            else:
                seen.add(item.cable.reference_id)
                summary.cables += 1
                summary.classifications[item.cable.classification] += 1
            if progress is not None and summary.rows % 200 == 0:
                progress(summary.cables, count)
        writer.flush()
    summary.files[:0] = [csv_path, jsonl_path]
    summary.bytes = sum(p.stat().st_size for p in summary.files)
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress(summary.cables, count)
    return summary


def _write(
    item: DemoItem, out: Path, writer: CsvWriter, jsonl_file: TextIO, vocab: Vocabulary, total: int
) -> Path | None:
    cable = item.cable
    if item.fmt == "csv":
        writer.write(cable)
        return None
    if item.fmt == "jsonl":
        jsonl_file.write(jsonl_record(cable, item.released, item.version, item.n_versions))
        return None
    if item.fmt == "html":
        path = out / page_path(cable)
        text = html_page(cable, item.released, total)
        _save(path, text.encode("utf-8"))
        return path
    if item.fmt == "pdf":
        path = out / "pdf-text" / f"{cable.reference_id}.txt"
        _save(path, pdf_text(cable, vocab.station(cable.station).name))
        return path
    assert item.plusd is not None
    path = out / "plusd" / "cables" / f"{cable.reference_id}_b.html"
    _save(path, plusd.page(item.plusd, vocab).encode("utf-8"))
    return path


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
