"""API tokens: ``Authorization: Bearer cg_<id>_<secret>``.

The secret is 32 random bytes (``secrets.token_urlsafe(32)``), shown once at creation. The
store keeps the sha256 of the whole token: a fast hash is enough for 256 random bits (no one
can guess them, so a slow KDF would only slow every API request), and a stolen database
yields no usable token. The ``id`` part is public: it finds the row without scanning, names
the token in listings and the audit log, and is what ``tokens revoke`` takes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta

from cablegram.access.audit import AuditLog, Clock, utc_now
from cablegram.access.records import ApiToken, AuditAction, User
from cablegram.access.sqlite_access import SQLiteAccess

PREFIX = "cg_"
_TOKEN = re.compile(r"^cg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
_DURATION = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$", re.I)
_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
          "w": timedelta(weeks=1)}
TOUCH_EVERY = timedelta(minutes=1)  # last-used is written at most this often per token


class TokenError(ValueError):
    """A token operation that cannot be done (unknown user or token, bad expiry)."""


def parse_expiry(text: str | None) -> timedelta | None:
    """``30d``, ``12h``, ``90m``, ``2w``; ``never`` (or None) for no expiry."""
    if text is None or text.strip().lower() == "never":
        return None
    match = _DURATION.match(text)
    if match is None or int(match[1]) == 0:
        raise TokenError(f"expiry {text!r}: give a duration like 30d, 12h, 90m, 2w, or never")
    return int(match[1]) * _UNITS[match[2].lower()]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    """What creating a token returns: the only time ``secret`` exists outside its holder."""

    token: ApiToken
    secret: str  # the whole bearer token, cg_<id>_<secret>


class Tokens:
    def __init__(self, db: SQLiteAccess, audit: AuditLog, now: Clock = utc_now) -> None:
        self._db = db
        self._audit = audit
        self._now = now

    def create(self, user: User, *, expires_in: timedelta | None, label: str = "",
               actor: str, source: str) -> NewToken:
        token_id = secrets.token_hex(6)
        secret = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        now = self._now()
        made = ApiToken(token_id, user.user_id, user.name, label.strip()[:200], now,
                        now + expires_in if expires_in is not None else None)
        with self._db.transaction():
            self._db.insert_token(made, _sha256(secret))
            self._audit.record(
                AuditAction.TOKEN_CHANGE, actor=actor, source=source, target=user.name,
                detail={"op": "create", "token": token_id,
                        "expires": made.expires_at.isoformat() if made.expires_at else None},
            )
        return NewToken(made, secret)

    def all(self, user: User | None = None) -> list[ApiToken]:
        return self._db.tokens(user.user_id if user is not None else None)

    def revoke(self, token_id: str, *, actor: str, source: str) -> ApiToken:
        found = self._db.token_with_secret(token_id.removeprefix(PREFIX).split("_")[0])
        if found is None:
            raise TokenError(f"no token with id {token_id!r}")
        token = found[0]
        with self._db.transaction():
            if not self._db.revoke_token(token.token_id, self._now()):
                raise TokenError(f"token {token.token_id} was revoked already")
            self._audit.record(AuditAction.TOKEN_CHANGE, actor=actor, source=source,
                               target=token.user_name,
                               detail={"op": "revoke", "token": token.token_id})
        return replace(token, revoked_at=self._now())

    def authenticate(self, presented: str) -> tuple[User, ApiToken] | None:
        """The enabled user a bearer token stands for, or None (wrong, expired, revoked).

        Not audited here: a token is presented on every API request, and what the request
        reads is audited by the read path.
        """
        match = _TOKEN.match(presented.strip())
        if match is None:
            return None
        found = self._db.token_with_secret(match[1])
        if found is None:
            return None
        token, digest = found
        if not hmac.compare_digest(_sha256(presented.strip()), digest):
            return None
        now = self._now()
        if not token.usable(now):
            return None
        user = self._db.user_by_id(token.user_id)
        if user is None or user.disabled:
            return None
        if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
            self._db.touch_token(token.token_id, now)
        return user, token
