"""Access control's SQL, on the archive's own SQLite file.

The record store owns the connection it reads cables with and keeps it private, so this
opens a second connection to the same file with the same pragmas, and applies the same
migration runner (``0002_access.sql`` ships beside the store's own migrations). One
connection may be shared by threads (the web server's): a re-entrant lock serialises use, and
``transaction()`` nests, so a change and its audit entry commit together or not at all.

Every other module of ``cablegram.access`` talks to this API, never to SQL, so that a
PostgreSQL implementation can follow the store's.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from cablegram.access import chain
from cablegram.access.records import ApiToken, AuditEntry, Release, SessionRecord, User
from cablegram.access.sqlite_rows import (
    AUDIT_COLUMNS,
    TOKEN_COLUMNS,
    USER_COLUMNS,
    audit_entry,
    dump_detail,
    stamp,
    token,
    user,
    user_values,
    when,
)
from cablegram.store.migrate import migrate

_PRAGMAS = ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON")


class SQLiteAccess:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, timeout=30.0, check_same_thread=False
        )
        for pragma in _PRAGMAS:
            self._conn.execute(f"PRAGMA {pragma}")
        migrate(self._conn)
        self._lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0
            self._conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._conn.execute(sql, params))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- users ---------------------------------------------------------------------------

    def insert_user(self, new: User) -> User:
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO users (name, clearance, accesses, grants, roles, password,"
                " disabled, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                user_values(new),
            )
            found = self.user_by_id(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def update_user(self, changed: User) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE users SET name = ?, clearance = ?, accesses = ?, grants = ?, roles = ?,"
                " password = ?, disabled = ?, created_at = ?, updated_at = ? WHERE user_id = ?",
                (*user_values(changed), changed.user_id),
            )

    def user_by_name(self, name: str) -> User | None:
        found = self._rows(f"SELECT {USER_COLUMNS} FROM users WHERE name = ?", (name,))
        return user(found[0]) if found else None

    def user_by_id(self, user_id: int) -> User | None:
        found = self._rows(f"SELECT {USER_COLUMNS} FROM users WHERE user_id = ?", (user_id,))
        return user(found[0]) if found else None

    def users(self) -> list[User]:
        return [user(r) for r in self._rows(f"SELECT {USER_COLUMNS} FROM users ORDER BY name")]

    # -- API tokens ----------------------------------------------------------------------

    def insert_token(self, new: ApiToken, secret_sha256: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO api_tokens (token_id, user_id, label, secret_sha256, created_at,"
                " expires_at) VALUES (?,?,?,?,?,?)",
                (new.token_id, new.user_id, new.label, secret_sha256, stamp(new.created_at),
                 stamp(new.expires_at)),
            )

    def token_with_secret(self, token_id: str) -> tuple[ApiToken, str] | None:
        found = self._rows(
            f"SELECT {TOKEN_COLUMNS}, t.secret_sha256 FROM api_tokens t"
            " JOIN users u ON u.user_id = t.user_id WHERE t.token_id = ?",
            (token_id,),
        )
        return (token(found[0]), str(found[0][-1])) if found else None

    def tokens(self, user_id: int | None = None) -> list[ApiToken]:
        where, params = ("WHERE t.user_id = ?", (user_id,)) if user_id is not None else ("", ())
        sql = (f"SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.user_id = t.user_id"
               f" {where} ORDER BY t.created_at, t.token_id")
        return [token(r) for r in self._rows(sql, params)]

    def revoke_token(self, token_id: str, at: datetime) -> bool:
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                (stamp(at), token_id),
            )
            return cursor.rowcount > 0

    def touch_token(self, token_id: str, at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?",
                         (stamp(at), token_id))

    # -- sessions ------------------------------------------------------------------------

    def insert_session(self, session_sha256: str, record: SessionRecord) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (session_sha256, user_id, created_at, expires_at,"
                " last_seen_at, source) VALUES (?,?,?,?,?,?)",
                (session_sha256, record.user_id, stamp(record.created_at),
                 stamp(record.expires_at), stamp(record.last_seen_at), record.source),
            )

    def session(self, session_sha256: str) -> SessionRecord | None:
        found = self._rows(
            "SELECT user_id, created_at, expires_at, last_seen_at, source, revoked_at"
            " FROM sessions WHERE session_sha256 = ?",
            (session_sha256,),
        )
        if not found:
            return None
        uid, created, expires, seen, source, revoked = found[0]
        return SessionRecord(int(str(uid)), when(created), when(expires), when(seen),
                             str(source), when(revoked) if revoked else None)

    def touch_session(self, session_sha256: str, at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE sessions SET last_seen_at = ? WHERE session_sha256 = ?",
                         (stamp(at), session_sha256))

    def revoke_sessions(self, at: datetime, *, session_sha256: str | None = None,
                        user_id: int | None = None) -> int:
        column, value = (("session_sha256", session_sha256) if session_sha256 is not None
                         else ("user_id", user_id))
        with self.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE sessions SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL",
                (stamp(at), value),
            )
            return int(cursor.rowcount)

    # -- release decisions ---------------------------------------------------------------

    def insert_release(self, cable_id: str, at: datetime, by: str, reason: str) -> Release:
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO releases (cable_id, decided_at, decided_by, reason)"
                " VALUES (?,?,?,?)",
                (cable_id, stamp(at), by, reason),
            )
            return Release(int(cursor.lastrowid or 0), cable_id, at, by, reason)

    def releases(self, cable_id: str | None = None) -> list[Release]:
        where, params = ("WHERE cable_id = ?", (cable_id,)) if cable_id else ("", ())
        return [
            Release(int(str(rid)), str(cid), when(at), str(by), str(why))
            for rid, cid, at, by, why in self._rows(
                "SELECT release_id, cable_id, decided_at, decided_by, reason FROM releases"
                f" {where} ORDER BY release_id", params)
        ]

    def is_released(self, cable_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM releases WHERE cable_id = ? LIMIT 1", (cable_id,)))

    def released_ids(self) -> frozenset[str]:
        return frozenset(str(r[0]) for r in self._rows("SELECT DISTINCT cable_id FROM releases"))

    # -- audit log -----------------------------------------------------------------------

    def append_audit(self, at: datetime, actor: str | None, action: str, target: str | None,
                     source: str, detail: dict[str, object]) -> AuditEntry:
        """Chain and insert under the write lock, so concurrent writers cannot fork it."""
        text = dump_detail(detail)
        with self.transaction() as conn:
            last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                                ).fetchone()
            seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, chain.GENESIS)
            moment = stamp(at) or ""
            digest = chain.digest(prev, chain.canonical(seq, moment, actor, action, target,
                                                        source, text))
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, target, source, detail,"
                " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
                (seq, moment, actor, action, target, source, text, prev, digest),
            )
        return AuditEntry(seq, at, actor, action, target, source, dict(detail), prev, digest)

    def audit_entries(self, *, actor: str | None = None, action: str | None = None,
                      since: datetime | None = None, target: str | None = None,
                      limit: int | None = None) -> list[AuditEntry]:
        clauses, params = [], []
        for column, value in (("actor", actor), ("action", action), ("target", target)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            clauses.append("at >= ?")
            params.append(stamp(since) or "")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        sql = f"SELECT {AUDIT_COLUMNS} FROM audit_log {where} ORDER BY seq{tail}"
        return [audit_entry(r) for r in self._rows(sql, params)]

    def audit_raw(self) -> Iterator[tuple[object, ...]]:
        """Every row as stored, in order, for verification (page by page)."""
        last = 0
        while True:
            page = self._rows(f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > ?"
                              " ORDER BY seq LIMIT 2048", (last,))
            if not page:
                return
            yield from page
            last = int(str(page[-1][0]))

    def audit_counter(self) -> int:
        """SQLite's AUTOINCREMENT high-water mark: ahead of the last row if rows were cut."""
        found = self._rows("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
        return int(str(found[0][0])) if found else 0

    # -- the archive's own tables (read only) --------------------------------------------

    def cable_exists(self, cable_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM cables WHERE cable_id = ?", (cable_id,)))

    def declassify_dates(self) -> Iterator[tuple[str, str | None, int | None]]:
        """(cable id, declassify_on as the parse JSON states it, marked level) per cable.

        Reads the current version's ``declassify_on`` column (store migration 0003), which
        the store keeps beside the other browsing columns: 250,000 cables would take minutes
        through ``Store.all_current`` and the Python JSON parser.
        """
        last = ""
        while True:
            page = self._rows(
                "SELECT cable_id, declassify_on, classification FROM cables"
                " WHERE cable_id > ? ORDER BY cable_id LIMIT 4096",
                (last,),
            )
            if not page:
                return
            for cid, decl, level in page:
                yield str(cid), None if decl is None else str(decl), \
                    None if level is None else int(str(level))
            last = str(page[-1][0])
