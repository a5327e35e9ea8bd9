"""Access records <-> SQL row values. Timestamps are stored as UTC ISO 8601 text with 'Z'."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from cablegram.access.records import ApiToken, AuditEntry, Role, User
from cablegram.model import Classification

USER_COLUMNS = (
    "user_id, name, clearance, accesses, grants, roles, password, disabled, created_at,"
    " updated_at"
)
TOKEN_COLUMNS = (
    "t.token_id, t.user_id, u.name, t.label, t.created_at, t.expires_at, t.revoked_at,"
    " t.last_used_at"
)
AUDIT_COLUMNS = "seq, at, actor, action, target, source, detail, prev_hash, hash"


def stamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def when(text: object) -> datetime:
    value = str(text)
    return datetime.fromisoformat(value.removesuffix("Z")).replace(tzinfo=UTC)


def _maybe(text: object) -> datetime | None:
    return None if text is None else when(text)


def _words(values: frozenset[str]) -> str:
    return " ".join(sorted(values))


def user_values(u: User) -> tuple[object, ...]:
    return (
        u.name,
        None if u.clearance is None else int(u.clearance),
        _words(u.accesses),
        _words(u.grants),
        _words(frozenset(str(r) for r in u.roles)),
        u.password_hash,
        int(u.disabled),
        stamp(u.created_at),
        stamp(u.updated_at),
    )


def user(row: Sequence[object]) -> User:
    uid, name, level, accesses, grants, roles, password, disabled, created, updated = row
    return User(
        user_id=int(str(uid)),
        name=str(name),
        clearance=None if level is None else Classification(int(str(level))),
        accesses=frozenset(str(accesses).split()),
        grants=frozenset(str(grants).split()),
        roles=frozenset(Role(r) for r in str(roles).split()),
        disabled=bool(disabled),
        created_at=_maybe(created),
        updated_at=_maybe(updated),
        password_hash=None if password is None else str(password),
    )


def token(row: Sequence[object]) -> ApiToken:
    tid, uid, name, label, created, expires, revoked, used = row[:8]
    return ApiToken(str(tid), int(str(uid)), str(name), str(label), when(created),
                    _maybe(expires), _maybe(revoked), _maybe(used))


def dump_detail(detail: dict[str, object]) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def audit_entry(row: Sequence[object]) -> AuditEntry:
    seq, at, actor, action, target, source, detail, prev, digest = row
    return AuditEntry(
        int(str(seq)), when(at), None if actor is None else str(actor), str(action),
        None if target is None else str(target), str(source), json.loads(str(detail)),
        str(prev), str(digest),
    )
