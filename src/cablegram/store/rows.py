"""Plain values <-> database rows, shared by every SQL store.

Kept apart from the SQL so that a PostgreSQL store stores exactly the same JSON, keys and
timestamps as SQLite does, and a dump of one loads into the other.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from cablegram.model import Cable
from cablegram.serialize import SCHEMA_VERSION, declassify_text, from_dict, to_dict
from cablegram.sources.record import SourceRecord
from cablegram.store import packing
from cablegram.store.base import CableFacts, Derived, Packed, ParsedRecord

PARSER_VERSION = f"serialize-{SCHEMA_VERSION}"
_SEP = (",", ":")


def dumps(value: object) -> str:
    """Compact JSON: the parsed fields of 250,000 cables are gigabytes, every byte counts."""
    return json.dumps(value, separators=_SEP, ensure_ascii=False)


def parsed_json(cable: Cable) -> str:
    """Non-ASCII characters escaped: json.dumps writes that a third faster (measured: 49 vs
    72 µs per cable), and in the compressed column (``store.packing``) the escapes cost ~1 %.
    Archives from before migration 0003 hold the unescaped form: see ``same_parse``."""
    return json.dumps(to_dict(cable, include_raw=False), separators=_SEP)


def same_parse(stored: str, new: str) -> bool:
    """Whether a stored parse JSON says what ``new`` says, whichever form it was written in."""
    return stored == new or (not stored.isascii() and json.loads(stored) == json.loads(new))


def facts(cable: Cable) -> CableFacts:
    return CableFacts(
        created=timestamp(cable.created),
        year=cable.year,
        origin=cable.origin,
        classification=int(cable.classification) if cable.classification is not None else None,
        caveats=cable.caveats,
        subject=cable.subject,
        tags=tuple(t.code for t in cable.tags),
        partial=cable.partial,
        references=tuple((r.kind.value, r.value, r.bullet, r.raw) for r in cable.references),
        declassify_on=declassify_text(cable.declassify_on),
    )


def derive(cable: Cable) -> Derived:
    return Derived(parsed_json(cable), facts(cable))


def derived_of(parsed: ParsedRecord) -> Derived:
    if parsed.derived is not None:
        return parsed.derived
    if parsed.cable is None:
        raise ValueError(f"{parsed.cable_id}: a ParsedRecord needs a cable or its derived form")
    return derive(parsed.cable)


def pack(raw: bytes, derived: Derived) -> Packed:
    """``raw``: the version's text as UTF-8."""
    return Packed(packing.pack_parsed(derived.parsed_json, raw), derived.facts)


def packed_of(parsed: ParsedRecord) -> Packed:
    if parsed.packed is not None:
        return parsed.packed
    return pack(parsed.record.text.encode("utf-8"), derived_of(parsed))


def cable_from_json(parsed: str, raw: str) -> Cable:
    data: dict[str, Any] = json.loads(parsed)
    return from_dict(data, raw=raw)


def text_sha256(text: str | bytes) -> str:
    """sha256 of the UTF-8 text (or of its UTF-8 bytes, for a caller that has them already).
    Raises UnicodeEncodeError on lone surrogates, which cannot be stored as SQLite TEXT
    either: callers quarantine such records."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def timestamp(value: datetime | None) -> str | None:
    """A sortable UTC text form; naive datetimes are taken as UTC (sources give no zone)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds")


def parse_timestamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def version_key(cable_id: str, sha: str, record: SourceRecord) -> str:
    """What makes a version distinct: its text, and the dates and markings published with it.

    A re-release that only fixes the ``Created`` date is a new version (the issue asks for
    it, and the real corpus has five); the same text and metadata from another mirror or
    another format is the same version, however often it is ingested. ``released`` is left
    out on purpose: republishing identical text later is not a change.
    """
    parts = (
        cable_id,
        sha,
        timestamp(record.created) or "",
        record.origin or "",
        record.classification or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def source_rank(record: SourceRecord) -> int:
    """The source's own order among its copies of one cable, higher = newer.

    The corpus JSONL format numbers the copies it found (``version``: 1 = newest); it breaks
    ties between versions released on the same day, before ingest order does.
    """
    value = record.extra.get("version") if record.extra else None
    if value is None:
        return 0
    try:
        return -int(value)
    except (TypeError, ValueError):
        return 0


def metadata(record: SourceRecord) -> dict[str, object]:
    """What the source published beside the text, without repeating the text itself."""
    data: dict[str, object] = {}
    _put(data, "reference_id", record.reference_id)
    _put(data, "created", timestamp(record.created))
    _put(data, "released", timestamp(record.released))
    _put(data, "origin", record.origin)
    _put(data, "classification", record.classification)
    if record.references:
        data["references"] = list(record.references)
    if record.header is not None and record.content is not None:
        if _joined(record.text, record.header, record.content):
            data["header_chars"] = len(record.header)  # the split point is enough
        else:
            data["header"] = record.header
            data["content"] = record.content
    if record.extra:
        data["extra"] = dict(record.extra)
    return data


def _joined(text: str, header: str, content: str) -> bool:
    """``text == header + "\n\n" + content``, without building a second copy of the text
    (this runs in the single writer, once per record)."""
    cut = len(header)
    return (
        len(text) == cut + 2 + len(content)
        and text.startswith(header)
        and text.startswith("\n\n", cut)
        and text.endswith(content)
    )


def _put(data: dict[str, object], key: str, value: object) -> None:
    if value is not None and value != "":
        data[key] = value
