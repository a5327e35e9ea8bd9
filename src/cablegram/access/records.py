"""The rows access control keeps: users, API tokens, sessions, release decisions, audit.

Plain frozen data shared by the store-side API and the services; no secret is ever a field
that ``repr`` prints (password hashes are kept out of it), so a stray log line of a record
carries nothing to crack.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from cablegram.access.reader import Reader
from cablegram.model import Classification


class Role(enum.StrEnum):
    ARCHIVIST = "archivist"  # records release decisions, sees the declassification queue
    ADMIN = "admin"  # manages users and tokens from the web


class AuditAction(enum.StrEnum):
    READ = "read"
    EXPORT = "export"
    SIGN_IN = "sign-in"
    SIGN_IN_FAILED = "sign-in-failed"
    SIGN_OUT = "sign-out"
    RELEASE = "release"
    USER_CHANGE = "user-change"
    TOKEN_CHANGE = "token-change"


@dataclass(frozen=True, slots=True)
class User:
    user_id: int
    name: str
    clearance: Classification | None
    accesses: frozenset[str] = frozenset()
    grants: frozenset[str] = frozenset()
    roles: frozenset[Role] = frozenset()
    disabled: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    password_hash: str | None = field(default=None, repr=False, compare=False)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def reader(self) -> Reader:
        return Reader(self.name, self.clearance, self.accesses, self.grants)


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token's public part. The secret is shown once at creation and never stored."""

    token_id: str  # the public prefix, ``cg_<token_id>_...``
    user_id: int
    user_name: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A signed-in browser session; the store knows only the sha256 of its cookie value."""

    user_id: int
    created_at: datetime
    expires_at: datetime
    last_seen_at: datetime
    source: str
    revoked_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True, slots=True)
class Release:
    """An archivist's decision that a cable is open to everyone: who, when, why."""

    release_id: int
    cable_id: str
    decided_at: datetime
    decided_by: str
    reason: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str | None  # a user name, ``cli:<os user>``, or None for anonymous/unknown
    action: str  # an AuditAction value
    target: str | None  # a cable id, a user name, a token id
    source: str  # ``ip:203.0.113.9`` or ``cli:<os user>``
    detail: dict[str, object]
    prev_hash: str
    hash: str
