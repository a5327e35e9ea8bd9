"""The record store's narrow interface.

The store is the system of record: raw text byte for byte, source metadata, parsed fields,
every version, the citation graph, the quarantine. Everything else (the search index, the
views) is derived from it. SQLite implements it for a laptop; a PostgreSQL implementation
will follow for shared deployments, so nothing outside ``cablegram.store`` may speak SQL.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

from cablegram.model import Cable
from cablegram.sources.record import SourceRecord


class Outcome(enum.StrEnum):
    NEW = "new"  # first version of a cable id
    UPDATED = "updated"  # a new version of a known id (it may or may not become current)
    UNCHANGED = "unchanged"  # this exact text is already stored for this id


@dataclass(frozen=True, slots=True)
class Version:
    """One stored text of a cable id, with where and when it came from."""

    version_id: int
    cable_id: str
    raw: str
    text_sha256: str
    source_format: str
    source_location: str
    released: datetime | None
    ingested_at: datetime
    metadata: dict[str, object]  # the SourceRecord's published metadata
    is_current: bool


@dataclass(frozen=True, slots=True)
class StoredCable:
    """The current version of a cable id, parsed."""

    cable_id: str
    cable: Cable
    version: Version
    version_count: int


@dataclass(frozen=True, slots=True)
class Citation:
    """An edge of the citation graph: ``citing`` cites ``cited`` (a canonical id).

    ``resolved`` says whether ``cited`` is in the archive; ``subject`` is the cited (or
    citing, for cited-by lists) cable's subject when it is.
    """

    citing: str
    cited: str
    bullet: str | None
    raw: str
    resolved: bool
    subject: str | None = None
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    entry_id: int
    location: str
    reason: str
    raw: bytes | None
    at: datetime


class CableFacts(NamedTuple):
    """The few fields of a parse that the store keeps in its own columns and tables.

    A NamedTuple, not a dataclass, because ingest workers send one per cable to the writer
    and a tuple unpickles in about a microsecond where a Cable takes over a hundred.
    """

    created: str | None  # rows.timestamp(cable.created)
    year: int | None
    origin: str | None
    classification: int | None  # Classification value
    caveats: tuple[str, ...]
    subject: str | None
    tags: tuple[str, ...]  # codes
    partial: bool
    references: tuple[tuple[str, str, str | None, str], ...]  # kind, value, bullet, raw
    declassify_on: str | None = None  # as serialize writes it: ISO date, or the text found


class Derived(NamedTuple):
    """A parse as the store writes it: the JSON of ``serialize.to_dict`` (without raw) and the
    facts for its columns. Worker processes make it so the single writer only writes."""

    parsed_json: str
    facts: CableFacts


class Packed(NamedTuple):
    """A parse as the store writes it, ``parsed`` compressed (``store.packing``): what ingest
    workers send, so that the single writer neither serialises nor compresses."""

    parsed: bytes
    facts: CableFacts


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A source record with its parse, ready for the single writer.

    Give ``cable``, ``derived`` or ``packed`` (ingest gives ``packed``: it never ships
    Cables between processes); the store derives what is missing.
    """

    record: SourceRecord
    cable_id: str
    cable: Cable | None
    text_sha256: str
    derived: Derived | None = None
    packed: Packed | None = None


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """Counts over the current versions, cheap enough to show on every page."""

    cables: int
    versions: int
    quarantined: int
    by_classification: dict[str, int]  # Classification name, or "UNKNOWN"
    by_year: dict[int, int]  # creation year; cables without a date are left out
    top_origins: list[tuple[str, int]]
    top_tags: list[tuple[str, int]]
    citations_resolved: int  # cable references whose cited id is in the archive
    citations_missing: int
    undated: int = 0


class Store(Protocol):
    """What ingest, the index sync, and the read paths may ask of a record store."""

    def add(self, batch: Sequence[ParsedRecord]) -> list[Outcome]:
        """Store a batch in one transaction; one outcome per record, in order.

        Idempotent: a version is its cable id, its exact text and the dates and markings
        published with it (``rows.version_key``); one already stored is UNCHANGED."""

    def stored(self, items: Sequence[tuple[str, str, SourceRecord]]) -> list[bool]:
        """For each (cable id, text sha256, record): is this exact version stored already?
        Lets a re-run skip parsing what an earlier (perhaps killed) run committed."""

    def quarantine(self, location: str, reason: str, raw: bytes | None) -> None: ...

    def quarantined(self) -> list[QuarantineEntry]: ...

    def get(self, cable_id: str) -> StoredCable | None: ...

    def versions(self, cable_id: str) -> list[Version]:
        """Every stored version, oldest first by rank: the current one is last."""

    def cites(self, cable_id: str) -> list[Citation]: ...

    def cited_by(self, cable_id: str) -> list[Citation]: ...

    def changes_since(self, seq: int) -> Iterator[tuple[int, str]]:
        """(sequence number, cable id) for the cables whose current version (or its parse)
        changed after ``seq``: what the index must re-read to catch up after a crash. Each
        cable comes once, at its latest sequence number, in sequence order."""

    def last_change(self) -> int: ...

    def cable_ids(self) -> Iterator[str]: ...

    def all_current(self) -> Iterator[StoredCable]: ...

    def count(self) -> int: ...

    def replace_parsed(self, items: Iterable[tuple[int, Cable | Derived]]) -> int:
        """Store re-derived parsed fields for versions (``reparse``); logs changes.
        Returns how many versions' parsed fields changed."""

    def get_many(self, cable_ids: Sequence[str]) -> list[StoredCable]:
        """``get`` for many ids in a few queries (ids not stored are left out)."""

    def versions_after(self, version_id: int, limit: int) -> list[Version]:
        """Versions with a larger id, in id order: a resumable walk over every stored text."""

    def stats(self, top: int = 20) -> ArchiveStats: ...

    def close(self) -> None: ...
