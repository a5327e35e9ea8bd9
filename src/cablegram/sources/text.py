"""Plain text cables: PDF-to-text conversions, content-only extracts, hand-made files.

The text is kept exactly as the file holds it (CRLF line ends and page headers included):
normalising is the parser's job, and the archive must be able to show what was published.
The reference id comes from the file name when the name is one; the text is not searched
for it, since a guess from a REF line would be worse than none.
"""

from __future__ import annotations

from collections.abc import Iterator

from cablegram.sources.names import id_from_name
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input, decode

FORMAT = "text"


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    data = src.stream.read()
    if not data.strip():
        on_error(SourceError(f"{src.name}:1", "empty text file", data))
        return
    yield from_text(data, src.name, FORMAT)


def from_text(data: bytes, location: str, format: str, **notes: str) -> SourceRecord:
    """The record of a whole text file; a non-UTF-8 encoding is noted in ``extra``."""
    text, encoding = decode(data)
    extra = dict(notes)
    if encoding not in ("utf-8", "utf-8-sig"):
        extra["encoding"] = encoding
    return SourceRecord(
        text=text,
        format=format,
        location=location,
        reference_id=id_from_name(location),
        content=text,
        extra=extra,
    )
