"""Facet counts over the matching set, exact, in one aggregation pass over fast fields.

Speed comes from two choices, measured on 251,287 synthetic cables:

- Every facet but tags reads a dense single-valued column (absent values are stored as a
  sentinel): tantivy aggregates those ~6x faster than optional or multi-valued ones. Caveats
  and reasons are aggregated as their sorted combination (``NOFORN|SIPDIS``), which has few
  distinct values, and split into single counts here.
- A query matching more than half of the visible cables is counted the other way round:
  the counts of everything visible (computed once per index generation, then cached) minus
  the counts of the visible cables the query does not match. A query for a common word then
  costs about as much as one for a word in half the cables.

Measured there, the multi-valued tags column is most of the cost (about 19 of 27 ms for a
word in 178k cables; each single-valued column 1-2 ms, months included), so years are
summed from the month counts rather than read from a column of their own, and counts of
recent queries are remembered: pages and sorts of one query share them.

For a restricted reader, tags, reasons and signers are header data: they are counted only over
cables whose whole level is visible (a filter sub-aggregation), so the counts reveal nothing
from a withheld header. Origin, date, classification and caveats are what a withheld
cable's placeholder shows anyway.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, Generic, TypeVar

import tantivy

from cablegram.files import replace_text
from cablegram.index import schema as f
from cablegram.index.compile import Compiled
from cablegram.index.selectivity import selective
from cablegram.model import Classification
from cablegram.query import QueryNode

FACETS = ("origin", "year", "month", "classification", "tags", "caveats", "reasons")
OPTIONAL = ("signers",)  # counted only when asked for (browse pages)
ALL_FACETS = FACETS + OPTIONAL
T = TypeVar("T")
REMEMBERED = 512  # facet counts of recent queries (pagination, re-sorting, reloads)
Counts = dict[str, Counter[str]]
Facets = dict[str, list[tuple[str, int]]]

_FIELD = {
    "origin": f.ORIGIN, "year": f.YEAR, "month": f.MONTH, "classification": f.CLASSIFICATION,
    "tags": f.TAGS, "caveats": f.CAVEAT_SET, "reasons": f.REASON_SET,
    "signers": f.SIGNER_SET,
}  # fmt: skip
_HEADER = ("tags", "reasons", "signers")
_TOPPED = ("origin", "tags", "signers")  # long facets: only the top ``size`` are returned
_SETS = ("caveats", "reasons", "signers")
_CHRONOLOGICAL = ("year", "month")
_COMPLETE = 10_000  # buckets per facet when every count is needed
_GATE = "header"
# Restricted readers, few matches: header facets by a second aggregation over the matches
# with a visible header (cost follows the matches) rather than a filter aggregation (cost
# follows the index). Beyond 1/_SPLIT_BELOW of the visible cables the filter is cheaper.
_SPLIT_BELOW = 20
_ABSENT = {"year": str(f.NO_YEAR), "classification": str(f.NO_CLASSIFICATION)}


class Remembered(Generic[T]):
    """The last ``size`` values computed on one epoch of the index (thread-safe): a value
    from an older epoch describes commits the searcher no longer shows, so none is kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple[int, Hashable], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, epoch: int, key: Hashable) -> T | None:
        with self._lock:
            value = self._values.get((epoch, key))
            if value is not None:
                self._values.move_to_end((epoch, key))
            return value

    def put(self, epoch: int, key: Hashable, value: T) -> None:
        if self.size <= 0:
            return
        with self._lock:
            for old in [k for k in self._values if k[0] != epoch]:
                del self._values[old]
            self._values[(epoch, key)] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)


class WholeSetFile:
    """The whole visible set's facet counts, kept beside the index for its current commit.

    Counting every cable is the one expensive step of a search (about 100 ms at Cablegate
    scale), and a fresh process (each ``cablegram search``, each server worker) would pay
    it again; stored under the commit it describes, the first process to count pays for
    all. A file from another commit is ignored and overwritten.
    """

    KEEP = 16  # reader scopes kept per commit

    def __init__(self, path: Path, generation_of: Callable[[int], object]) -> None:
        self.path = path
        self._generation_of = generation_of  # an epoch's commit: the file's stamp

    def load(self, scope: tuple[object, ...], epoch: int) -> tuple[int, Counts] | None:
        data = self._read(epoch)
        entry = data.get("entries", {}).get(_scope_text(scope)) if data else None
        if entry is None:
            return None
        return int(entry[0]), {k: Counter(v) for k, v in entry[1].items()}

    def save(self, scope: tuple[object, ...], value: tuple[int, Counts], epoch: int) -> None:
        stamp = self._stamp(epoch)
        if stamp is None:  # the searcher that counted is no longer current
            return
        data = self._read(epoch) or {"generation": stamp, "entries": {}}
        entries = data["entries"]
        entries[_scope_text(scope)] = [value[0], {k: dict(v) for k, v in value[1].items()}]
        while len(entries) > self.KEEP:
            entries.pop(next(iter(entries)))
        try:
            replace_text(self.path, json.dumps(data))
        except OSError:  # a read-only index still searches; it just counts every time
            return

    def _stamp(self, epoch: int) -> str | None:
        generation = self._generation_of(epoch)
        return None if generation is None else repr(generation)

    def _read(self, epoch: int) -> dict[str, Any] | None:
        stamp = self._stamp(epoch)
        if stamp is None:
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("generation") != stamp:
            return None
        return data


def _scope_text(scope: tuple[object, ...]) -> str:
    """A stable spelling of a scope key (sets sorted: their order varies by process)."""
    return json.dumps([sorted(map(str, p)) if isinstance(p, frozenset | set) else p
                       for p in scope])


def names_of(asked: Sequence[str] | None) -> tuple[str, ...]:
    """The facets to count, in their usual order; raises ValueError for an unknown one."""
    if asked is None:
        return FACETS
    unknown = set(asked) - set(ALL_FACETS)
    if unknown:
        raise ValueError(f"unknown facets: {', '.join(sorted(unknown))}")
    return tuple(name for name in ALL_FACETS if name in asked)


class FacetCounter:
    """Counts facets for the searches of one index; caches the whole visible set's counts
    per searcher epoch (a new epoch begins whenever the index reloads a new commit), and
    the facets of the last ``remember`` queries: they depend on neither page nor sort, so
    paging through results or re-sorting them counts nothing again."""

    def __init__(self, remember: int = REMEMBERED, disk: WholeSetFile | None = None) -> None:
        self._visible: dict[tuple[int, object], tuple[int, Counts]] = {}
        self.recent: Remembered[Facets] = Remembered(remember)
        self.disk = disk

    def count_cached(
        self,
        searcher: tantivy.Searcher,
        epoch: int,
        compiled: Compiled,
        matched: int,
        size: int,
        names: tuple[str, ...],
        query_key: Hashable,
    ) -> Facets:
        """``count``, remembered under ``query_key`` (the parsed query) for this epoch."""
        return self._remembered(
            epoch, (compiled.scope.key, query_key, size, names),
            lambda: self.count(searcher, epoch, compiled, matched, size,
                               compiled.scope.level, names),
        )

    def count_eager(
        self,
        searcher: tantivy.Searcher,
        epoch: int,
        compiled: Compiled,
        size: int,
        names: tuple[str, ...],
        node: QueryNode,
        aside: Executor | None = None,
    ) -> Facets:
        """The facets of ``compiled.query`` counted without knowing how many cables it
        matches, so that they can be counted on another thread while the top hits are
        collected (tantivy releases the GIL): a fresh search's latency becomes the longer
        of the two, not their sum. Always counted over the matches themselves (exact at
        any size), never through the whole set's counts: callers keep queries matching
        (nearly) everything on ``count_cached``. Remembered under the same key.

        For a restricted reader, header facets count only cables whose header the reader
        may see: see ``selectivity`` for the two ways. The second aggregation of a
        selective query runs on ``aside`` when given (never the executor this runs on,
        which could be full of callers waiting for it)."""
        def counted() -> Facets:
            gate = compiled.scope.header_filter()
            if gate is not None and compiled.header_query is not None \
                    and selective(node, searcher):
                counts = _split(searcher, compiled, size, names, aside)
            else:
                counts = _aggregated(searcher, compiled.query, size, names,
                                     _level(compiled.scope.level), gate)
            return present(counts, size, names)

        return self._remembered(epoch, (compiled.scope.key, node, size, names), counted)

    def _remembered(self, epoch: int, key: Hashable, count: Callable[[], Facets]) -> Facets:
        found = self.recent.get(epoch, key)
        if found is not None:
            return copy(found)
        facets = count()
        self.recent.put(epoch, key, copy(facets))
        return facets

    def count(
        self,
        searcher: tantivy.Searcher,
        epoch: int,
        compiled: Compiled,
        matched: int,
        size: int,
        max_level: int | None,
        names: tuple[str, ...] = FACETS,
    ) -> Facets:
        """Facets of the ``matched`` cables of ``compiled.query``, among the visible ones."""
        query, visible = compiled.query, compiled.visible
        level = _level(max_level)
        gate = compiled.scope.header_filter()  # the reader's visible headers (access)
        # How many cables the reader may see: all of them, or what the whole set's counts
        # say. Those counts are read (from memory, from disk, or counted) only when needed:
        # a fresh process such as each ``cablegram search`` would read ~250 KB of JSON.
        restricted = compiled.scope.restricted
        total = self._whole(searcher, epoch, compiled, level, gate)[0] if restricted \
            else searcher.num_docs
        if matched != total:
            if matched * _SPLIT_BELOW <= total and gate is not None \
                    and compiled.header_query is not None:
                return present(_split(searcher, compiled, size, names), size, names)
            if matched * 2 <= total:
                return present(_aggregated(searcher, query, size, names, level, gate), size,
                               names)
        total, everything = self._whole(searcher, epoch, compiled, level, gate)
        if matched == total:  # the query is within the visible set: here it is all of it
            return present(everything, size, names)
        others = visible.and_must_not_match(query)
        rest = _aggregated(searcher, others, None, names, level, gate)
        return present({name: everything[name] - rest[name] for name in names}, size, names)

    def _whole(self, searcher: tantivy.Searcher, epoch: int, compiled: Compiled, level: int,
               gate: str | None) -> tuple[int, Counts]:
        """The whole visible set's total and counts, every facet: kept per epoch and scope,
        and on disk per commit."""
        key = (epoch, compiled.scope.key)
        cached = self._visible.get(key)
        if cached is not None:
            return cached
        cached = self.disk.load(compiled.scope.key, epoch) if self.disk is not None else None
        if cached is None:
            whole = searcher.aggregate(compiled.visible, spec(None, level, gate, ALL_FACETS))
            cached = (_total(whole), read(whole, ALL_FACETS))
            if self.disk is not None:
                self.disk.save(compiled.scope.key, cached, epoch)
        stale = [k for k in self._visible if k[0] != epoch or len(self._visible) > 64]
        for old in stale:
            self._visible.pop(old, None)
        self._visible[key] = cached
        return cached


def _split(searcher: tantivy.Searcher, compiled: Compiled, size: int,
           names: tuple[str, ...], aside: Executor | None = None) -> Counts:
    """Counts for a restricted reader's small match set: header facets over the matches
    whose header is visible (``compiled.header_query``, driven by the matches' own
    postings) rather than through a filter aggregation, which would evaluate the header
    filter over the whole index on every search."""
    plain = tuple(n for n in names if n not in _HEADER)
    heads = tuple(n for n in names if n in _HEADER)
    counts: Counts = {}
    header_query = compiled.header_query if heads else None
    side = None
    if header_query is not None and aside is not None:
        side = aside.submit(_aggregated, searcher, header_query, size, heads)
    if plain:
        counts.update(_aggregated(searcher, compiled.query, size, plain))
    if side is not None:
        counts.update(side.result())
    elif header_query is not None:
        counts.update(_aggregated(searcher, header_query, size, heads))
    return counts


def _aggregated(searcher: tantivy.Searcher, query: tantivy.Query, size: int | None,
                names: tuple[str, ...], level: int = f.TOP, gate: str | None = None) -> Counts:
    """``names`` counted over ``query`` in one aggregation (header facets behind ``gate``,
    see ``spec``)."""
    return read(searcher.aggregate(query, spec(size, level, gate, names)), names)


def _level(max_level: int | None) -> int:
    return f.TOP if max_level is None else min(max_level, f.TOP)


def spec(
    size: int | None, level: int, gate: str | None = None, names: Sequence[str] = FACETS
) -> dict[str, Any]:
    """The aggregation request: the top ``size`` of long facets, or every bucket (None)."""
    aggs: dict[str, Any] = {}
    for name in names:
        if name == "year" and "month" in names:
            continue  # summed from the months (``read``): one column fewer to scan
        terms: dict[str, Any] = {"field": _FIELD[name], "size": _COMPLETE}
        if size is not None and name in _TOPPED:
            # Exact top ``size``: every segment reports all its buckets before the merge.
            terms.update(size=size, segment_size=_COMPLETE)
        aggs[name] = {"terms": terms}
    if gate is None and level < f.TOP:
        gate = f"{f.LEVEL}:[0 TO {level}]"
    if gate is not None:  # header facets: only cables whose header the reader may see
        gated = {name: aggs.pop(name) for name in _HEADER if name in aggs}
        if gated:
            aggs[_GATE] = {"filter": gate, "aggs": gated}
    return aggs


def read(result: dict[str, Any], names: Sequence[str] = FACETS) -> Counts:
    """Aggregation buckets as counters: gate opened, combinations split, sentinels dropped."""
    merged = dict(result)
    merged.update(merged.pop(_GATE, {}))
    counts: Counts = {}
    for name in names:
        if name == "year" and "month" in names:
            continue
        counter: Counter[str] = Counter()
        absent = _ABSENT.get(name, f.NONE)
        for bucket in merged[name]["buckets"]:
            key = _key(bucket["key"])
            if key == absent:
                continue
            values = key.split(f.SET_SEPARATOR) if name in _SETS else (key,)
            for value in values:
                counter[value] += int(bucket["doc_count"])
        counts[name] = counter
    if "year" in names and "month" in names:
        years: Counter[str] = Counter()
        for month, n in counts["month"].items():  # "2005-11": the date's year and month
            years[str(int(month[:4]))] += n
        counts["year"] = years
    return counts


def present(counts: Counts, size: int, names: Sequence[str] = FACETS) -> Facets:
    """Most frequent first (the top ``size`` of long facets); years and months in time
    order; classification from the lowest level to the highest, by label."""
    facets: Facets = {}
    for name in names:
        items = [(k, n) for k, n in counts[name].items() if n > 0]
        if name == "classification":
            items.sort(key=lambda item: int(item[0]))
            facets[name] = [(Classification(int(k)).label, n) for k, n in items]
        elif name in _CHRONOLOGICAL:
            facets[name] = sorted(items)
        else:
            items.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = items[:size] if name in _TOPPED else items
    return facets


def origin_spans(
    searcher: tantivy.Searcher, schema: tantivy.Schema, visible: tantivy.Query
) -> dict[str, tuple[int, int]]:
    """First and last year of each origin's visible cables, in one aggregation pass (a
    date-sorted search per origin costs hundreds of searches on a large archive)."""
    dated = tantivy.Query.range_query(
        schema, f.YEAR, tantivy.FieldType.Unsigned, f.NO_YEAR + 1, 9999
    )
    query = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, visible), (tantivy.Occur.Must, dated)]
    )
    years = {"first": {"min": {"field": f.YEAR}}, "last": {"max": {"field": f.YEAR}}}
    request = {"origin": {"terms": {"field": f.ORIGIN, "size": _COMPLETE}, "aggs": years}}
    spans: dict[str, tuple[int, int]] = {}
    for bucket in searcher.aggregate(query, request)["origin"]["buckets"]:
        origin = _key(bucket["key"])
        first, last = bucket["first"]["value"], bucket["last"]["value"]
        if origin != f.NONE and first is not None and last is not None:
            spans[origin] = (int(first), int(last))
    return spans


def _total(result: dict[str, Any]) -> int:
    """Every document has one classification value (a sentinel if unknown): their sum."""
    return sum(int(bucket["doc_count"]) for bucket in result["classification"]["buckets"])


def copy(facets: Facets) -> Facets:
    """A caller may change the lists it gets; the remembered ones must not change."""
    return {name: list(buckets) for name, buckets in facets.items()}


def _key(key: object) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
