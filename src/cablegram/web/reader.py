"""The one door through which every page and API route reads the archive.

Access control (who may see which cable, paragraph, subject or count) is applied here and
nowhere else: routes never touch ``Archive`` directly, and each ``ReaderView`` belongs to
one ``access.Reader`` and asks the ``Policy`` (through ``access_view.Gate``) for cable
pages, search hits, facets, citation lists, versions, diffs, exports and browse lists. A
reader who ``sees_everything`` (the demo) takes the unfiltered fast paths.

SQLite connections belong to the thread that opened them, and the index is best opened
once, so all archive work runs on one dedicated thread (``ArchiveThread``) that owns the
``Archive``; async routes await it without blocking the event loop.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast

from cablegram.access import AccessControl, Policy, Reader
from cablegram.access.reader import ALL
from cablegram.archive import Archive
from cablegram.diff import VersionDiff, diff_versions
from cablegram.model import Classification
from cablegram.query import QueryError
from cablegram.store.base import ArchiveStats, Citation, Store, StoredCable, Version
from cablegram.web.access_view import Gate, RedactedVersions, scoped_stats

if TYPE_CHECKING:
    from cablegram.index.results import SearchResults

P = ParamSpec("P")
T = TypeVar("T")

OVERVIEW_TTL_S = 60.0  # whole-archive facet lists: recomputed at most once a minute
SPANS_TTL_S = 600.0  # origin year spans: one query per origin, so kept longer
FACET_SIZE = 25  # buckets per facet on a search page
BROWSE_FACET_SIZE = 5000  # buckets per facet on browse pages: every tag, every origin
BROWSE_FACETS = ("origin", "year", "month", "classification", "tags", "caveats", "reasons",
                 "signers")  # the index's facets.ALL_FACETS (signers is not a default one)


@dataclass(frozen=True, slots=True)
class Overview:
    """Whole-archive counts for the home and browse pages (facets over every cable)."""

    total: int
    facets: dict[str, list[tuple[str, int]]]


class ArchiveThread:
    """Runs archive calls on one thread that opens, owns and closes the ``Archive``."""

    def __init__(self, opener: Callable[[], Archive]) -> None:
        self._opener = opener
        self._archive: Archive | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cablegram-archive")

    def archive(self) -> Archive:
        """The archive; only call from inside ``run``/``call`` (its own thread)."""
        if self._archive is None:
            self._archive = self._opener()
        return self._archive

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Blocking form of ``run`` for code outside the event loop (startup, tests)."""
        return self._pool.submit(fn, *args, **kwargs).result()

    def close(self) -> None:
        def _close() -> None:
            if self._archive is not None:
                self._archive.close()
                self._archive = None

        self._pool.submit(_close).result()
        self._pool.shutdown(wait=True)


class ReaderView:
    """What one reader may read. Every method runs on the archive thread (see ``run``)."""

    def __init__(self, thread: ArchiveThread, reader: Reader | None = None,
                 policy: Policy | None = None, access: AccessControl | None = None) -> None:
        self._thread = thread
        self._access = access
        self.reader = reader if reader is not None else EVERYONE
        self.policy = policy if policy is not None else Policy()
        self._cache: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def audit_read(self, cable_id: str, source: str, export: str | None = None) -> None:
        """Record that this (signed-in) reader opened or exported a cable."""
        if self._access is not None:
            self._access.audit_read(self.reader, cable_id, source, export=export)

    @property
    def _open(self) -> bool:
        return self.reader.sees_everything

    @property
    def _gate(self) -> Gate:
        return Gate(self.policy, self.reader, self._archive.store)

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._thread.run(fn, *args, **kwargs)

    @property
    def _archive(self) -> Archive:
        return self._thread.archive()

    # -- records ------------------------------------------------------------------------

    def cable(self, cable_id: str) -> StoredCable | None:
        """The cable as this reader may see it; None when absent or invisible (alike)."""
        stored = self._archive.get(cable_id)
        if stored is None or self._open:
            return stored
        return self._gate.cable(stored)

    def versions(self, cable_id: str) -> list[Version]:
        versions = self._archive.versions(cable_id)
        return versions if self._open else self._gate.versions(versions)

    def cites(self, cable_id: str) -> list[Citation]:
        cites = self._archive.cites(cable_id)
        if self._open:
            return cites
        stored = self._archive.get(cable_id)
        return self._gate.cites(stored, cites) if stored is not None else []

    def cited_by(self, cable_id: str) -> list[Citation]:
        cited_by = self._archive.cited_by(cable_id)
        if self._open:
            return cited_by
        if self.cable(cable_id) is None:
            return []
        return self._gate.cited_by(cited_by)

    def diff(self, cable_id: str, a: int | None, b: int | None) -> VersionDiff:
        """Raises ``cablegram.diff.DiffError`` when the versions do not exist (or are not
        visible: the same message as for an unknown id)."""
        if self._open:
            return self._archive.diff(cable_id, a, b)
        from cablegram.archive import canonical

        cid = canonical(cable_id)
        return diff_versions(cast(Store, RedactedVersions(self.versions(cid))), cid, a, b)

    def dossier(self, cable_id: str) -> Dossier | None:
        """A cable with its citations and versions, read in one trip to the archive thread."""
        stored = self.cable(cable_id)
        if stored is None:
            return None
        cid = stored.cable_id
        return Dossier(stored, self.cites(cid), self.cited_by(cid), self.versions(cid))

    # -- search and counts ----------------------------------------------------------------

    def search(
        self, query: str, *, sort: str = "relevance", page: int = 1, per_page: int = 20,
        facets: bool = True,
    ) -> SearchResults:
        """Raises ``QueryError`` for a malformed query, ``ValueError`` for a bad sort/page."""
        try:
            scope = None if self._open else self.policy.search_scope(self.reader)
            # The default facets: the sidebar and the API show those. Signers are a browse
            # list only, and counting them costs as much as the other seven together.
            return self._archive.search(query, sort=sort, page=page, per_page=per_page,
                                        facets=facets, facet_size=FACET_SIZE, scope=scope)
        except RecursionError as exc:  # the query parser recurses once per nesting level
            raise QueryError("the query nests parentheses or operators too deeply", 0,
                             query) from exc

    def stats(self) -> ArchiveStats:
        """Archive statistics (a few table scans), cached as briefly as the overview."""
        if self._open:
            return self._memo("stats", self._archive.stats, OVERVIEW_TTL_S)
        return self._memo("stats", lambda: scoped_stats(self.overview()), OVERVIEW_TTL_S)

    def overview(self) -> Overview:
        """Facets over the whole archive: browse pages and the home page ask for them."""
        return self._memo("overview", self._overview_now, OVERVIEW_TTL_S)

    def _overview_now(self) -> Overview:
        scope = None if self._open else self.policy.search_scope(self.reader)
        results = self._archive.search("", per_page=1, facets=True,
                                       facet_size=BROWSE_FACET_SIZE, scope=scope,
                                       facet_names=BROWSE_FACETS)
        return Overview(results.total, results.facets)

    def origin_years(self) -> dict[str, tuple[int, int]]:
        """First and last year of each origin's cables."""
        return self._memo("origin_years", self._origin_years_now, SPANS_TTL_S)

    def _origin_years_now(self) -> dict[str, tuple[int, int]]:
        """Oldest and newest year of each origin's cables that this reader may find."""
        scope = None if self._open else self.policy.search_scope(self.reader)
        return self._archive.index().origin_years(scope=scope)

    def _memo(self, key: str, compute: Callable[[], T], ttl: float) -> T:
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < ttl:
            return cast(T, hit[1])
        value = compute()
        with self._lock:
            self._cache[key] = (time.monotonic(), value)
        return value


EVERYONE = Reader(None, Classification.TOP_SECRET, frozenset({ALL}), frozenset({ALL}))


@dataclass(frozen=True, slots=True)
class Dossier:
    stored: StoredCable
    cites: list[Citation]
    cited_by: list[Citation]
    versions: list[Version]


def open_thread(source: Archive | str | Path) -> ArchiveThread:
    """An archive thread for an ``Archive`` (reopened by path on the thread) or a db path.

    An ``Archive`` made elsewhere holds a SQLite connection bound to its maker's thread, so
    only its location is used; the caller keeps and closes its own instance.
    """
    path = source.db_path if isinstance(source, Archive) else Path(source)
    return ArchiveThread(lambda: Archive(path))
