"""The audit log: append-only through the application, tamper-evident beyond it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from access_helpers import C, Clock

from cablegram.access import AccessControl, AuditAction


def _fill(ac: AccessControl) -> None:
    ac.users.add("alice", C.SECRET, accesses=["NOFORN"], actor="cli:op", source="cli:op")
    ac.audit.record(AuditAction.READ, actor="alice", source="ip:203.0.113.5",
                    target="05ALMATY4321")
    ac.audit.record(AuditAction.EXPORT, actor="alice", source="ip:203.0.113.5",
                    target="05ALMATY4321", detail={"format": "json"})
    ac.audit.record(AuditAction.READ, actor="bob", source="ip:198.51.100.7", target="06ROME101")


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_entries_say_who_what_when_where(ac: AccessControl, clock: Clock) -> None:
    _fill(ac)
    entries = ac.audit.entries()
    assert [(e.seq, e.actor, e.action, e.target) for e in entries] == [
        (1, "cli:op", "user-change", "alice"),
        (2, "alice", "read", "05ALMATY4321"),
        (3, "alice", "export", "05ALMATY4321"),
        (4, "bob", "read", "06ROME101"),
    ]
    assert entries[1].source == "ip:203.0.113.5" and entries[1].at == clock.now
    assert entries[2].detail == {"format": "json"}
    assert [e.seq for e in ac.audit.entries(actor="alice")] == [2, 3]
    assert [e.seq for e in ac.audit.entries(action=AuditAction.READ)] == [2, 4]
    assert [e.seq for e in ac.audit.entries(target="06ROME101")] == [4]
    assert [e.seq for e in ac.audit.entries(limit=1)] == [1]
    clock.advance(days=1)
    ac.audit.record(AuditAction.SIGN_IN, actor="alice", source="ip:203.0.113.5")
    assert [e.seq for e in ac.audit.entries(since=clock.now)] == [5]


def test_reads_are_audited_for_signed_in_readers_only(ac: AccessControl) -> None:
    alice = ac.users.add("alice", C.SECRET, actor="cli:op", source="cli:op")
    ac.audit_read(ac.public, "05ALMATY4321", "ip:203.0.113.5")
    ac.audit_read(ac.reader_for(alice), "05ALMATY4321", "ip:203.0.113.5")
    ac.audit_read(ac.reader_for(alice), "05ALMATY4321", "ip:203.0.113.5", export="txt")
    got = [(e.action, e.actor, e.detail) for e in ac.audit.entries(target="05ALMATY4321")]
    assert got == [("read", "alice", {}), ("export", "alice", {"format": "txt"})]


def test_update_and_delete_are_refused(ac: AccessControl, db_path: Path) -> None:
    _fill(ac)
    conn = raw(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    assert ac.audit.verify().ok and len(ac.audit.entries()) == 4


def test_chain_is_intact_and_reports_its_head(ac: AccessControl) -> None:
    assert ac.audit.verify().ok and ac.audit.verify().entries == 0
    _fill(ac)
    check = ac.audit.verify()
    assert check.ok and check.entries == 4 and check.problems == []
    assert check.head == ac.audit.entries()[-1].hash


def _drop_triggers(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")


def test_an_altered_row_is_detected(ac: AccessControl, db_path: Path) -> None:
    _fill(ac)
    conn = raw(db_path)
    _drop_triggers(conn)
    conn.execute("UPDATE audit_log SET target = '06ROME999' WHERE seq = 2")
    check = ac.audit.verify()
    assert not check.ok
    assert check.problems == ["entry 2: content does not match its hash"]


def test_a_rehashed_row_still_breaks_the_next_link(ac: AccessControl, db_path: Path) -> None:
    from cablegram.access import chain

    _fill(ac)
    conn = raw(db_path)
    _drop_triggers(conn)
    seq, at, _actor, action, target, source, detail, prev = conn.execute(
        "SELECT seq, at, actor, action, target, source, detail, prev_hash FROM audit_log"
        " WHERE seq = 2").fetchone()
    forged = chain.digest(prev, chain.canonical(seq, at, "carol", action, target, source,
                                                detail))
    conn.execute("UPDATE audit_log SET actor = 'carol', hash = ? WHERE seq = 2", (forged,))
    assert ac.audit.verify().problems == ["entry 3: does not follow entry 2"]


def test_deleted_rows_are_detected(ac: AccessControl, db_path: Path) -> None:
    _fill(ac)
    conn = raw(db_path)
    _drop_triggers(conn)
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    problems = ac.audit.verify().problems
    assert "entries 2..2 are missing" in problems
    conn.execute("DELETE FROM audit_log WHERE seq = 4")
    assert "entries 4..4 were removed from the end" in ac.audit.verify().problems


def test_release_decisions_cannot_be_changed(ac: AccessControl, db_path: Path) -> None:
    conn = raw(db_path)
    conn.execute("INSERT INTO releases (cable_id, decided_at, decided_by, reason)"
                 " VALUES ('X', '2012-01-01T00:00:00Z', 'cli:op', 'FOIA')")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE releases SET reason = 'none'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be removed"):
        conn.execute("DELETE FROM releases")
