"""What a worker process does with a chunk of records: parse, name, hash, serialise, pack.

Only the three inputs the parser needs cross into the worker (not the whole SourceRecord with
its header and content copies), and only what the writer stores comes back: the JSON,
compressed against the text (``store.packing``: a seventh of the bytes to send, unpickle and
write), and a tuple of facts, never the Cable, whose unpickling alone would cost the single
writer more than its SQLite work. Results are NamedTuples for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from cablegram.ids import canonical_id
from cablegram.index.document import to_document
from cablegram.model import Cable
from cablegram.parse import parse
from cablegram.sources.record import SourceRecord
from cablegram.store import rows
from cablegram.store.base import Derived, Packed

Job = tuple[str, str | None, datetime | None]  # text, reference id hint, created hint
Fields = dict[str, list[Any]]  # an index document as plain values: Document.to_dict()


class Parsed(NamedTuple):
    cable_id: str
    sha256: str
    # The parse as JSON (for reparse, which compares it with the stored one), or, when asked
    # to pack, the version's stored form (for ingest, whose writer then only writes).
    stored: Derived | Packed
    # The cable's search index document (for one version), when the writer indexes as it
    # stores: built here because the writer is the serial part, and sent as plain values
    # because they unpickle (and become a Document again) in a third of the time a pickled
    # tantivy.Document takes. None if not asked for or if building it failed.
    fields: Fields | None = None


class Failed(NamedTuple):
    reason: str


def job(record: SourceRecord) -> Job:
    return (record.text, record.reference_id, record.created)


def run_chunk(
    jobs: Sequence[Job], index: bool = False, pack: bool = False
) -> list[Parsed | Failed]:
    return [run_one(*j, index=index, pack=pack) for j in jobs]


def run_one(
    text: str,
    reference_id: str | None,
    created: datetime | None,
    *,
    index: bool = False,
    pack: bool = False,
) -> Parsed | Failed:
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as error:
        return Failed(f"the text is not valid Unicode ({error.reason} at {error.start})")
    sha = rows.text_sha256(raw)  # the bytes, encoded once for the hash and the packing
    try:
        cable = parse(text, reference_id=reference_id, created=created)
    except Exception as error:  # a parser bug must cost one record, not the run
        return Failed(f"parser error: {type(error).__name__}: {error}")
    cable_id = cable.reference_id or source_id(reference_id)
    if cable_id is None:
        hint = f" (the source gave {reference_id!r})" if reference_id else ""
        return Failed(f"no cable id: none in the text and none usable from the source{hint}")
    derived = rows.derive(cable)
    stored = rows.pack(raw, derived) if pack else derived
    return Parsed(cable_id, sha, stored, _fields(cable_id, cable) if index else None)


def _fields(cable_id: str, cable: Cable) -> Fields | None:
    """The document with a version count of one; the writer corrects the count when the
    store says otherwise. A failure here costs nothing: the index sync catches up."""
    try:
        return to_document(cable_id, cable, 1).to_dict()
    except Exception:
        return None


def sha_or_none(text: str) -> str | None:
    try:
        return rows.text_sha256(text)
    except UnicodeEncodeError:
        return None


def source_id(reference_id: str | None) -> str | None:
    """The canonical form of the id a source gave, or None if it gave none or no id."""
    if not reference_id:
        return None
    try:
        return canonical_id(reference_id)
    except ValueError:
        return None
