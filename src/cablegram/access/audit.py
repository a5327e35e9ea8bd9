"""The audit log: who read, exported, signed in, released or changed what, when, from where.

Entries are only ever appended (the database refuses UPDATE and DELETE on them through
triggers) and chained by hash (``chain``), so ``verify`` detects edits made to the file by
other means. Callers pass only ids, names and plain facts: no password, token, session id or
hash ever reaches ``record`` (the services in this package are tested for it).
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cablegram.access import chain
from cablegram.access.records import AuditAction, AuditEntry
from cablegram.access.sqlite_access import SQLiteAccess

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def cli_source() -> str:
    """Where a command-line action comes from: the operating-system account running it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return f"cli:{name}"


def ip_source(address: str | None) -> str:
    return f"ip:{address or 'unknown'}"


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The outcome of ``verify``: ``head`` is the last hash, worth keeping elsewhere."""

    ok: bool
    entries: int
    head: str
    problems: list[str] = field(default_factory=list)


class AuditLog:
    def __init__(self, db: SQLiteAccess, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    def record(
        self,
        action: AuditAction,
        *,
        actor: str | None,
        source: str,
        target: str | None = None,
        detail: dict[str, object] | None = None,
    ) -> AuditEntry:
        entry = self._db.append_audit(self._now(), actor, str(action), target, source,
                                      detail or {})
        log.debug("audit %s %s by %s from %s", entry.action, target or "-", actor or "-",
                  source)
        return entry

    def entries(
        self,
        *,
        actor: str | None = None,
        action: AuditAction | str | None = None,
        since: datetime | None = None,
        target: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        return self._db.audit_entries(
            actor=actor, action=None if action is None else str(action), since=since,
            target=target, limit=limit,
        )

    def verify(self) -> AuditCheck:
        """Recompute the chain from the first entry; report every break, not just the first."""
        problems: list[str] = []
        prev = chain.GENESIS
        expected = 1
        count = 0
        for row in self._db.audit_raw():
            count += 1
            seq, at, actor, action, target, source, detail, prev_hash, digest = row
            number = int(str(seq))
            if number != expected:
                problems.append(f"entries {expected}..{number - 1} are missing")
            if prev_hash != prev:
                problems.append(f"entry {number}: does not follow entry {number - 1}")
            content = chain.canonical(
                number, str(at), None if actor is None else str(actor), str(action),
                None if target is None else str(target), str(source), str(detail),
            )
            if chain.digest(str(prev_hash), content) != digest:
                problems.append(f"entry {number}: content does not match its hash")
            prev = str(digest)
            expected = number + 1
        counter = self._db.audit_counter()
        if counter > expected - 1:
            problems.append(f"entries {expected}..{counter} were removed from the end")
        return AuditCheck(not problems, count, prev, problems)


def describe(entry: AuditEntry) -> dict[str, object]:
    """An entry as plain JSON-ready data (the CLI's ``--json``)."""
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "target": entry.target,
        "source": entry.source,
        "detail": entry.detail,
        "hash": entry.hash,
    }


__all__ = ["AuditCheck", "AuditLog", "cli_source", "describe", "ip_source"]
