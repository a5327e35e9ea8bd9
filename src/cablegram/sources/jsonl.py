"""JSON Lines of cables, one object a line, as in the corpus' ``cables.jsonl.gz``.

Known fields map onto the record (``id``, ``date``, ``released``, ``origin``,
``classification``, ``references``, ``header``, ``content`` or ``text``, ``format``);
every other field is kept in ``extra``, JSON-encoded unless it is a string. Records of
cablegate pages go through the same glitch decoding as the pages themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from cablegram.sources import dates, page
from cablegram.sources.record import SourceError, SourceRecord
from cablegram.sources.stream import ErrorSink, Input

FORMAT = "jsonl"
_KNOWN = frozenset(
    ("id", "date", "released", "origin", "classification", "references", "header",
     "content", "text", "format")
)  # fmt: skip


def read(src: Input, on_error: ErrorSink) -> Iterator[SourceRecord]:
    for number, raw in enumerate(src.stream, start=1):
        if not raw.strip():
            continue
        location = f"{src.name}:{number}"
        try:
            obj = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as err:
            on_error(SourceError(location, f"not a JSON line: {err}", raw))
            continue
        result = from_object(obj, location)
        if isinstance(result, SourceError):
            result.raw = raw
            on_error(result)
        else:
            yield result


def from_object(obj: Any, location: str) -> SourceRecord | SourceError:
    """The record for one decoded JSON line, or why it cannot be one."""
    if not isinstance(obj, dict):
        return SourceError(location, f"a JSON line must be an object, not {type(obj).__name__}")
    content = obj.get("content", obj.get("text"))
    if not isinstance(content, str):
        return SourceError(location, "no string 'content' (or 'text') field")
    extra = {
        k: v if isinstance(v, str) else json.dumps(v) for k, v in obj.items() if k not in _KNOWN
    }
    source_format = _str(obj.get("format"))
    header = _str(obj.get("header"))
    fields = page.PageFields(
        location=location,
        format=f"{FORMAT}:{source_format}" if source_format else FORMAT,
        content=content,
        header=header,
        reference_id=_str(obj.get("id")),
        created=_date(obj.get("date"), "date", extra),
        released=_date(obj.get("released"), "released", extra),
        origin=_str(obj.get("origin")),
        classification=_str(obj.get("classification")),
        references=_references(obj.get("references")),
        extra=extra,
    )
    if source_format == "cablegate-html":
        return page.record(fields)
    # PlusD's raw content already holds its header block; joining would double it.
    joined = content if header and content.startswith(header) else page.join(header, content)
    return SourceRecord(
        text=joined,
        format=fields.format,
        location=location,
        reference_id=fields.reference_id,
        created=fields.created,
        released=fields.released,
        origin=fields.origin,
        classification=fields.classification,
        references=fields.references,
        header=header,
        content=content,
        extra=extra,
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _date(value: Any, name: str, extra: dict[str, str]) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    when = dates.iso_date(value)
    if when is None:
        extra.setdefault(f"{name}_raw", value)
    return when


def _references(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(r for r in value.split("|") if r)
    if isinstance(value, list):
        return tuple(str(r) for r in value if r)
    return ()
