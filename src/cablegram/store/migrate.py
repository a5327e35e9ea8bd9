"""Versioned schema migrations, shipped as numbered ``.sql`` files inside the package.

Databases outlive the code that created them: a user upgrades cablegram and keeps their
archive. Each file ``NNNN_name.sql`` is applied once, in order, inside its own transaction, and
recorded in ``schema_migrations``; a database written by a newer cablegram is refused rather
than misread.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

SQLITE_PACKAGE = "cablegram.store.migrations.sqlite"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer cablegram than this one."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available(package: str = SQLITE_PACKAGE) -> list[Migration]:
    """The migrations shipped with this code, in order."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration numbers in {package}: {versions}")
    return found


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers included), dropping comments only."""
    out: list[str] = []
    buf: list[str] = []
    for line in sql.splitlines(keepends=True):
        buf.append(line)
        text = "".join(buf)
        if sqlite3.complete_statement(text):
            if text.strip():
                out.append(text.strip())
            buf = []
    rest = "".join(buf)
    if _strip_comments(rest).strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {rest[:80]!r}")
    return out


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def applied(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection, package: str = SQLITE_PACKAGE) -> list[int]:
    """Apply pending migrations; return the versions applied now.

    The connection must be in autocommit mode (``isolation_level=None``): each migration runs
    in its own ``BEGIN IMMEDIATE`` so that two processes opening a fresh database at once
    apply each file exactly once.
    """
    known = available(package)
    newest = known[-1].version if known else 0
    done = applied(conn)
    _refuse_newer(done, newest)
    ran: list[int] = []
    for migration in known:
        if migration.version in done:
            continue
        if _apply(conn, migration):
            ran.append(migration.version)
    return ran


def _refuse_newer(done: set[int], newest: int) -> None:
    if done and max(done) > newest:
        raise SchemaTooNewError(
            f"this database has schema version {max(done)}, but this cablegram only knows up "
            f"to {newest}: upgrade cablegram to open it"
        )


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        already = conn.execute(
            "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
        ).fetchone()
        if already:
            conn.execute("ROLLBACK")
            return False
        for statement in statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True
