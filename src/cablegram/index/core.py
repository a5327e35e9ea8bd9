"""The search index: a tantivy directory derived from the store, plus its watermark.

One writer per index (tantivy holds a lock file); it is opened lazily on the first write so
that readers (the CLI, a web worker) never take the lock. ``commit(watermark)`` makes the
index changes durable first and records the watermark second: a crash in between only means
the same changes are applied again, which upserts make harmless.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import tantivy

from cablegram.access.policy import SearchScope
from cablegram.index import meta, texts
from cablegram.index import schema as f
from cablegram.index.aside import Aside
from cablegram.index.compile import compile_query
from cablegram.index.document import to_document
from cablegram.index.facets import (
    FacetCounter,
    Remembered,
    WholeSetFile,
    copy,
    names_of,
    origin_spans,
)
from cablegram.index.results import Hit, SearchResults
from cablegram.index.scope import IndexScope
from cablegram.index.snippets import Snippets
from cablegram.index.texts import TextStore, encode, texts_of
from cablegram.model import Cable, Classification
from cablegram.query import MatchAll, Not, QueryNode, parse_query

# Facet counting beside the hit collection (``search``).
_FACETS_ASIDE = Aside("cablegram-facets")
_HEADERS_ASIDE = Aside("cablegram-headers")
WRITER_HEAP = 128_000_000  # shared by the threads; tantivy flushes a segment when full
WRITER_THREADS = 2  # measured: ~1.6x the documents/s of one thread on an idle 2-core box
SORTS = ("relevance", "date", "-date")
RESULTS_REMEMBERED = 256


WHOLE_SET_FILE = "cablegram-facets.json"  # see facets.WholeSetFile


class IndexUnusable(RuntimeError):
    """The directory holds no index this version can use, or another process is writing."""


class SearchIndex:
    def __init__(self, path: Path, index: tantivy.Index, *, fresh: bool) -> None:
        self.path = path
        self.fresh = fresh  # created by this open: sync must fill it from scratch
        self._index = index
        self._schema = index.schema
        self._writer: tantivy.IndexWriter | None = None
        self._texts = TextStore(path / texts.FILE)
        # Reloads happen only here, when a new commit is seen, and each one starts a new
        # epoch: the facet cache is keyed by epoch, so it always describes the searcher it
        # is used with, even with searches running in several threads.
        index.config_reader(reload_policy="Manual")
        self._lock = threading.Lock()
        # No generation yet: the first search reloads and so learns which commit it shows.
        self._generation: tuple[int, int, int] = (-1, -1, -1)
        self._epoch = 0
        self._facets = FacetCounter(
            disk=WholeSetFile(path / WHOLE_SET_FILE, self._generation_of)
        )
        # Whole results of recent searches: a reader going back, a shared link opened many
        # times, the same query from several clients. Keyed by epoch like the facets.
        self.recent: Remembered[SearchResults] = Remembered(RESULTS_REMEMBERED)

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> SearchIndex:
        """Open the index at ``path``; (re)create it if absent or built for another schema."""
        path = Path(path)
        if _usable(path):
            return cls(path, tantivy.Index.open(str(path)), fresh=False)
        if not create:
            raise IndexUnusable(f"{path}: no usable search index (rebuild it from the store)")
        return cls.recreate(path)

    @classmethod
    def recreate(cls, path: Path) -> SearchIndex:
        """A new empty index at ``path``, replacing any index there (and nothing else)."""
        path = Path(path)
        _clear_directory(path)
        path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(f.build(), path=str(path), reuse=False)
        TextStore.create(path / texts.FILE).close()
        meta.write_schema_version(path, f.SCHEMA_VERSION)
        return cls(path, index, fresh=True)

    # -- writing -------------------------------------------------------------------------

    def upsert(self, cables: Iterable[tuple[str, Cable, int]]) -> int:
        """Replace (or add) each cable's document; visible after ``commit``."""
        return self.put_documents(
            (cable_id, to_document(cable_id, cable, versions), True)
            for cable_id, cable, versions in cables
        )

    def add(self, cables: Iterable[tuple[str, Cable, int]]) -> int:
        """Add documents without first deleting their ids: for a cleared index only (a
        rebuild), where it saves tantivy one delete per document at commit."""
        return self.put_documents(
            (cable_id, to_document(cable_id, cable, versions), False)
            for cable_id, cable, versions in cables
        )

    def put_documents(self, docs: Iterable[tuple[str, tantivy.Document, bool]]) -> int:
        """Add documents built elsewhere (ingest builds them in its parse workers); an item
        whose flag is true first deletes its id's old document. Visible after ``commit``."""
        writer = self._writer_or_open()
        kept: list[tuple[str, bytes]] = []
        for cable_id, doc, replace_old in docs:
            if replace_old:
                writer.delete_documents_by_term(f.ID, cable_id)
            writer.add_document(doc)
            kept.append((cable_id, encode(texts_of(doc))))
        self._texts.put(kept)
        return len(kept)

    def delete(self, ids: Iterable[str]) -> int:
        writer = self._writer_or_open()
        gone = list(ids)
        for cable_id in gone:
            writer.delete_documents_by_term(f.ID, cable_id)
        self._texts.delete(gone)
        return len(gone)

    def clear(self) -> None:
        """Drop every document (at the next commit)."""
        self._writer_or_open().delete_all_documents()
        self._texts.clear()

    def commit(self, watermark: int) -> None:
        if self._writer is not None:
            self._writer.commit()
        self._texts.commit()  # after the index: see texts.py for why this order is safe
        meta.write_watermark(self.path, watermark)
        self.fresh = False
        # No reload here: the next search sees the new commit by itself. A writer that
        # reloaded after every commit (an ingest) kept a reader on all segments, so every
        # page its merges touched stayed resident: ~190 MB at Cablegate scale.

    def watermark(self) -> int:
        return meta.read_watermark(self.path)

    def close(self) -> None:
        """Let merges finish and release the writer lock; uncommitted changes are dropped."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer.wait_merging_threads()
            self._writer = None
        self._texts.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _writer_or_open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(WRITER_HEAP, WRITER_THREADS)
            except ValueError as exc:
                raise IndexUnusable(f"{self.path}: cannot write the index: {exc}") from exc
        return self._writer

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """See the latest commit (searches check for one themselves; this forces it)."""
        self._searcher(force=True)

    def _searcher(self, *, force: bool = False) -> tuple[tantivy.Searcher, int]:
        """A searcher on the latest commit, and the epoch it belongs to."""
        with self._lock:
            generation = _generation(self.path)
            if force or generation != self._generation:
                # A commit landing during the reload would leave the searcher newer than
                # the generation read before it: reload until meta.json stands still, so
                # the epoch's generation (which stamps the facet file) is the one searched.
                while True:
                    self._index.reload()
                    after = _generation(self.path)
                    if after == generation:
                        break
                    generation = after
                self._generation = generation
                self._epoch += 1
            return self._index.searcher(), self._epoch

    def _generation_of(self, epoch: int) -> object:
        """The commit an epoch's searcher shows (None for an epoch already replaced)."""
        with self._lock:
            return self._generation if epoch == self._epoch and epoch > 0 else None

    def count(self) -> int:
        return int(self._searcher()[0].num_docs)

    def ids(self) -> set[str]:
        """Every cable id in the index (live documents only: the filter skips deleted ones)."""
        searcher = self._searcher()[0]
        found = searcher.terms_with_prefix(f.ID, "", filter_query=tantivy.Query.all_query())
        return {term for term, _ in found}

    def origin_years(
        self, *, max_level: int | None = None, scope: SearchScope | None = None
    ) -> dict[str, tuple[int, int]]:
        """First and last year of each origin's cables that the reader may find."""
        where = IndexScope.of(scope, max_level)
        if where.level < 0 and not where.declassifies:
            return {}
        searcher = self._searcher()[0]
        return origin_spans(searcher, self._schema, where.visible(self._schema))

    def search(
        self,
        query: str | QueryNode,
        *,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 20,
        facets: bool = True,
        max_level: int | None = None,
        facet_size: int = 25,
        scope: SearchScope | None = None,
        facet_names: Sequence[str] | None = None,
    ) -> SearchResults:
        """Search as a reader: ``scope`` from ``access.Policy.search_scope`` (levels,
        caveats, declassification), or just ``max_level`` (None: no restriction; below 0:
        no level, so nothing is found). ``facet_names``: which facets to count (default
        ``facets.FACETS``; ``facets.OPTIONAL`` ones only when named).

        Raises QueryError for a malformed query and ValueError for a bad sort, page or facet.
        """
        started = time.perf_counter()
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        if page < 1 or per_page < 1:
            raise ValueError("page and per_page start at 1")
        names = names_of(facet_names)
        node = parse_query(query) if isinstance(query, str) else query
        where = IndexScope.of(scope, max_level)
        if where.level < 0 and not where.declassifies:  # cleared for nothing at all
            empty: dict[str, list[tuple[str, int]]] = {n: [] for n in names} if facets else {}
            return SearchResults(
                0, [], empty, (time.perf_counter() - started) * 1000, page, per_page
            )
        searcher, epoch = self._searcher()
        key = (where, node, sort, page, per_page, facets, facet_size, names)
        known = self.recent.get(epoch, key)
        if known is not None:
            took = (time.perf_counter() - started) * 1000
            return replace(known, hits=list(known.hits), facets=copy(known.facets), took_ms=took)
        compiled = compile_query(node, self._schema, searcher, where)
        counting = (  # facets on another core while the hits are collected
            _FACETS_ASIDE.submit(self._facets.count_eager, searcher, epoch, compiled,
                                 facet_size, names, node, _HEADERS_ASIDE)
            if facets and not isinstance(node, MatchAll | Not)
            else None
        )
        total, found = _top(searcher, compiled.query, sort, (page - 1) * per_page, per_page)
        snippets = Snippets(searcher, compiled.highlight, self._schema, where.snippet_fields())
        docs = self._with_texts([searcher.doc(address) for _, address in found])
        hits = [_hit(doc, score, snippets, where) for doc, (score, _) in zip(docs, found,
                                                                            strict=True)]
        if counting is not None:
            counts = counting.result()
        elif facets:  # everything, or all but some: the whole set's counts answer cheaply
            counts = self._facets.count_cached(searcher, epoch, compiled, total, facet_size,
                                               names, node)
        else:
            counts = {}
        took = (time.perf_counter() - started) * 1000
        self.recent.put(epoch, key, SearchResults(total, list(hits), copy(counts), took, page,
                                                  per_page))
        return SearchResults(total, hits, counts, took, page, per_page)

    def _with_texts(self, docs: list[tantivy.Document]) -> list[tantivy.Document]:
        """The hits' documents with their text fields, which tantivy does not store."""
        found = self._texts.get_many([str(doc.get_first(f.ID)) for doc in docs])
        for doc in docs:
            for name, values in found.get(str(doc.get_first(f.ID)), {}).items():
                for value in values:
                    doc.add_text(name, value)
        return docs


def _top(
    searcher: tantivy.Searcher, query: tantivy.Query, sort: str, offset: int, limit: int
) -> tuple[int, list[tuple[float | None, tantivy.DocAddress]]]:
    if offset >= searcher.num_docs:  # past the end: count only, never a huge top-k heap
        return _count(searcher.search(query, 1, count=True)), []
    if sort == "relevance":
        result = searcher.search(query, limit, count=True, offset=offset)
        return _count(result), [(float(score), addr) for score, addr in result.hits]
    order = tantivy.Order.Desc if sort == "-date" else tantivy.Order.Asc
    result = searcher.search(
        query, limit, count=True, order_by_field=f.CREATED, offset=offset, order=order
    )
    return _count(result), [(None, addr) for _, addr in result.hits]


def _count(result: tantivy.SearchResult) -> int:
    """The number of matches (``count`` exists at run time but is missing from the stubs)."""
    return int(cast(Any, result).count)


def _hit(doc: tantivy.Document, score: float | None, snippets: Snippets,
         where: IndexScope) -> Hit:
    classification = doc.get_first(f.CLASSIFICATION)
    level = doc.get_first(f.LEVEL)
    origin = doc.get_first(f.ORIGIN)
    subject = where.subject(doc)
    return Hit(
        cable_id=str(doc.get_first(f.ID)),
        score=score,
        created=doc.get_first(f.CREATED),
        origin=None if origin in (None, f.NONE) else str(origin),
        classification=None
        if classification in (None, f.NO_CLASSIFICATION)
        else Classification(classification),
        level=int(level) if level is not None else f.TOP,
        subject=subject,
        snippet=snippets.for_doc(where.shown(doc, snippets.fields)),
    )


def _generation(path: Path) -> tuple[int, int, int]:
    """Identifies the index's current commit: tantivy replaces meta.json on every commit."""
    try:
        stat = (path / "meta.json").stat()
    except FileNotFoundError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _usable(path: Path) -> bool:
    return (
        path.is_dir()
        and tantivy.Index.exists(str(path))
        and tantivy.Index.is_compatible(str(path))
        and meta.read_schema_version(path) == f.SCHEMA_VERSION
        and (path / texts.FILE).is_file()
    )


def _clear_directory(path: Path) -> None:
    """Remove an old index before recreating it, but never a folder that is not one."""
    if not path.exists():
        return
    if path.is_dir() and not any(path.iterdir()):
        return
    if not ((path / "meta.json").exists() or (path / meta.MARK).exists()):
        raise IndexUnusable(f"{path}: exists and is not a search index; refusing to replace it")
    shutil.rmtree(path)
