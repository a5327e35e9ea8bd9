"""Users: who they are, what they are cleared for, how they sign in.

Every change is written with its audit entry in one transaction: a change that is not
audited does not happen. Audit details name what changed (``clearance: secret -> top-secret``,
``password: set``) and never a password or its hash.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import replace

from cablegram.access.audit import AuditLog, Clock, utc_now
from cablegram.access.passwords import PasswordHasher
from cablegram.access.reader import clearance_name, normalise_marks
from cablegram.access.records import AuditAction, Role, User
from cablegram.access.sqlite_access import SQLiteAccess
from cablegram.model import Classification

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
UNKNOWN_ACTOR = "(unknown)"


class Keep(enum.Enum):
    """``Users.update(clearance=...)`` left out: None already means "no clearance"."""

    KEEP = "keep"


class UserError(ValueError):
    """A user operation that cannot be done: unknown name, taken name, bad value."""


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise UserError(
            f"{name!r} cannot be a user name: use 1-64 letters, digits, '.', '_', '@' or '-',"
            " starting with a letter or digit"
        )
    return name


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    out: set[Role] = set()
    for value in values:
        for word in value.replace(",", " ").split():
            try:
                out.add(Role(word.lower()))
            except ValueError:
                names = ", ".join(r.value for r in Role)
                raise UserError(f"unknown role {word!r}: use {names}") from None
    return frozenset(out)


class Users:
    def __init__(self, db: SQLiteAccess, audit: AuditLog, hasher: PasswordHasher,
                 now: Clock = utc_now) -> None:
        self._db = db
        self._audit = audit
        self._hasher = hasher
        self._now = now

    def get(self, name: str) -> User | None:
        return self._db.user_by_name(name)

    def by_id(self, user_id: int) -> User | None:
        return self._db.user_by_id(user_id)

    def all(self) -> list[User]:
        return self._db.users()

    def require(self, name: str) -> User:
        found = self._db.user_by_name(name)
        if found is None:
            raise UserError(f"no user named {name!r}")
        return found

    def add(
        self,
        name: str,
        clearance: Classification | None,
        *,
        accesses: Iterable[str] = (),
        grants: Iterable[str] = (),
        roles: Iterable[Role] = (),
        password: str | None = None,
        actor: str,
        source: str,
    ) -> User:
        check_name(name)
        hashed = self._hasher.hash(password) if password is not None else None
        now = self._now()
        new = User(0, name, clearance, normalise_marks(accesses), normalise_marks(grants),
                   frozenset(roles), False, now, now, hashed)
        with self._db.transaction():
            if self._db.user_by_name(name) is not None:
                raise UserError(f"a user named {name!r} exists already")
            made = self._db.insert_user(new)
            self._audit.record(AuditAction.USER_CHANGE, actor=actor, source=source,
                               target=name, detail={"op": "add", **_facts(made)})
        return made

    def update(
        self,
        name: str,
        *,
        clearance: Classification | Keep | None = Keep.KEEP,
        accesses: Iterable[str] | None = None,
        grants: Iterable[str] | None = None,
        roles: Iterable[Role] | None = None,
        password: str | None = None,
        disabled: bool | None = None,
        actor: str,
        source: str,
    ) -> User:
        """Change what is given (``clearance=None`` means no clearance; leave it out to keep
        it). A disabled user's sessions end at once."""
        hashed = self._hasher.hash(password) if password is not None else None
        with self._db.transaction():
            old = self.require(name)
            new = replace(
                old,
                clearance=old.clearance if clearance is Keep.KEEP else clearance,
                accesses=old.accesses if accesses is None else normalise_marks(accesses),
                grants=old.grants if grants is None else normalise_marks(grants),
                roles=old.roles if roles is None else frozenset(roles),
                disabled=old.disabled if disabled is None else disabled,
                password_hash=hashed if hashed is not None else old.password_hash,
                updated_at=self._now(),
            )
            changes = _changes(old, new, password_set=hashed is not None)
            if not changes:
                return old
            self._db.update_user(new)
            if new.disabled and not old.disabled:
                self._db.revoke_sessions(self._now(), user_id=old.user_id)
            self._audit.record(AuditAction.USER_CHANGE, actor=actor, source=source,
                               target=old.name, detail={"op": "set", **changes})
        return new

    def disable(self, name: str, *, actor: str, source: str) -> User:
        return self.update(name, disabled=True, actor=actor, source=source)

    def check_password(self, name: str, password: str) -> User | None:
        """The enabled user whose password this is, or None; the same work either way.

        Upgrades the stored hash when the hasher's parameters have been raised. Auditing and
        rate limiting are the sign-in service's (``sessions.SignIn``).
        """
        found = self._db.user_by_name(name) if _NAME.match(name) else None
        if found is None or found.password_hash is None:
            self._hasher.dummy_verify(password)
            return None
        if not self._hasher.verify(password, found.password_hash) or found.disabled:
            return None
        if self._hasher.needs_rehash(found.password_hash):
            upgraded = replace(found, password_hash=self._hasher.hash(password))
            self._db.update_user(upgraded)
            return upgraded
        return found


def _facts(u: User) -> dict[str, object]:
    return {
        "clearance": clearance_name(u.clearance),
        "accesses": sorted(u.accesses),
        "grants": sorted(u.grants),
        "roles": sorted(str(r) for r in u.roles),
        "password": "set" if u.has_password else "none",
        "disabled": u.disabled,
    }


def _changes(old: User, new: User, *, password_set: bool) -> dict[str, object]:
    before, after = _facts(old), _facts(new)
    out: dict[str, object] = {
        key: {"from": before[key], "to": after[key]}
        for key in after
        if key != "password" and before[key] != after[key]
    }
    if password_set:
        out["password"] = "changed"
    return out
