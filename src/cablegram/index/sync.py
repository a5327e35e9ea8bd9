"""Keeping the index consistent with the store, through crashes.

The store logs every change of a cable's current version with a sequence number; the index
records the last sequence it has applied (its watermark). ``sync`` re-reads what changed
after the watermark, in bounded batches, and commits each batch before moving the watermark.

Extras (documents the store no longer has) can only arise when the index and the store did
not share a history: a fresh or wiped index (watermark 0), or a store that was replaced
(its last change is below the watermark). Both cases refill the index from
``store.all_current()``, which removes extras by construction. A cheap count check after
an incremental sync catches the remaining case (an index restored from elsewhere) and
repairs it by comparing ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

from cablegram.index.core import SearchIndex
from cablegram.store.base import Store

Progress = Callable[[int, int | None], None]  # (done, total or None when unknown)
T = TypeVar("T")


def sync(
    store: Store, index: SearchIndex, *, progress: Progress | None = None, batch: int = 2000
) -> int:
    """Bring ``index`` up to date with ``store``; returns the number of cables applied."""
    mark = index.watermark()
    if mark == 0 or index.fresh or mark > store.last_change():
        return refill(store, index, progress=progress, batch=batch)
    applied = 0
    for chunk in _chunks(store.changes_since(mark), batch):
        applied += apply(store, index, dict.fromkeys(cable_id for _, cable_id in chunk))
        index.commit(chunk[-1][0])
        if progress:
            progress(applied, None)
    if index.count() != store.count():
        applied += repair(store, index)
    return applied


def refill(
    store: Store, index: SearchIndex, *, progress: Progress | None = None, batch: int = 2000
) -> int:
    """Replace the index's content with the store's current cables."""
    last = store.last_change()  # before reading: changes made meanwhile are re-read later
    total = store.count()
    index.clear()
    done = 0
    items = ((s.cable_id, s.cable, s.version_count) for s in store.all_current())
    for chunk in _chunks(items, batch):
        done += index.add(chunk)
        if progress:
            progress(done, total)
    index.commit(last)
    return done


def repair(store: Store, index: SearchIndex) -> int:
    """Delete documents the store lacks and add cables the index lacks."""
    stored = set(store.cable_ids())
    indexed = index.ids()
    extra = indexed - stored
    index.delete(extra)
    applied = len(extra) + apply(store, index, stored - indexed)
    index.commit(index.watermark())
    return applied


def rebuild(
    store: Store, index_path: Path, *, progress: Progress | None = None, batch: int = 2000
) -> int:
    """Drop the index at ``index_path`` and build it again from the store."""
    with SearchIndex.recreate(index_path) as index:
        return refill(store, index, progress=progress, batch=batch)


def apply(store: Store, index: SearchIndex, ids: Iterable[str]) -> int:
    """Re-read ``ids`` from the store: upsert those it has, delete those it no longer has."""
    wanted = list(ids)
    found = store.get_many(wanted)
    present = {s.cable_id for s in found}
    gone = [cable_id for cable_id in wanted if cable_id not in present]
    upserts = ((s.cable_id, s.cable, s.version_count) for s in found)
    return index.delete(gone) + index.upsert(upserts)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
