"""Indexing each batch as the writer stores it, instead of re-reading the store afterwards.

Re-reading meant a JSON decode and a Cable rebuild per cable in one process (about 200 µs
each, the largest single cost of an ingest). Here the parse workers send each cable's index
document as plain values, and after each committed store batch the writer adds the documents
of the cables whose current version that batch changed (the store says which), with the
version count the store now has. Cables that only gained a version that is not current (an
older release arriving later: rare) are re-read from the store as ``index.sync`` would.

Correctness stays with the watermark: the index is committed every ``every`` records with the
store's change-log position at that point, so a crash between a store commit and the next
index commit leaves changes after the watermark, which ``index.sync`` re-reads on the next
open. If anything else wrote to the change log between two of our batches, or a worker could
not build a document, inline indexing stops and the sync at the end of ingest catches up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import tantivy

from cablegram.index import schema as f
from cablegram.index.core import SearchIndex
from cablegram.index.sync import apply
from cablegram.ingest import allocator
from cablegram.ingest.work import Fields
from cablegram.store.base import ParsedRecord, Store
from cablegram.store.sqlite_write import BatchResult

EVERY = 50_000  # records between index commits: each commit writes segments and a watermark


class TrackingStore(Protocol):
    """A store that can say what each batch changed (``SQLiteStore`` can)."""

    def add_tracked(self, batch: Sequence[ParsedRecord]) -> BatchResult: ...


class InlineIndexer:
    """Keeps ``index`` in step with the store, batch by batch, for one ingest run."""

    def __init__(self, index: SearchIndex, store: Store, *, every: int = EVERY) -> None:
        self.index = index
        self.store = store
        self.every = max(1, every)
        self.active = True
        # Every change up to ``mark`` is in the index writer (committed or not): the caller
        # has synced the index before the first batch.
        self.mark = index.watermark()
        self._committed = self.mark
        self._uncommitted = 0
        self._replace_all = index.count() > 0  # an empty index has no old documents to drop
        self._schema = f.build()

    def take(self, fields: Sequence[Fields | None], result: BatchResult) -> None:
        """Index what a committed store batch changed; ``fields`` are aligned with it."""
        if not self.active:
            return
        if result.first_seq != self.mark:  # someone else logged changes: let sync do it
            self.active = False
            return
        docs: list[tuple[str, tantivy.Document, bool]] = []
        stale: list[str] = []  # only their version count changed: re-read from the store
        for current in result.currents:
            if current.position < 0:
                stale.append(current.cable_id)
                continue
            values = fields[current.position]
            if values is None:
                self.active = False
                return
            if current.version_count != 1:
                values = {**values, f.VERSIONS: [current.version_count]}
            doc = tantivy.Document.from_dict(values, self._schema)
            docs.append((current.cable_id, doc, current.known or self._replace_all))
        self.index.put_documents(docs)
        if stale:
            apply(self.store, self.index, stale)
        self.mark = result.last_seq
        self._uncommitted += len(fields)
        if self._uncommitted >= self.every:
            self.commit()

    def commit(self) -> None:
        """Make what was added durable and move the watermark to it."""
        if self.active and (self._uncommitted or self.mark != self._committed):
            self.index.commit(self.mark)
            self._committed = self.mark
            allocator.trim()  # the flushed segments' buffers: see allocator.py
        self._uncommitted = 0
