"""``cablegram.Archive``: the record store and its search index behind one object.

The index lives beside the database (``cablegram.db`` -> ``cablegram.db.index/``) and is
derived from it, so the archive brings it up to date before the first search: whatever a
crashed ingest wrote to the store but not to the index is indexed then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cablegram.diff import VersionDiff, diff_versions
from cablegram.ingest import IngestSummary, ProgressSink, ingest, reparse
from cablegram.store import default_db_path, open_store, store_path
from cablegram.store.base import (
    ArchiveStats,
    Citation,
    QuarantineEntry,
    Store,
    StoredCable,
    Version,
)

if TYPE_CHECKING:
    from cablegram.index import SearchIndex, SearchResults


class Archive:
    """Open with a database path (or ``None`` for ``$CABLEGRAM_DB`` / ``./cablegram.db``).

    Ids may be given in any spelling a reader would type (``05 almaty 4143``); they are made
    canonical before lookup.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        location = path if path is not None else default_db_path()
        self.db_path = store_path(location)
        self.index_path = Path(f"{self.db_path}.index")
        self.store: Store = open_store(location)
        self._index: SearchIndex | None = None
        self._index_fresh = False

    # -- records ---------------------------------------------------------------------------

    def get(self, cable_id: str) -> StoredCable | None:
        return self.store.get(canonical(cable_id))

    def versions(self, cable_id: str) -> list[Version]:
        return self.store.versions(canonical(cable_id))

    def cites(self, cable_id: str) -> list[Citation]:
        return self.store.cites(canonical(cable_id))

    def cited_by(self, cable_id: str) -> list[Citation]:
        return self.store.cited_by(canonical(cable_id))

    def diff(self, cable_id: str, a: int | None = None, b: int | None = None) -> VersionDiff:
        return diff_versions(self.store, canonical(cable_id), a, b)

    def stats(self, top: int = 20) -> ArchiveStats:
        return self.store.stats(top)

    def quarantined(self) -> list[QuarantineEntry]:
        return self.store.quarantined()

    def __len__(self) -> int:
        return self.store.count()

    # -- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        sources: Sequence[str | Path],
        *,
        workers: int | None = None,
        batch_size: int = 500,
        progress: ProgressSink | None = None,
        index: bool = True,
    ) -> IngestSummary:
        """Ingest and index each batch as it is stored (unless ``index=False``).

        The index is synced first, so that inline indexing starts from a watermark that
        covers every earlier change, and again at the end, which then finds nothing to do
        unless inline indexing had to stop (it says why in ``cablegram.ingest.inline``).
        """
        from cablegram.ingest.inline import InlineIndexer

        def sync() -> None:
            self.sync_index(progress)

        indexer = None
        if index:
            sync()
            assert self._index is not None
            indexer = InlineIndexer(self._index, self.store)
        return ingest(
            sources,
            self.store,
            index_sync=sync if index else None,
            indexer=indexer,
            workers=workers,
            batch_size=batch_size,
            progress=progress,
        )

    def reparse(
        self,
        *,
        workers: int | None = None,
        progress: ProgressSink | None = None,
        index: bool = True,
    ) -> int:
        changed = reparse(self.store, workers=workers, progress=progress)
        if index:
            self.sync_index(progress)
        return changed

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, **options: Any) -> SearchResults:
        """See ``cablegram.index.SearchIndex.search`` for the options (sort, page, ...)."""
        return self.index().search(query, **options)

    def index(self) -> SearchIndex:
        """The search index, opened on first use and caught up with the store once."""
        if self._index is None:
            from cablegram.index import SearchIndex

            self._index = SearchIndex.open(self.index_path)
        if not self._index_fresh:
            self.sync_index()
        return self._index

    def sync_index(self, progress: ProgressSink | None = None) -> int:
        """Index what the store changed since the index's watermark; returns how many."""
        from cablegram.index import SearchIndex, sync

        if self._index is None:
            self._index = SearchIndex.open(self.index_path)
        count = sync(self.store, self._index, progress=_counter(progress))
        self._index_fresh = True
        return count

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _counter(sink: ProgressSink | None) -> Callable[[int, int | None], None] | None:
    """The index reports ``(done, total)``; a ProgressSink wants increments."""
    if sink is None:
        return None
    state = {"done": 0, "started": False}

    def report(done: int, total: int | None) -> None:
        if not state["started"]:
            sink.start(total)
            state["started"] = True
        sink.advance(done - int(state["done"]))
        state["done"] = done

    return report


def canonical(cable_id: str) -> str:
    """The canonical spelling of an id, or the id upper-cased if it cannot be read as one."""
    from cablegram.ids import canonical_id

    try:
        return canonical_id(cable_id)
    except ValueError:
        return cable_id.strip().upper()
