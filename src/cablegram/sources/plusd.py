"""WikiLeaks PlusD pages (``/plusd/cables/1974ATHENS02959_b.html``).

A page has a synopsis table of ``s_key``/``s_val`` pairs, a "Content" pane that splits the
text into a header and a body, a "Raw content" pane with the whole text, and a "Metadata"
pane holding the NARA AAD attribute record. The raw pane is the text to parse (it already
starts with the header); references come from the AAD "Reference" attribute, the only
place PlusD states them in the cable's own terms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from cablegram.sources import aad, dates
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input, decode

FORMAT = "plusd"
_PAIR = re.compile(
    r'<div class="s_key">(.*?)</div>\s*<div class="s_val"[^>]*>(.*?)</div>', re.S | re.I
)
_TITLE = re.compile(r'<table id="synopsis">\s*<tr[^>]*>\s*<td[^>]*>(.*?)</td>', re.S | re.I)
_TEXT_HEADER = re.compile(r'<div class="text-header[^"]*">(.*?)</div>', re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_SUFFIX = re.compile(r"_[a-z]\Z")
_MAPPED = {"Date", "Canonical ID", "Original Classification", "From"}


def _pane(name: str) -> re.Pattern[str]:
    return re.compile(
        rf'<div class="pane-header">\s*{name}\s*</div>\s*<div class="pane-content">\s*'
        r'<div class="text-content">(.*?)</div>',
        re.S | re.I,
    )


_RAW = _pane("Raw content")
_METADATA = _pane("Metadata")


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    data = src.stream.read()
    text, encoding = decode(data)
    try:
        record = parse_page(text, src.name, encoding)
    except SourceError as err:
        err.raw = data
        on_error(err)
        return
    yield record


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def parse_page(text: str, location: str, encoding: str = "utf-8") -> SourceRecord:
    """A PlusD page's record; raises SourceError when its synopsis or raw text is missing."""
    synopsis = {
        _text(k).strip().removesuffix(":").strip(): _text(v).strip() for k, v in _PAIR.findall(text)
    }
    raw = _RAW.search(text)
    if not synopsis or raw is None:
        missing = "synopsis (s_key/s_val)" if not synopsis else "'Raw content' pane"
        raise SourceError(f"{location}:1", f"PlusD page without its {missing}")
    content = _text(raw.group(1))
    extra = {aad.snake(k): v for k, v in synopsis.items() if k not in _MAPPED}
    canonical = synopsis.get("Canonical ID", "")
    if canonical:
        extra["plusd_canonical_id"] = canonical
    date_raw = synopsis.get("Date", "")
    if date_raw:
        extra["date_raw"] = date_raw
    attrs: dict[str, str] = {}
    metadata = _METADATA.search(text)
    if metadata is not None:
        extra["metadata_raw"] = _text(metadata.group(1))
        attrs = aad.parse_attributes(extra["metadata_raw"])
    title = _TITLE.search(text)
    if title is not None and _text(title.group(1)).strip():
        extra["title"] = _text(title.group(1)).strip()
    header = _TEXT_HEADER.search(text)
    if encoding not in ("utf-8", "utf-8-sig"):
        extra["encoding"] = encoding
    return SourceRecord(
        text=content,
        format=FORMAT,
        location=location,
        reference_id=_SUFFIX.sub("", canonical) or attrs.get("Document Number") or None,
        created=dates.plusd_date(date_raw),
        origin=synopsis.get("From") or attrs.get("From") or None,
        classification=synopsis.get("Original Classification") or None,
        references=aad.references(attrs.get("Reference")),
        header=_text(header.group(1)) if header is not None else None,
        content=content,
        extra=extra,
    )
