"""The one gate: what a reader may see of a cable, down to the paragraph.

Every read path (pages, API, search hits and counts, citation lists, versions, diffs,
exports, CLI) asks a ``Policy``; nothing else decides. The rules:

1. A cable is *declassified* for everyone when an archivist recorded a release decision for
   its id, or, if the deployment honours DECL dates, when its ``declassify_on`` is a date on
   or before today. Exemption codes (X1-X8, 25X1, 1.6X6, OADR, GDS, MR), events ("TEN
   YEARS AFTER ...") and a missing DECL line never declassify by themselves: only a recorded
   decision does. A declassified cable is shown whole, raw text included.
2. Otherwise each part (header, each paragraph) is visible when the reader meets its
   ``Requirement`` (see ``marks``): a clearance at or above the part's level and every
   controlling caveat held (accesses for NOFORN/NOCONTRACT/ORCON, named grants for EXDIS,
   NODIS, LIMDIS, STADIS and any unknown caveat). A reader with no clearance meets none.
3. FULL: every part visible. NONE: no part visible; the cable does not exist for this reader
   (no page, no hit, no count, no id in a citation list). PARTIAL: the rest; the reader sees
   the envelope (id, origin, date, markings, DECL line), the visible parts, and a
   placeholder for each withheld paragraph. The subject is withheld with the header unless
   the deployment sets ``withhold_subject_above_clearance=False``, in which case any reader
   who may see the cable at all sees its subject.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from cablegram.access.decision import Assessment, DeclassifiedBy, Visibility, everything
from cablegram.access.marks import (
    ACCESS_CAVEATS,
    GRANT_CAVEATS,
    CableMarks,
    Requirement,
    controlling,
    marks_of,
)
from cablegram.access.reader import ALL, Reader
from cablegram.access.redact import redact_cable, redact_version
from cablegram.model import Cable, Classification
from cablegram.store.base import Version


class ReleaseLookup(Protocol):
    """Recorded release decisions, by cable id (the store's, the policy needs no SQL)."""

    def is_released(self, cable_id: str) -> bool: ...

    def released_ids(self) -> frozenset[str]: ...


class NoReleases:
    def is_released(self, cable_id: str) -> bool:
        return False

    def released_ids(self) -> frozenset[str]:
        return frozenset()


@dataclass(frozen=True, slots=True)
class SearchScope:
    """What a search engine must restrict for one reader (docs/access.md, "Search").

    Text may match only where its part's requirement is met: level at most ``max_level``
    (None: any level; -1: no level) and none of the ``missing`` caveats; a caveat outside
    the known ones matches only when ``grants_all``. A declassified cable (DECL date on or
    before ``declassified_through``, None when DECL dates are not honoured, or its id in
    ``released``) matches everywhere. ``unrestricted``: skip all of it.
    """

    unrestricted: bool
    max_level: int | None
    missing: frozenset[str]
    grants_all: bool
    declassified_through: date | None
    released: frozenset[str]
    subject_with_cable: bool = False  # a visible cable's subject is shown whatever its mark


def utc_today() -> date:
    return datetime.now(UTC).date()


class Policy:
    def __init__(
        self,
        *,
        releases: ReleaseLookup | None = None,
        honour_decl_dates: bool = True,
        withhold_subject_above_clearance: bool = True,
        today: Callable[[], date] = utc_today,
    ) -> None:
        self.releases: ReleaseLookup = releases if releases is not None else NoReleases()
        self.honour_decl_dates = honour_decl_dates
        self.withhold_subject_above_clearance = withhold_subject_above_clearance
        self.today = today

    # -- whole cables ------------------------------------------------------------------

    def declassified(
        self,
        cable: Cable,
        cable_id: str | None = None,
        released_ids: Collection[str] | None = None,
    ) -> DeclassifiedBy | None:
        """Why ``cable`` is open to everyone, or None. Pass ``released_ids`` (from
        ``releases.released_ids()``) when deciding many cables, to query the store once."""
        cid = cable_id if cable_id is not None else cable.reference_id
        if cid is not None:
            released = (
                cid in released_ids if released_ids is not None
                else self.releases.is_released(cid)
            )
            if released:
                return DeclassifiedBy.RELEASE
        decl = cable.declassify_on
        if self.honour_decl_dates and isinstance(decl, date) and decl <= self.today():
            return DeclassifiedBy.DATE
        return None

    def assess(
        self,
        reader: Reader,
        cable: Cable,
        cable_id: str | None = None,
        released_ids: Collection[str] | None = None,
    ) -> Assessment:
        count = len(cable.paragraphs)
        if reader.sees_everything:
            return everything(count, None)
        why = self.declassified(cable, cable_id, released_ids)
        if why is not None:
            return everything(count, why)
        return self.assess_marks(reader, marks_of(cable))

    def assess_marks(self, reader: Reader, marks: CableMarks) -> Assessment:
        """The decision from marks alone, for a cable known not to be declassified."""
        header = reader.meets(marks.header)
        paragraphs = tuple(reader.meets(need) for need in marks.paragraphs)
        if header and all(paragraphs):
            visibility = Visibility.FULL
        elif header or any(paragraphs):
            visibility = Visibility.PARTIAL
        else:
            visibility = Visibility.NONE
        subject = header or (
            visibility is not Visibility.NONE and not self.withhold_subject_above_clearance
        )
        return Assessment(visibility, None, header, subject, paragraphs, marks)

    def cable_visibility(
        self,
        reader: Reader,
        cable: Cable,
        cable_id: str | None = None,
        released_ids: Collection[str] | None = None,
    ) -> Visibility:
        return self.assess(reader, cable, cable_id, released_ids).visibility

    def redact(
        self,
        reader: Reader,
        cable: Cable,
        cable_id: str | None = None,
        released_ids: Collection[str] | None = None,
    ) -> Cable | None:
        """What ``reader`` may see of ``cable``: itself, a redacted copy, or None."""
        return redact_cable(cable, self.assess(reader, cable, cable_id, released_ids))

    def redact_version(
        self,
        reader: Reader,
        version: Version,
        parsed: Cable,
        released_ids: Collection[str] | None = None,
    ) -> Version | None:
        """A stored version as ``reader`` may see it: its own parse decides (a version may
        be marked differently from the current one); raw text and metadata redacted."""
        decision = self.assess(reader, parsed, version.cable_id, released_ids)
        return redact_version(version, redact_cable(parsed, decision), decision)

    # -- parts and search --------------------------------------------------------------

    def may_see(self, reader: Reader, need: Requirement) -> bool:
        return reader.sees_everything or reader.meets(need)

    def may_see_caveats(self, reader: Reader, caveats: Iterable[str]) -> bool:
        """May ``reader`` read text carrying these caveats (free ones like SIPDIS pass)?"""
        return all(reader.holds(c) for c in controlling(caveats))

    def max_level(self, reader: Reader) -> int | None:
        """The highest level ``reader`` may search: None for every level, -1 for none."""
        if reader.clearance is None:
            return -1
        if reader.clearance is Classification.TOP_SECRET:
            return None
        return int(reader.clearance)

    def search_scope(self, reader: Reader) -> SearchScope:
        released = self.releases.released_ids()
        through = self.today() if self.honour_decl_dates else None
        if reader.sees_everything:
            return SearchScope(True, None, frozenset(), True, through, released)
        missing = frozenset(c for c in ACCESS_CAVEATS | GRANT_CAVEATS if not reader.holds(c))
        return SearchScope(
            False, self.max_level(reader), missing, ALL in reader.grants, through, released,
            not self.withhold_subject_above_clearance,
        )
