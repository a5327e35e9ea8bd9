from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.store import ENV_VAR, default_db_path, open_store, store_path
from cablegram.store.migrate import SchemaTooNewError, available, migrate, statements
from cablegram.store.sqlite import SQLiteStore


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_shipped_migrations_are_packaged_and_numbered() -> None:
    found = available()
    assert found[0].version == 1 and found[0].name == "initial"
    assert [m.version for m in found] == list(range(1, len(found) + 1))


def test_fresh_database_then_nothing_pending(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.db")
    assert migrate(conn) == [m.version for m in available()]
    assert migrate(conn) == []
    rows = conn.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows[0] == (1, "initial")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    SQLiteStore(path).close()
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')")
    conn.close()
    with pytest.raises(SchemaTooNewError, match=r"schema version 9999.*upgrade cablegram"):
        SQLiteStore(path)


@pytest.fixture
def fake_package(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "pkgs"
    package = root / "fake_migrations"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    yield package
    sys.path.remove(str(root))
    sys.modules.pop("fake_migrations", None)


def test_failing_migration_rolls_back_whole_file(tmp_path: Path, fake_package: Path) -> None:
    (fake_package / "0001_first.sql").write_text("CREATE TABLE one (x INTEGER);\n")
    (fake_package / "0002_broken.sql").write_text(
        "CREATE TABLE two (x INTEGER);\n-- a comment; with a semicolon\n"
        "INSERT INTO nope VALUES (1);\n"
    )
    (fake_package / "README.txt").write_text("not a migration")
    conn = connect(tmp_path / "a.db")
    with pytest.raises(sqlite3.OperationalError, match="nope"):
        migrate(conn, "fake_migrations")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "one" in tables and "two" not in tables
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == [1]
    (fake_package / "0002_broken.sql").write_text("CREATE TABLE two (x INTEGER);\n")
    assert migrate(conn, "fake_migrations") == [2]


def test_statements_split_triggers_and_comments() -> None:
    sql = (
        "-- header comment\nCREATE TABLE t (x);\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = 1;\n  SELECT 2;\nEND;\n"
        "-- trailing comment\n"
    )
    parts = statements(sql)
    assert len(parts) == 2 and parts[1].endswith("END;")
    with pytest.raises(ValueError, match="incomplete"):
        statements("CREATE TABLE t (x)")


def test_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert store_path(f"sqlite:///{tmp_path}/x.db") == tmp_path / "x.db"
    assert store_path("rel/x.db") == Path("rel/x.db")
    with pytest.raises(ValueError, match="PostgreSQL stores are not available yet"):
        store_path("postgresql://user@host/db")
    with pytest.raises(ValueError, match="unknown store location"):
        store_path("mysql://host/db")
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_db_path() == Path("cablegram.db")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    store = open_store(None)
    store.close()
    assert (tmp_path / "env.db").exists()
