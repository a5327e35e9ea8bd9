"""``AccessControl``: everything access control keeps for one archive, behind one object.

Read paths need two things from it: ``policy`` (the one gate) and ``reader_for`` (who is
asking); the web adds ``sessions`` and ``tokens`` to find the user, and ``audit_read`` to
record what a signed-in reader opened. One clock drives expiry, audit times and the DECL
date check, so tests can move time for all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType

from cablegram.access.audit import AuditLog, Clock, utc_now
from cablegram.access.config import DEMO, AccessConfig
from cablegram.access.declass import Releases
from cablegram.access.passwords import PasswordHasher
from cablegram.access.policy import Policy
from cablegram.access.reader import Reader
from cablegram.access.records import AuditAction, User
from cablegram.access.sessions import Sessions
from cablegram.access.sqlite_access import SQLiteAccess
from cablegram.access.throttle import Throttle
from cablegram.access.tokens import Tokens
from cablegram.access.users import Users


class AccessControl:
    def __init__(
        self,
        db_path: str | Path,
        config: AccessConfig = DEMO,
        *,
        now: Clock = utc_now,
        today: Callable[[], date] | None = None,
        hasher: PasswordHasher | None = None,
        throttle: Throttle | None = None,
    ) -> None:
        self.config = config
        self.db = SQLiteAccess(db_path)
        self.audit = AuditLog(self.db, now)
        self.releases = Releases(self.db, self.audit, now)
        self.users = Users(self.db, self.audit, hasher or PasswordHasher(), now)
        self.tokens = Tokens(self.db, self.audit, now)
        self.sessions = Sessions(self.db, self.users, self.audit, throttle, now)
        self.policy: Policy = config.policy(
            self.releases, today=today if today is not None else lambda: now().date()
        )
        self.public: Reader = config.public_reader()

    def reader_for(self, user: User | None) -> Reader:
        """The signed-in user's reader, or the deployment's anonymous one."""
        if user is None or user.disabled:
            return self.public
        return user.reader()

    def audit_read(self, reader: Reader, cable_id: str, source: str, *,
                   export: str | None = None) -> None:
        """Record that a signed-in reader opened (or exported, as ``export`` format) a cable.

        Anonymous reads are not recorded: there is no one to name, and the public demo
        would write a row per page view.
        """
        if reader.name is None:
            return
        action = AuditAction.EXPORT if export else AuditAction.READ
        self.audit.record(action, actor=reader.name, source=source, target=cable_id,
                          detail={"format": export} if export else None)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> AccessControl:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
