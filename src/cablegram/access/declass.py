"""Release decisions and the declassification queue.

A release decision opens a cable to everyone (``Policy`` rule 1) and is itself a record:
who decided, when, why; the database refuses to change or remove one. The queue is what an
archivist works through: classified cables whose DECL date has passed (or will by a given
day) and that no decision has released yet, by year, plus the cables held by an exemption
code or an event ("TEN YEARS AFTER ..."), which stay closed until someone decides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from cablegram import refdata
from cablegram.access.audit import AuditLog, Clock, utc_now
from cablegram.access.records import AuditAction, Release
from cablegram.access.sqlite_access import SQLiteAccess
from cablegram.model import Classification

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXEMPT = re.compile(r"^(?:\d\.\d)?\(?(X\d|25X\d|OADR|N?GDS|MR)\)?", re.I)


EVENT = "An event, not a date: the cable stays classified until a release is recorded."


class DeclassError(ValueError):
    """A release that cannot be recorded: unknown cable, no reason, released already."""


def exemption_meaning(code: str) -> str | None:
    """What an exemption code on the DECL line means (``1.6X6``, ``25X1-HUMAN``, ``OADR``)."""
    match = _EXEMPT.match(code.strip())
    key = match.group(1).upper() if match else code.strip().upper()
    table: dict[str, str] = refdata.load("markings").get("exemptions", {})
    meaning = table.get(key)
    if meaning is None and key.startswith("25X"):
        return "Exempt from automatic declassification at 25 years."
    if meaning is None and key.endswith("GDS"):
        return "General Declassification Schedule of the older orders (no date on the cable)."
    return " ".join(str(meaning).split()) if meaning else None


class Releases:
    """Release decisions; also the policy's ``ReleaseLookup``."""

    def __init__(self, db: SQLiteAccess, audit: AuditLog, now: Clock = utc_now) -> None:
        self._db = db
        self._audit = audit
        self._now = now

    def is_released(self, cable_id: str) -> bool:
        return self._db.is_released(cable_id)

    def released_ids(self) -> frozenset[str]:
        return self._db.released_ids()

    def decisions(self, cable_id: str | None = None) -> list[Release]:
        return self._db.releases(cable_id)

    def release(self, cable_id: str, reason: str, *, actor: str, source: str) -> Release:
        why = " ".join(reason.split())
        if not why:
            raise DeclassError("a release needs a reason: say why it may be released")
        with self._db.transaction():
            if not self._db.cable_exists(cable_id):
                raise DeclassError(f"no cable {cable_id} in the archive")
            earlier = self._db.releases(cable_id)
            if earlier:
                first = earlier[0]
                raise DeclassError(f"{cable_id} was released already, on "
                                   f"{first.decided_at:%Y-%m-%d} by {first.decided_by}")
            made = self._db.insert_release(cable_id, self._now(), actor, why)
            self._audit.record(AuditAction.RELEASE, actor=actor, source=source,
                               target=cable_id, detail={"reason": why})
        return made


@dataclass(frozen=True, slots=True)
class Due:
    cable_id: str
    declassify_on: date
    level: Classification | None


@dataclass(frozen=True, slots=True)
class Exempt:
    cable_id: str
    code: str
    meaning: str | None
    level: Classification | None


@dataclass
class Queue:
    before: date
    due: dict[int, list[Due]] = field(default_factory=dict)  # by DECL year, oldest first
    exempt: list[Exempt] = field(default_factory=list)

    @property
    def due_count(self) -> int:
        return sum(len(v) for v in self.due.values())


def queue(db: SQLiteAccess, before: date) -> Queue:
    """Unreleased classified cables due by ``before`` (inclusive), and the exempt ones."""
    released = db.released_ids()
    by_year: dict[int, list[Due]] = defaultdict(list)
    exempt: list[Exempt] = []
    for cable_id, decl, level_value in db.declassify_dates():
        if decl is None or cable_id in released or level_value == 0:
            continue
        level = None if level_value is None else Classification(level_value)
        if _ISO.match(decl):
            try:
                when = date.fromisoformat(decl)
            except ValueError:
                continue
            if when <= before:
                by_year[when.year].append(Due(cable_id, when, level))
        else:  # an exemption code or an event: closed until someone decides
            meaning = exemption_meaning(decl) if _EXEMPT.match(decl) else EVENT
            exempt.append(Exempt(cable_id, decl, meaning, level))
    due = {year: sorted(items, key=lambda d: (d.declassify_on, d.cable_id))
           for year, items in sorted(by_year.items())}
    return Queue(before, due, exempt)
