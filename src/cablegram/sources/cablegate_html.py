"""WikiLeaks cable pages (2010-2011 site and its mirrors), and bare ``<pre>`` extracts.

Regexes, not an HTML parser: the pages come from one generator, the interesting parts are a
five-cell table and two ``<pre>`` blocks, and a page is ~65 KB of navigation around them;
html.parser alone, with no handlers, measured 25-45x slower than this whole reader. Only
``<a>`` tags occur in the blocks: the ``¶`` paragraph anchors (dropped) and the TAGS links
(kept as their text). The classification link's ``title=`` attribute is wrong on many
pages; the shown text wins.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime

from cablegram.sources import dates, page
from cablegram.sources.names import id_from_name
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input, decode

FORMAT = "cablegate-html"

_TITLE = re.compile(rb"<h3>\s*Viewing cable\s+[^,<]*?\s*,\s*(.*?)\s*</h3>", re.S | re.I)
_TABLE = re.compile(rb"<table\s+class=['\"]cable['\"]\s*>", re.I)
_TABLE_END = re.compile(rb"</table\s*>", re.I)
_PRE = re.compile(rb"<pre\b[^>]*>", re.I)
_PRE_END = re.compile(rb"</pre\s*>", re.I)
_CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S | re.I)
_PAR_ANCHOR = re.compile(
    r"<a\s[^>]*?\bid=['\"]?par[^>]*>\s*(?:¶|&para;|&#182;|&#x0*b6;)\s*</a>", re.I
)
_INLINE_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|span|font|mark|code)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_LINK_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S | re.I)
_FULL_PAGE = re.compile(rb"<html|<body", re.I)
_METADATA = ("reference_id", "created", "released", "classification", "origin")
_UTF8 = ("utf-8", "utf-8-sig")


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    data = src.stream.read()
    try:
        record = parse_page(data, src.name)
    except SourceError as err:
        err.raw = data
        on_error(err)
        return
    yield record


def parse_page(data: bytes, location: str) -> SourceRecord:
    """A page's record; raises SourceError for a page without its table or blocks.

    The page is searched as bytes and only the pieces are decoded: pages hold non-ASCII
    characters, which makes every regex over a decoded page several times slower.
    """
    extra: dict[str, str] = {}
    table = _TABLE.search(data)
    if table is None:
        if _FULL_PAGE.search(data, 0, 4096):
            raise SourceError(f"{location}:1", "no <table class='cable'> metadata table")
        return _fragment(data, location, extra)
    line = data.count(b"\n", 0, table.start()) + 1
    table_end = _TABLE_END.search(data, table.end())
    if table_end is None:
        raise SourceError(f"{location}:{line}", "metadata table is not closed")
    table_html = _text(data[table.end() : table_end.start()], extra)
    cells = [_cell_text(c) for c in _CELL.findall(table_html)]
    if len(cells) < len(_METADATA):
        raise SourceError(
            f"{location}:{line}", f"metadata table has {len(cells)} cells, expected 5"
        )
    blocks = [clean_pre(_text(b, extra)) for b in _pre_blocks(data, table_end.end())]
    if not blocks:
        raise SourceError(f"{location}:{line}", "no <pre> block after the metadata table")
    meta = dict(zip(_METADATA, cells, strict=False))
    fields = page.PageFields(
        location=location,
        format=FORMAT,
        content=blocks[-1],
        header=blocks[0] if len(blocks) > 1 else None,
        reference_id=meta["reference_id"] or None,
        created=_date(meta["created"], "created", extra),
        released=_date(meta["released"], "released", extra),
        origin=meta["origin"] or None,
        classification=meta["classification"] or None,
        extra=extra,
    )
    _title(data, table.start(), extra)
    _articles(table_html, extra)
    if len(blocks) > 2:
        extra["extra_pre_blocks"] = str(len(blocks) - 2)
    return page.record(fields)


def _pre_blocks(data: bytes, pos: int) -> list[bytes]:
    blocks: list[bytes] = []
    while (opening := _PRE.search(data, pos)) is not None:
        closing = _PRE_END.search(data, opening.end())
        if closing is None:
            blocks.append(data[opening.end() :])
            break
        blocks.append(data[opening.end() : closing.start()])
        pos = closing.end()
    return blocks


def _text(piece: bytes, extra: dict[str, str]) -> str:
    text, encoding = decode(piece)
    if encoding not in _UTF8:
        extra["encoding"] = encoding
    return text


def clean_pre(block: str) -> str:
    """A ``<pre>`` block as text: anchors dropped, links to their text, entities decoded."""
    return html.unescape(_INLINE_TAG.sub("", _PAR_ANCHOR.sub("", block)))


def _cell_text(cell: str) -> str:
    return html.unescape(_ANY_TAG.sub("", cell)).strip()


def _date(value: str, name: str, extra: dict[str, str]) -> datetime | None:
    when = dates.iso_date(value)
    if when is None and value:
        extra[f"{name}_raw"] = value
    return when


def _title(data: bytes, table_start: int, extra: dict[str, str]) -> None:
    at = data.rfind(b"Viewing cable", 0, table_start)
    opening = data.rfind(b"<h3", 0, at) if at >= 0 else -1
    title = _TITLE.match(data, opening) if opening >= 0 else None
    if title is not None:
        heading = html.unescape(_ANY_TAG.sub("", _text(title.group(1), extra))).strip()
        if heading:
            extra["title"] = heading


def _articles(table: str, extra: dict[str, str]) -> None:
    marker = table.find("Appears in these articles")
    if marker >= 0:
        links = [html.unescape(t).strip() for t in _LINK_TEXT.findall(table, marker)]
        extra["articles"] = json.dumps([link for link in links if link])


def _fragment(data: bytes, location: str, extra: dict[str, str]) -> SourceRecord:
    """A bare ``<code><pre>`` extract (content-only collections): the id from the name."""
    blocks = [clean_pre(_text(b, extra)) for b in _pre_blocks(data, 0)]
    if not blocks:
        raise SourceError(f"{location}:1", "no <pre> block and no cable metadata table")
    fields = page.PageFields(
        location=location,
        format=FORMAT,
        content=blocks[-1],
        header=blocks[0] if len(blocks) > 1 else None,
        reference_id=id_from_name(location),
        extra={**extra, "fragment": "pre"},
    )
    return page.record(fields)
