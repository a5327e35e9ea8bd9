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
from typing import Protocol

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


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A source record with its parse, ready for the single writer."""

    record: SourceRecord
    cable_id: str
    cable: Cable
    text_sha256: str
    # ``serialize.to_dict(cable, include_raw=False)`` as compact JSON, when a worker process
    # already made it: serialising in the workers keeps the single writer's share small.
    parsed_json: str | None = None


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
        """Store a batch in one transaction; idempotent for identical text."""

    def quarantine(self, location: str, reason: str, raw: bytes | None) -> None: ...

    def quarantined(self) -> list[QuarantineEntry]: ...

    def get(self, cable_id: str) -> StoredCable | None: ...

    def versions(self, cable_id: str) -> list[Version]: ...

    def cites(self, cable_id: str) -> list[Citation]: ...

    def cited_by(self, cable_id: str) -> list[Citation]: ...

    def changes_since(self, seq: int) -> Iterator[tuple[int, str]]:
        """(sequence number, cable id) for every change of a cable's current version after
        ``seq``: what the index must re-read to catch up after a crash."""

    def last_change(self) -> int: ...

    def cable_ids(self) -> Iterator[str]: ...

    def all_current(self) -> Iterator[StoredCable]: ...

    def count(self) -> int: ...

    def replace_parsed(self, items: Iterable[tuple[int, Cable]]) -> int:
        """Store re-derived parsed fields for versions (``reparse``); logs changes.
        Returns how many versions' parsed fields changed."""

    def get_many(self, cable_ids: Sequence[str]) -> list[StoredCable]:
        """``get`` for many ids in a few queries (ids not stored are left out)."""

    def versions_after(self, version_id: int, limit: int) -> list[Version]:
        """Versions with a larger id, in id order: a resumable walk over every stored text."""

    def stats(self, top: int = 20) -> ArchiveStats: ...

    def close(self) -> None: ...
