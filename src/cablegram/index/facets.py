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

For a restricted reader, tags and reasons are header data: they are counted only over
cables whose whole level is visible (a filter sub-aggregation), so the counts reveal nothing
from a withheld header. Origin, date, classification and caveats are what a withheld
cable's placeholder shows anyway.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import tantivy

from cablegram.index import schema as f
from cablegram.index.compile import Compiled
from cablegram.model import Classification

FACETS = ("origin", "year", "month", "classification", "tags", "caveats", "reasons")
Counts = dict[str, Counter[str]]
Facets = dict[str, list[tuple[str, int]]]

_FIELD = {
    "origin": f.ORIGIN, "year": f.YEAR, "month": f.MONTH, "classification": f.CLASSIFICATION,
    "tags": f.TAGS, "caveats": f.CAVEAT_SET, "reasons": f.REASON_SET,
}  # fmt: skip
_HEADER = ("tags", "reasons")
_TOPPED = ("origin", "tags")  # long facets: only the top ``size`` are returned
_SETS = ("caveats", "reasons")
_CHRONOLOGICAL = ("year", "month")
_COMPLETE = 10_000  # buckets per facet when every count is needed
_GATE = "header"
_ABSENT = {"year": str(f.NO_YEAR), "classification": str(f.NO_CLASSIFICATION)}


class FacetCounter:
    """Counts facets for the searches of one index; caches the whole visible set's counts
    per searcher epoch (a new epoch begins whenever the index reloads a new commit)."""

    def __init__(self) -> None:
        self._visible: dict[tuple[int, int], tuple[int, Counts]] = {}

    def count(
        self,
        searcher: tantivy.Searcher,
        epoch: int,
        compiled: Compiled,
        matched: int,
        size: int,
        max_level: int | None,
    ) -> Facets:
        """Facets of the ``matched`` cables of ``compiled.query``, among the visible ones."""
        query, visible = compiled.query, compiled.visible
        level = f.TOP if max_level is None else min(max_level, f.TOP)
        key = (epoch, level)
        cached = self._visible.get(key)
        if cached is None:
            whole = searcher.aggregate(visible, spec(None, level))
            cached = (_total(whole), read(whole))
            stale = [k for k in self._visible if k[0] != epoch]
            for old in stale:
                self._visible.pop(old, None)
            self._visible[key] = cached
        total, everything = cached
        if matched == total:  # the query is within the visible set: here it is all of it
            return present(everything, size)
        if matched * 2 <= total:
            return present(read(searcher.aggregate(query, spec(size, level))), size)
        rest = read(searcher.aggregate(visible.and_must_not_match(query), spec(None, level)))
        return present({name: everything[name] - rest[name] for name in FACETS}, size)


def spec(size: int | None, level: int) -> dict[str, Any]:
    """The aggregation request: the top ``size`` of long facets, or every bucket (None)."""
    aggs: dict[str, Any] = {}
    for name in FACETS:
        terms: dict[str, Any] = {"field": _FIELD[name], "size": _COMPLETE}
        if size is not None and name in _TOPPED:
            # Exact top ``size``: every segment reports all its buckets before the merge.
            terms.update(size=size, segment_size=_COMPLETE)
        aggs[name] = {"terms": terms}
    if level < f.TOP:
        gated = {name: aggs.pop(name) for name in _HEADER}
        aggs[_GATE] = {"filter": f"{f.LEVEL}:[0 TO {level}]", "aggs": gated}
    return aggs


def read(result: dict[str, Any]) -> Counts:
    """Aggregation buckets as counters: gate opened, combinations split, sentinels dropped."""
    merged = dict(result)
    merged.update(merged.pop(_GATE, {}))
    counts: Counts = {}
    for name in FACETS:
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
    return counts


def present(counts: Counts, size: int) -> Facets:
    """Most frequent first (the top ``size`` of long facets); years and months in time
    order; classification from the lowest level to the highest, by label."""
    facets: Facets = {}
    for name in FACETS:
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


def _total(result: dict[str, Any]) -> int:
    """Every document has one classification value (a sentinel if unknown): their sum."""
    return sum(int(bucket["doc_count"]) for bucket in result["classification"]["buckets"])


def _key(key: object) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
