"""Browse lists (tags by kind, origins, years and months, markings) from whole-archive facets.

The lists come from the search index's facet counts rather than from SQL, so that a policy
in the reader view that filters facets also filters what browsing shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cablegram import ids
from cablegram.model import Classification, TagKind
from cablegram.refdata import tag_info
from cablegram.web import refinfo
from cablegram.web.presenters import search_href, tag_href
from cablegram.web.reader import Overview
from cablegram.web.searchview import clause, month_name

KIND_TITLES = {
    TagKind.GEOGRAPHIC.value: "Geographic (countries and regions)",
    TagKind.SUBJECT.value: "Subjects",
    TagKind.PROGRAM.value: "Programs and themes",
    TagKind.ORGANISATION.value: "Organisations",
    TagKind.PERSON.value: "People",
    TagKind.UNKNOWN.value: "Not in the TAGS reference table",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a browse list."""

    label: str
    href: str
    count: int
    meaning: str | None = None
    detail: str | None = None
    css: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    entries: list[Entry]
    anchor: str = ""


def tag_sections(view: Overview) -> list[Section]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for code, n in view.facets.get("tags", []):
        info = tag_info(code)
        kind = info.kind.value if info else TagKind.UNKNOWN.value
        groups[kind].append(Entry(code, tag_href(code), n, info.definition if info else None))
    return [
        Section(title, sorted(groups[kind], key=lambda e: e.label), kind)
        for kind, title in KIND_TITLES.items()
        if groups.get(kind)
    ]


def origins(view: Overview, spans: dict[str, tuple[int, int]]) -> list[Entry]:
    entries = []
    for origin, n in view.facets.get("origin", []):
        text = clause("origin", origin)
        if text is None:
            continue
        span = spans.get(origin)
        years = (f"{span[0]}" if span[0] == span[1] else f"{span[0]}–{span[1]}") if span else None
        entries.append(Entry(origin, search_href(text), n, ids.post_name(origin), years))
    return sorted(entries, key=lambda e: e.label)


def years(view: Overview) -> list[Section]:
    """One section per year, its months as entries (only months that have cables)."""
    months: dict[str, list[Entry]] = defaultdict(list)
    for key, n in view.facets.get("month", []):
        months[key[:4]].append(
            Entry(month_name(key), search_href(f"from:{key} to:{key}"), n))
    sections = []
    for year, n in sorted(view.facets.get("year", []), reverse=True):
        head = Entry(year, search_href(f"year:{year}"), n)
        sections.append(Section(year, [head, *months.get(year, [])], f"y{year}"))
    return sections


def classifications(view: Overview) -> list[Entry]:
    by_label = {c.label: c for c in Classification}
    entries = []
    for label, n in view.facets.get("classification", []):
        level = by_label.get(label)
        style = refinfo.level_style(level)
        text = clause("classification", label)
        if text is not None:
            entries.append(Entry(label, search_href(text), n, style.meaning, None,
                                 f"cls-{style.css}"))
    return entries


def marks(view: Overview, facet: str) -> list[Entry]:
    """Caveats, reasons or signers, with what each means where it has a meaning."""
    entries = []
    for value, n in view.facets.get(facet, []):
        text = clause(facet, value)
        if text is None:
            continue
        meaning = (refinfo.caveat(value) if facet == "caveats"
                   else refinfo.reason(value).meaning if facet == "reasons" else None)
        entries.append(Entry(value, search_href(text), n, meaning))
    return entries
