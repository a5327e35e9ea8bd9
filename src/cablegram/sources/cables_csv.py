"""cables.csv, the 2011 full release: one MySQL-escaped row per cable, no header row.

Columns: row id, date (``12/28/1966 18:48``), reference id, origin, classification,
references (``|``-separated), header, content. Every field is double-quoted; quotes and
backslashes inside are backslash-escaped; newlines are literal.

The file is 1.7 GB, so it is streamed in blocks and cut into rows where a line starts with
the next row's ``"id","date","``; a quote inside a field is always escaped, so that can
only be a row start. Cutting first makes one broken row an error for that row alone: one
csv reader over the file would lose step after an unbalanced quote and swallow the rest.
Each row is then split by the csv module (C, and it unescapes as it goes), which measured
~1.8x faster than a regex over the row followed by unescaping.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import IO

from cablegram.sources import dates, page
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input, decode

FORMAT = "cablegate-csv"
N_FIELDS = 8
_BLOCK = 4 << 20
_LOOKBACK = 64  # a row start cut by a block boundary is found again from here
_ROW_START = rb'"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})?","'
_BOUNDARY = re.compile(rb"\n(?=" + _ROW_START + rb")")
_STARTS_LIKE_A_ROW = re.compile(_ROW_START)
_FIELD_LIMIT = 1 << 28  # the csv module's default (128 KiB) is below the longest cables


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    _raise_field_limit()
    for line, row in rows(src.stream):
        result = parse_row(row, src.name, line)
        if isinstance(result, SourceError):
            on_error(result)
        else:
            yield result


def rows(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(first line number, raw bytes) of each row, in file order."""
    carry = b""
    line = 1
    first = True
    while True:
        block = stream.read(_BLOCK)
        if first:
            block = block.removeprefix(b"\xef\xbb\xbf")
            first = False
        if not block:
            if carry:
                yield line, carry
            return
        data = carry + block if carry else block
        start = 0
        for m in _BOUNDARY.finditer(data, max(0, len(carry) - _LOOKBACK)):
            row = data[start : m.end()]
            yield line, row
            line += row.count(b"\n")
            start = m.end()
        carry = data[start:]


def parse_row(row: bytes, name: str, line: int) -> SourceRecord | SourceError:
    """The record of one row, or the error saying why it is not a row."""
    location = f"{name}:{line}"
    if not _STARTS_LIKE_A_ROW.match(row):
        reason = 'not a cables.csv row: it does not start with "row id","M/D/YYYY H:MM","'
        return SourceError(location, reason, row)
    text, encoding = decode(row)
    try:
        fields = next(csv.reader((text,), escapechar="\\", doublequote=False, strict=True))
    except csv.Error as err:
        return SourceError(location, f"not a cables.csv row: {err}", row)
    if len(fields) != N_FIELDS:
        reason = f"row has {len(fields)} fields, expected {N_FIELDS}"
        return SourceError(location, reason, row)
    row_id, date_raw, ref_id, origin, classification, refs, header, content = fields
    extra = {"csv_row_id": row_id, "date_raw": date_raw}
    if encoding != "utf-8":
        extra["encoding"] = encoding
    return SourceRecord(
        text=page.join(header, content),
        format=FORMAT,
        location=location,
        reference_id=ref_id or None,
        created=dates.csv_date(date_raw),
        origin=origin or None,
        classification=classification or None,
        references=tuple(r for r in refs.split("|") if r),
        header=header,
        content=content,
        extra=extra,
    )


def _raise_field_limit() -> None:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
