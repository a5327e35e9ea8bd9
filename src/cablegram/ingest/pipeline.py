"""Sources -> parallel parse -> one writer -> store, then the index catches up.

The main process reads (readers stream, so memory stays flat), worker processes parse chunks
of records, and the main process alone writes, one transaction per batch. A ``kill -9``
loses at most the batch in flight; re-running the same command skips what was committed
(identical versions are UNCHANGED) and writes the rest with the same version ids a clean run
would have given them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import cast

from cablegram.ingest import allocator, work
from cablegram.ingest.estimate import Estimator, input_size
from cablegram.ingest.inline import InlineIndexer, TrackingStore
from cablegram.ingest.pool import default_workers, ordered_map
from cablegram.ingest.progress import NullProgress, ProgressSink
from cablegram.ingest.summary import UNREADABLE, IngestSummary
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.store.base import Derived, Packed, ParsedRecord, Store

CHUNK = 64  # records per worker task: ~15 ms of parsing, so IPC overhead stays small
SMALL_INPUT = 1 << 20  # bytes; below this, parsing in-process beats starting workers
MAX_NOTES = 20

Reader = Callable[..., Iterable[SourceRecord]]


def ingest(
    sources: Sequence[str | Path],
    store: Store,
    *,
    index_sync: Callable[[], None] | None = None,
    indexer: InlineIndexer | None = None,
    workers: int | None = None,
    batch_size: int = 500,
    progress: ProgressSink | None = None,
    chunk_size: int = CHUNK,
    reader: Reader | None = None,
) -> IngestSummary:
    """Read every source into ``store``; nothing is dropped: what fails is quarantined.

    ``workers`` defaults to one per core (none below 1 MB of input); ``workers=0`` parses in
    this process. Workers start through multiprocessing's forkserver, so a script calling
    this needs the usual ``if __name__ == "__main__":`` guard. ``reader`` defaults to
    ``cablegram.read`` and exists for tests.

    ``indexer`` (an index already synced with ``store``) indexes each batch as it is stored,
    if the store can say what a batch changed; ``index_sync`` runs at the end either way and
    then finds nothing left to do, unless inline indexing had to stop.
    """
    started = time.perf_counter()
    allocator.limit_arenas()  # before the index writer's threads start: see allocator.py
    sink = progress or NullProgress()
    size = input_size(sources)
    if indexer is not None and not hasattr(store, "add_tracked"):
        indexer = None
    writer = _Writer(store, batch_size, sink, Estimator(size), indexer)
    records = _all_records(sources, reader or _default_reader(), writer)
    sink.start(None)
    count = _workers(workers, size)
    chunks = _chunks(records, chunk_size)
    if store.count() > 0:  # a re-run: what is stored already need not be parsed again
        chunks = _unstored(chunks, store, writer)
    run = partial(work.run_chunk, index=indexer is not None, pack=True)
    results = ordered_map(run, chunks, _jobs, workers=count)
    for chunk, outcome in results:
        writer.take(chunk, outcome)
    writer.flush()
    writer.commit_index()
    sink.set_total(writer.summary.records)  # the estimate's job is done: show the count
    if index_sync is not None:
        sink.note("updating the search index")
        synced = time.perf_counter()
        index_sync()
        writer.summary.index_seconds += time.perf_counter() - synced
    writer.summary.elapsed = time.perf_counter() - started
    return writer.summary


def _workers(asked: int | None, input_bytes: int | None) -> int:
    """Starting worker processes costs about a second: not worth it for a few cables."""
    if asked is not None:
        return asked
    if input_bytes is not None and input_bytes < SMALL_INPUT:
        return 0
    return default_workers()


def _default_reader() -> Reader:
    from cablegram.sources import read

    return read


def _all_records(
    sources: Sequence[str | Path], reader: Reader, writer: _Writer
) -> Iterator[SourceRecord]:
    for source in sources:
        try:
            for record in reader(source, on_error=writer.source_error):
                writer.estimator.saw(len(record.text))
                yield record
        except SourceError as error:
            writer.source_error(error)
        except OSError as error:
            writer.source_error(SourceError(str(source), f"cannot read: {error}"))


def _chunks(records: Iterator[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    while chunk := list(islice(records, size)):
        yield chunk


def _unstored(
    chunks: Iterator[list[SourceRecord]], store: Store, writer: _Writer
) -> Iterator[list[SourceRecord]]:
    """Drop records whose exact version is stored, counting them as unchanged.

    Only records whose source gave a readable id qualify: that id is the one the parse
    would settle on (the parser takes it as given), so the skip cannot change an outcome.
    """
    for chunk in chunks:
        keyed: list[tuple[str, str, SourceRecord]] = []
        for record in chunk:
            cable_id = work.source_id(record.reference_id)
            sha = work.sha_or_none(record.text)
            if cable_id is not None and sha is not None:
                keyed.append((cable_id, sha, record))
        known = {id(k[2]) for k, hit in zip(keyed, store.stored(keyed), strict=True) if hit}
        writer.unchanged([r for r in chunk if id(r) in known])
        rest = [r for r in chunk if id(r) not in known]
        if rest:
            yield rest


def _jobs(chunk: list[SourceRecord]) -> list[work.Job]:
    return [work.job(r) for r in chunk]


class _Writer:
    """The single writer: collects parsed records into batches and quarantines failures."""

    def __init__(
        self,
        store: Store,
        batch_size: int,
        progress: ProgressSink,
        estimator: Estimator,
        indexer: InlineIndexer | None = None,
    ) -> None:
        self.store = store
        self.indexer = indexer
        self._fields: list[work.Fields | None] = []
        self.batch_size = max(1, batch_size)
        self.progress = progress
        self.estimator = estimator
        self.summary = IngestSummary()
        self._batch: list[ParsedRecord] = []
        self._notes = 0

    def source_error(self, error: SourceError) -> None:
        self.store.quarantine(error.location, error.reason, error.raw)
        self.summary.of(UNREADABLE).quarantined += 1
        self._note(f"[quarantined] {error.location}: {error.reason}")
        self.progress.advance(1)

    def _note(self, message: str) -> None:
        """The first few quarantines are shown as they happen; a broken dump can have
        thousands, and the summary and ``cablegram quarantine`` list them all anyway."""
        self._notes += 1
        if self._notes <= MAX_NOTES:
            self.progress.note(message)
        elif self._notes == MAX_NOTES + 1:
            self.progress.note("[quarantined] more: see `cablegram quarantine` for the list")

    def take(
        self, chunk: Sequence[SourceRecord], results: Sequence[work.Parsed | work.Failed]
    ) -> None:
        for record, result in zip(chunk, results, strict=True):
            if isinstance(result, work.Failed):
                self._quarantine(record, result.reason)
                continue
            stored = result.stored
            self._batch.append(ParsedRecord(
                record, result.cable_id, None, result.sha256,
                derived=stored if isinstance(stored, Derived) else None,
                packed=stored if isinstance(stored, Packed) else None,
            ))
            self._fields.append(result.fields)
        if len(self._batch) >= self.batch_size:
            self.flush()

    def commit_index(self) -> None:
        if self.indexer is not None:
            began = time.perf_counter()
            self.indexer.commit()
            self.summary.index_seconds += time.perf_counter() - began

    def unchanged(self, records: Sequence[SourceRecord]) -> None:
        for record in records:
            self.summary.of(record.format).unchanged += 1
        if records:
            self.progress.advance(len(records))

    def _quarantine(self, record: SourceRecord, reason: str) -> None:
        raw = record.text.encode("utf-8", "surrogatepass")
        self.store.quarantine(record.location, reason, raw)
        self.summary.of(record.format).quarantined += 1
        self._note(f"[quarantined] {record.location}: {reason}")
        self.progress.advance(1)

    def flush(self) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        fields, self._fields = self._fields, []
        began, cpu = time.perf_counter(), time.thread_time()
        result = None
        if self.indexer is None:
            outcomes = self.store.add(batch)
        else:
            result = cast(TrackingStore, self.store).add_tracked(batch)
            outcomes = result.outcomes
        self.summary.store_seconds += time.perf_counter() - began
        self.summary.store_cpu_seconds += time.thread_time() - cpu
        if self.indexer is not None and result is not None:
            indexed = time.perf_counter()
            self.indexer.take(fields, result)
            self.summary.index_seconds += time.perf_counter() - indexed
        for parsed, outcome in zip(batch, outcomes, strict=True):
            self.summary.of(parsed.record.format).count(outcome)
        self.progress.advance(len(batch))
        expected = self.estimator.total()
        if expected is not None:
            self.progress.set_total(expected)
