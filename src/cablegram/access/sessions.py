"""Web sign-in: password check, rate limit, server-side sessions, CSRF tokens.

A session id is 32 random bytes, created fresh at every sign-in (a cookie set before sign-in
is never promoted, so session fixation has nothing to fix), stored only as its sha256, ended
by sign-out, by disabling the user, after ``IDLE`` without use or ``LIFETIME`` in all. The
CSRF token is an HMAC of the session id: it needs no storage, differs per session, and
cannot be derived without the cookie (which scripts cannot read: HttpOnly).

Every sign-in and every failed one is audited with where it came from. A failed sign-in
names the account only when it exists, so a password typed into the name box by mistake
does not land in the log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from cablegram.access.audit import AuditLog, Clock, utc_now
from cablegram.access.records import AuditAction, SessionRecord, User
from cablegram.access.sqlite_access import SQLiteAccess
from cablegram.access.throttle import RateLimited, Throttle
from cablegram.access.users import UNKNOWN_ACTOR, Users

LIFETIME = timedelta(hours=12)
IDLE = timedelta(hours=1)
TOUCH_EVERY = timedelta(minutes=1)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    session: str  # the cookie value: give it to the browser, keep it nowhere else
    csrf: str


class Sessions:
    def __init__(self, db: SQLiteAccess, users: Users, audit: AuditLog,
                 throttle: Throttle | None = None, now: Clock = utc_now) -> None:
        self._db = db
        self._users = users
        self._audit = audit
        self._throttle = throttle if throttle is not None else Throttle()
        self._now = now

    def sign_in(self, name: str, password: str, source: str) -> SignedIn | None:
        """A new session for the right password; None otherwise. Raises ``RateLimited``."""
        known = self._users.get(name) if len(name) <= 64 else None
        actor = known.name if known is not None else UNKNOWN_ACTOR
        try:
            self._throttle.check(name, source)
        except RateLimited:
            self._audit.record(AuditAction.SIGN_IN_FAILED, actor=actor, source=source,
                               detail={"reason": "rate-limited"})
            raise
        user = self._users.check_password(name, password)
        if user is None:
            self._throttle.failed(name, source)
            reason = "disabled" if known is not None and known.disabled else "wrong-credentials"
            self._audit.record(AuditAction.SIGN_IN_FAILED, actor=actor, source=source,
                               detail={"reason": reason})
            return None
        self._throttle.succeeded(name, source)
        session = secrets.token_urlsafe(32)
        now = self._now()
        with self._db.transaction():
            self._db.insert_session(
                _sha256(session), SessionRecord(user.user_id, now, now + LIFETIME, now, source)
            )
            self._audit.record(AuditAction.SIGN_IN, actor=user.name, source=source)
        return SignedIn(user, session, csrf_token(session))

    def resume(self, session: str) -> User | None:
        """The signed-in, enabled user of a session cookie, or None."""
        digest = _sha256(session)
        record = self._db.session(digest)
        now = self._now()
        if record is None or not record.usable(now) or now - record.last_seen_at > IDLE:
            return None
        user = self._users.by_id(record.user_id)
        if user is None or user.disabled:
            return None
        if now - record.last_seen_at >= TOUCH_EVERY:
            self._db.touch_session(digest, now)
        return user

    def sign_out(self, session: str, source: str) -> None:
        digest = _sha256(session)
        record = self._db.session(digest)
        if record is None or record.revoked_at is not None:
            return
        user = self._users.by_id(record.user_id)
        with self._db.transaction():
            self._db.revoke_sessions(self._now(), session_sha256=digest)
            self._audit.record(AuditAction.SIGN_OUT, actor=user.name if user else None,
                               source=source)


def csrf_token(session: str) -> str:
    return hmac.new(session.encode("utf-8"), b"cablegram-csrf", hashlib.sha256).hexdigest()


def csrf_ok(session: str | None, presented: str | None) -> bool:
    """Constant-time check of a form's token against the session it must belong to."""
    if not session or not presented:
        return False
    return hmac.compare_digest(csrf_token(session), presented)
