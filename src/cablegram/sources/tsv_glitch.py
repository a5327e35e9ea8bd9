"""Cable pages whose content block holds MySQL-escaped text instead of the cable.

Two glitches of the 2011 site, both with every line ending in a literal backslash:

* the embedded-TSV row (60 of the corpus' 6,717 pages, 23 of them led by a row id):
  ``[row-id<TAB>]date<TAB>id<TAB>origin<TAB>class<TAB>refs<TAB>header<TAB>content``,
  sometimes followed by rows of other cables, twice with its start doubled; its date keeps
  the true minutes the page's Created field lost, and its references column is the only
  one a page ever shows;
* the same row with its start cut off (``SECRET<TAB><TAB>VZCZC...``), or escaped text
  with no row around it.

Both are decoded here so that the HTML and JSON Lines readers yield the same record for the
same page; what the page showed is kept by the callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from cablegram.sources import dates
from cablegram.sources.mysql import unescape

_ROW_START_RE = r"(?:\d+\t)?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t"
_ROW_START = re.compile(_ROW_START_RE)
_DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\Z")
_ID = re.compile(r"\d{2,4}[A-Z][A-Z0-9]*\d+[a-z_]*\Z")
# A newline ends a row only before the next row: the TAGS line lost its escaping backslash
# when the site rebuilt it as links, so unescaped newlines also occur inside the content.
_FIELD = re.compile(rf"((?:[^\\\t\n]+|\\.|\\\Z|\n(?!{_ROW_START_RE}))*)(\t|\n|\Z)", re.S)
_ESCAPED_SHARE = 0.8
_NAMES = ("date", "reference_id", "origin", "classification", "references", "header", "content")
_ROW_FIELDS = len(_NAMES)
_MAX_LEAD = 5  # fields a row's date may follow: "id date id date REF-ID" occurs


@dataclass(frozen=True, slots=True)
class Decoded:
    """What the escaped block says. ``header`` None: keep the page's own header block."""

    content: str
    header: str | None = None
    reference_id: str | None = None
    created: datetime | None = None
    origin: str | None = None
    classification: str | None = None
    references: tuple[str, ...] | None = None
    extra: dict[str, str] = field(default_factory=dict)


def decode(content: str, page_id: str | None) -> Decoded | None:
    """The decoded block, or None when ``content`` is ordinary cable text."""
    if _ROW_START.match(content):
        decoded = _embedded(content, page_id)
        if decoded is not None:
            return decoded
    if _escaped(content):
        if "\t" in content:
            return _cut_row(split_rows(content)[0])
        return Decoded(content=unescape(content), extra={"glitch": "mysql-escaped"})
    return None


def _escaped(content: str) -> bool:
    if "\\\n" not in content:
        return False
    lines = content.split("\n")
    if len(lines) < 3:
        return False
    ending = sum(1 for line in lines if line.endswith("\\"))
    return ending >= _ESCAPED_SHARE * len(lines)


def split_rows(text: str) -> list[list[str]]:
    """Rows of still-escaped fields: unescaped tabs end fields, a newline before a row rows."""
    rows: list[list[str]] = [[]]
    pos = 0
    while True:
        m = _FIELD.match(text, pos)
        if m is None:  # pragma: no cover - the pattern matches at every position
            break
        rows[-1].append(m.group(1))
        sep = m.group(2)
        if not sep:
            break
        if sep == "\n":
            rows.append([])
        pos = m.end()
    return [row for row in rows if row != [""]]


def _start(row: list[str]) -> int | None:
    """Index of the date field: after an optional row id; the two may come twice."""
    for i in range(min(_MAX_LEAD, len(row) - 1)):
        if _DATE.match(row[i]) and _ID.match(row[i + 1]):
            return i
    return None


def _cut_row(row: list[str]) -> Decoded:
    """A row missing its first fields: the ones present are the last ones of a row."""
    values = [unescape(v) for v in row[-_ROW_FIELDS:]]
    named = dict(zip(_NAMES[-len(values) :], values, strict=True))
    refs = named.get("references")
    return Decoded(
        content=named["content"],
        header=named.get("header"),
        reference_id=named.get("reference_id") or None,
        created=dates.iso_date(named.get("date", "")),
        origin=named.get("origin") or None,
        classification=named.get("classification") or None,
        references=None if refs is None else tuple(r for r in refs.split("|") if r),
        extra={"glitch": "embedded-tsv-row-cut", "tsv_fields": str(len(values))},
    )


def _embedded(content: str, page_id: str | None) -> Decoded | None:
    rows = [(row, _start(row)) for row in split_rows(content)]
    usable = [(row, i) for row, i in rows if i is not None]
    if not usable:
        return None
    mine = next((ri for ri in usable if ri[0][ri[1] + 1] == page_id), usable[0])
    row, i = mine
    values = row[i : i + _ROW_FIELDS]
    if len(values) < _ROW_FIELDS:
        return None
    date_raw, ref_id, origin, classification, refs, header, body = values
    extra = {"glitch": "embedded-tsv-row", "tsv_date": date_raw}
    if i > 0 and row[0].isdigit():
        extra["tsv_row_id"] = row[0]
    trailing = len(row) - i - _ROW_FIELDS
    if trailing:
        extra["tsv_trailing_fields"] = str(trailing)
    others = [r[j + 1] for r, j in usable if r is not row]
    if others:
        extra["tsv_other_ids"] = " ".join(others)
    return Decoded(
        content=unescape(body),
        header=unescape(header),
        reference_id=ref_id,
        created=dates.iso_date(date_raw),
        origin=unescape(origin) or None,
        classification=unescape(classification) or None,
        references=tuple(r for r in unescape(refs).split("|") if r),
        extra=extra,
    )
