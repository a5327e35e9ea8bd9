"""Search results turned into what the search page shows: hits, facet links, histogram, pager.

Every link here is a complete URL (the page state is the URL), so the page works the same
with JavaScript off, and htmx only swaps the part that changed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from cablegram.index.results import Hit, SearchResults
from cablegram.model import Classification
from cablegram.refdata import tag_info
from cablegram.web import refinfo, textfmt
from cablegram.web.presenters import Badge, cable_href, filter_value, level_badge
from cablegram.web.querystate import MAX_RESULTS_DEEP, QueryEditor, SearchState

# Sidebar order, and how a bucket becomes a filter the query language reads.
FACET_TITLES = {
    "classification": "Classification",
    "origin": "Origin",
    "tags": "Tags",
    "caveats": "Caveats",
    "reasons": "Reasons",
    "year": "Year",
}
_FIELD = {"origin": "origin", "tags": "tag", "caveats": "caveat", "reasons": "reason",
          "year": "year", "signers": "signer"}
_LEVEL_WORD = {
    Classification.UNCLASSIFIED: "unclassified", Classification.SBU: "sbu",
    Classification.CONFIDENTIAL: "confidential", Classification.SECRET: "secret",
    Classification.TOP_SECRET: "ts",
}  # fmt: skip
_BY_LABEL = {c.label: c for c in Classification}
MONTHLY_LIMIT = 180  # above this many months the histogram shows years
FACET_SHOWN = 12


@dataclass(frozen=True, slots=True)
class FacetLink:
    label: str
    count: str
    href: str
    active: bool
    title: str | None


@dataclass(frozen=True, slots=True)
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]
    more: list[FacetLink]  # shown behind a "more" disclosure


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    x: int
    height: float
    href: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Histogram:
    bars: list[Bar]
    width: int
    height: int
    first: str
    last: str
    unit: str  # "month" or "year"
    base_q: str  # the query without its date filters, for the brush


@dataclass(frozen=True, slots=True)
class HitView:
    cable_id: str
    href: str
    subject: str
    date: str
    date_iso: str
    origin: str | None
    badge: Badge
    snippet: list[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class PageLink:
    label: str
    href: str | None  # None: the current page or a gap
    current: bool = False


def clause(facet: str, value: str) -> str | None:
    """The ``field:value`` a facet bucket filters on; None for one that cannot be written."""
    if facet == "classification":
        level = _BY_LABEL.get(value)
        return f"class:{_LEVEL_WORD[level]}" if level is not None else None
    field = _FIELD.get(facet)
    if field is None or '"' in value or not value.strip():
        return None
    return f"{field}:{filter_value(value)}"


def facet_groups(state: SearchState, results: SearchResults) -> list[FacetGroup]:
    groups: list[FacetGroup] = []
    editor = QueryEditor(state.q)
    for name, title in FACET_TITLES.items():
        buckets = results.facets.get(name, [])
        if name == "year":
            buckets = sorted(buckets, reverse=True)
        links = [link for value, n in buckets
                 if (link := _link(state, editor, name, value, n))]
        if links:
            groups.append(FacetGroup(name, title, links[:FACET_SHOWN], links[FACET_SHOWN:]))
    return groups


def _link(state: SearchState, editor: QueryEditor, facet: str, value: str,
          n: int) -> FacetLink | None:
    text = clause(facet, value)
    if text is None:
        return None
    q, active = editor.toggle(text)
    if facet == "year" and not active:
        q = editor.with_dates(text)
    return FacetLink(value, textfmt.count(n), state.query_url(q), active,
                     _title(facet, value))


def _title(facet: str, value: str) -> str | None:
    if facet == "tags":
        info = tag_info(value)
        return info.definition if info else None
    if facet == "caveats":
        return refinfo.caveat(value)
    if facet == "reasons":
        return refinfo.reason(value).meaning
    if facet == "classification" and value in _BY_LABEL:
        return refinfo.level_style(_BY_LABEL[value]).meaning
    return None


def histogram(state: SearchState, facets: dict[str, list[tuple[str, int]]],
              height: int = 60) -> Histogram | None:
    """Bars of matches per month, or per year over long spans, from the date facets."""
    months = facets.get("month", [])
    if not months:
        return None
    first, last = _month(months[0][0]), _month(months[-1][0])
    if first is None or last is None:
        return None
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MONTHLY_LIMIT:
        return _yearly(state, facets, height)
    counts = dict(months)
    keys = [_month_key(first[0], first[1] + i) for i in range(span)]
    buckets = [(month_name(k), counts.get(k, 0), k, k) for k in keys]
    return _bars(state, buckets, height, "month")


def _yearly(state: SearchState, facets: dict[str, list[tuple[str, int]]],
            height: int) -> Histogram | None:
    years = [(int(y), n) for y, n in facets.get("year", []) if y.isdigit()]
    if not years:
        return None
    counts = dict(years)
    lo, hi = years[0][0], years[-1][0]
    buckets = [(str(y), counts.get(y, 0), str(y), str(y)) for y in range(lo, hi + 1)]
    return _bars(state, buckets, height, "year")


def _bars(state: SearchState, buckets: list[tuple[str, int, str, str]], height: int,
          unit: str) -> Histogram:
    top = max((n for _, n, _, _ in buckets), default=0) or 1
    editor = QueryEditor(state.q)
    base = editor.without_dates()
    bars = []
    for i, (label, n, start, end) in enumerate(buckets):
        q = editor.with_dates(f"from:{start} to:{end}")
        bars.append(Bar(label, n, i * 10, round(height * n / top, 1) if n else 0.0,
                        state.query_url(q), start, end))
    return Histogram(bars, len(bars) * 10, height, buckets[0][2], buckets[-1][3], unit, base)


def _month(key: str) -> tuple[int, int] | None:
    try:
        year, month = key.split("-")
        return int(year), int(month)
    except ValueError:
        return None


def _month_key(year: int, month: int) -> str:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


def hits(results: SearchResults) -> list[HitView]:
    return [_hit(h) for h in results.hits]


def _hit(hit: Hit) -> HitView:
    return HitView(
        cable_id=hit.cable_id,
        href=cable_href(hit.cable_id),
        subject=hit.subject or "(no subject)",
        date=textfmt.day(hit.created),
        date_iso=textfmt.iso(hit.created),
        origin=hit.origin,
        badge=level_badge(hit.classification),
        snippet=[(f.text, f.highlighted) for f in hit.snippet],
    )


def pager(state: SearchState, total: int) -> list[PageLink]:
    last = max(1, min(-(-total // state.per_page), MAX_RESULTS_DEEP // state.per_page))
    if last == 1:
        return []
    shown = sorted({1, last, *range(max(1, state.page - 2), min(last, state.page + 2) + 1)})
    links: list[PageLink] = []
    if state.page > 1:
        links.append(PageLink("‹ Previous", state.url(page=state.page - 1)))
    prev = 0
    for n in shown:
        if n - prev > 1:
            links.append(PageLink("…", None))
        links.append(PageLink(str(n), None if n == state.page else state.url(page=n),
                              n == state.page))
        prev = n
    if state.page < last:
        links.append(PageLink("Next ›", state.url(page=state.page + 1)))
    return links


def month_name(key: str) -> str:
    parsed = _month(key)
    return f"{calendar.month_abbr[parsed[1]]} {parsed[0]}" if parsed else key

