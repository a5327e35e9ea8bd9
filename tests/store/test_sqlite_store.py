from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from store_helpers import cable_text, record

from cablegram.model import Classification
from cablegram.store.base import Outcome
from cablegram.store.sqlite import CACHE_KIB, CHECKPOINT_PAGES, SQLiteStore

DEC = datetime(2010, 12, 1, 21, 9)
JAN = datetime(2011, 1, 17, 0, 12)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "archive.db")
    yield s
    s.close()


def test_pragmas_and_schema(store: SQLiteStore) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == CHECKPOINT_PAGES
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"versions", "cables", "refs", "tags", "quarantine", "changes"} <= tables


def test_new_then_unchanged_is_idempotent(store: SQLiteStore) -> None:
    batch = [
        record("07ALMATY512", cable_text("ALMATY", 512, "GRAIN EXPORTS"), released=DEC),
        record("07ASTANA88", cable_text("ASTANA", 88, "PARLIAMENT RECESS"), released=DEC),
    ]
    assert store.add(batch) == [Outcome.NEW, Outcome.NEW]
    seq = store.last_change()
    assert store.add(batch) == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert store.last_change() == seq
    assert store.count() == 2
    assert store.stats().versions == 2


def test_duplicate_inside_one_batch(store: SQLiteStore) -> None:
    text = cable_text("ALMATY", 512, "GRAIN EXPORTS")
    first = record("07ALMATY512", text, fmt="jsonl:cablegate-html")
    again = record("07ALMATY512", text, fmt="text", location="mirror/07ALMATY512.txt")
    assert store.add([first, again]) == [Outcome.NEW, Outcome.UNCHANGED]


def test_raw_is_kept_byte_for_byte(store: SQLiteStore) -> None:
    text = "  S E C R E T TRIPOLI 000077 \r\n\r\nSUBJECT: Ünïcödé \u00a0\t\n\n\n1. (S) x \n"
    store.add([record("08TRIPOLI77", text)])
    got = store.get("08TRIPOLI77")
    assert got is not None
    assert got.version.raw == text
    assert got.cable.raw == text
    assert got.version.text_sha256 == record("08TRIPOLI77", text).text_sha256


def test_parsed_fields_round_trip(store: SQLiteStore) -> None:
    parsed = record("07ALMATY512", cable_text("ALMATY", 512, "GRAIN"), refs=("06STATE1234",))
    store.add([parsed])
    got = store.get("07ALMATY512")
    assert got is not None
    assert got.cable == parsed.cable
    assert got.version.metadata["origin"] == "Embassy Almaty"
    assert got.version.metadata["created"] == "2007-03-14T09:30:00"
    assert got.version_count == 1 and got.version.is_current


def test_newest_release_is_current_whatever_the_ingest_order(store: SQLiteStore) -> None:
    newer = record(
        "07ALGIERS45", cable_text("ALGIERS", 45, "REDACTED"), released=JAN, subject="NEWER"
    )
    older = record(
        "07ALGIERS45", cable_text("ALGIERS", 45, "NAMES SHOWN"), released=DEC, subject="OLDER"
    )
    assert store.add([newer]) == [Outcome.NEW]
    seq = store.last_change()
    assert store.add([older]) == [Outcome.UPDATED]
    # the current version did not change, but its version count did, which the index shows
    assert store.last_change() == seq + 1
    got = store.get("07ALGIERS45")
    assert got is not None and got.cable.subject == "NEWER" and got.version_count == 2
    versions = store.versions("07ALGIERS45")
    assert [v.released for v in versions] == [DEC, JAN]
    assert [v.is_current for v in versions] == [False, True]


def test_unknown_release_ranks_below_known(store: SQLiteStore) -> None:
    dated = record(
        "66BUENOSAIRES2481", cable_text("BUENOS AIRES", 2481, "SEAS"), released=DEC, subject="DATED"
    )
    undated = record(
        "66BUENOSAIRES2481",
        cable_text("BUENOS AIRES", 2481, "SEAS "),
        released=None,
        subject="UNDATED",
        fmt="cablegate-csv",
    )
    store.add([dated])
    store.add([undated])
    got = store.get("66BUENOSAIRES2481")
    assert got is not None and got.cable.subject == "DATED"
    assert [v.released for v in store.versions("66BUENOSAIRES2481")] == [None, DEC]


def test_equal_release_source_rank_then_ingest_order(store: SQLiteStore) -> None:
    a = record(
        "05LIMA2158",
        cable_text("LIMA", 2158, "A"),
        released=DEC,
        subject="A",
        extra={"version": "1"},
    )
    b = record(
        "05LIMA2158",
        cable_text("LIMA", 2158, "B"),
        released=DEC,
        subject="B",
        extra={"version": "2"},
    )
    store.add([a, b])  # b is the source's older copy: it loses despite coming later
    got = store.get("05LIMA2158")
    assert got is not None and got.cable.subject == "A"
    c = record(
        "05LIMA2158",
        cable_text("LIMA", 2158, "C"),
        released=DEC,
        subject="C",
        extra={"version": "1"},
    )
    store.add([c])  # same rank as a: the later ingest wins
    got = store.get("05LIMA2158")
    assert got is not None and got.cable.subject == "C"


def test_fixed_created_date_is_a_new_version(store: SQLiteStore) -> None:
    text = cable_text("ANKARA", 71, "SAME TEXT")
    store.add([record("09ANKARA71", text, created=datetime(2009, 1, 15, 10, 10))])
    fixed = record("09ANKARA71", text, created=datetime(2009, 1, 15, 10, 58))
    assert store.add([fixed]) == [Outcome.UPDATED]
    assert len(store.versions("09ANKARA71")) == 2


def test_timezones_are_normalised(store: SQLiteStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    store.add(
        [
            record(
                "07ROME9",
                cable_text("ROME", 9, "X"),
                released=datetime(2011, 1, 1, 2, 0, tzinfo=plus_two),
            )
        ]
    )
    (version,) = store.versions("07ROME9")
    assert version.released == datetime(2011, 1, 1, 0, 0)
    assert version.ingested_at <= datetime.now(UTC).replace(tzinfo=None)


def test_citation_graph(store: SQLiteStore) -> None:
    store.add(
        [
            record(
                "07ALMATY512",
                cable_text("ALMATY", 512, "A"),
                subject="CITING",
                refs=("06STATE1234", "07ASTANA88"),
            ),
            record("07ASTANA88", cable_text("ASTANA", 88, "B"), subject="CITED"),
        ]
    )
    cites = store.cites("07ALMATY512")
    assert [(c.cited, c.resolved, c.bullet) for c in cites] == [
        ("06STATE1234", False, "A"),
        ("07ASTANA88", True, "B"),
    ]
    assert cites[1].subject == "CITED" and cites[1].created == datetime(2007, 3, 14, 9, 30)
    assert cites[0].subject is None
    by = store.cited_by("07ASTANA88")
    assert [(c.citing, c.cited, c.resolved, c.subject) for c in by] == [
        ("07ALMATY512", "07ASTANA88", True, "CITING")
    ]
    missing = store.cited_by("06STATE1234")
    assert [(c.citing, c.resolved) for c in missing] == [("07ALMATY512", False)]
    stats = store.stats()
    assert (stats.citations_resolved, stats.citations_missing) == (1, 1)


def test_refs_follow_the_current_version(store: SQLiteStore) -> None:
    store.add(
        [record("07ALMATY512", cable_text("ALMATY", 512, "A"), released=DEC, refs=("06STATE1234",))]
    )
    store.add(
        [record("07ALMATY512", cable_text("ALMATY", 512, "B"), released=JAN, refs=("06STATE999",))]
    )
    assert [c.cited for c in store.cites("07ALMATY512")] == ["06STATE999"]
    assert store.cited_by("06STATE1234") == []
    store.add(
        [record("07ALMATY512", cable_text("ALMATY", 512, "C"), released=DEC, refs=("06STATE5",))]
    )  # an older version arriving late changes nothing
    assert [c.cited for c in store.cites("07ALMATY512")] == ["06STATE999"]


def test_changes_log(store: SQLiteStore) -> None:
    assert store.last_change() == 0
    store.add([record("07A1", cable_text("A", 1, "A")), record("07B2", cable_text("B", 2, "B"))])
    first = store.last_change()
    assert [cid for _, cid in store.changes_since(0)] == ["07A1", "07B2"]
    store.add([record("07A1", cable_text("A", 1, "A2"), released=JAN)])
    assert list(store.changes_since(first)) == [(first + 1, "07A1")]
    # each cable once, at its latest change
    assert list(store.changes_since(0)) == [(2, "07B2"), (3, "07A1")]


def test_stats(store: SQLiteStore) -> None:
    store.add(
        [
            record("07ALMATY1", cable_text("ALMATY", 1, "A"), tags=("PREL", "KNNP")),
            record(
                "07ALMATY2",
                cable_text("ALMATY", 2, "B"),
                tags=("PREL",),
                level=Classification.SECRET,
            ),
            record("08ROME3", cable_text("ROME", 3, "C"), origin="ROME", created=None, level=None),
        ]
    )
    store.quarantine("bad.jsonl:4", "not a JSON line", b"{")
    stats = store.stats(top=1)
    assert stats.cables == 3 and stats.versions == 3 and stats.quarantined == 1
    assert stats.by_classification == {"CONFIDENTIAL": 1, "SECRET": 1, "UNKNOWN": 1}
    assert stats.by_year == {2007: 2} and stats.undated == 1
    assert stats.top_origins == [("ALMATY", 2)]
    assert stats.top_tags == [("PREL", 3)]
    assert store.stats().top_tags == [("PREL", 3), ("KNNP", 1), ("PGOV", 1)]


def test_quarantine_is_idempotent(store: SQLiteStore) -> None:
    store.quarantine("dump.csv#row=7", "unbalanced quote", b'"12","1/2/2005')
    store.quarantine("dump.csv#row=7", "unbalanced quote", b'"12","1/2/2005')
    store.quarantine("dir/empty.txt", "empty file", None)
    entries = store.quarantined()
    assert [(e.location, e.raw) for e in entries] == [
        ("dump.csv#row=7", b'"12","1/2/2005'),
        ("dir/empty.txt", None),
    ]


def test_failed_batch_leaves_nothing(store: SQLiteStore) -> None:
    good = record("07A1", cable_text("A", 1, "A"))
    bad = replace(
        record("07B2", cable_text("B", 2, "B")),
        record=replace(good.record, text="lone \udc80 surrogate"),
    )
    with pytest.raises(UnicodeEncodeError):
        store.add([good, bad])
    assert store.count() == 0 and store.last_change() == 0
    assert store.add([good]) == [Outcome.NEW]


def test_replace_parsed(store: SQLiteStore) -> None:
    store.add(
        [
            record("07A1", cable_text("A", 1, "A"), released=DEC, subject="OLD"),
            record("07A1", cable_text("A", 1, "A0"), released=None, subject="OLDER"),
        ]
    )
    current, older = [v for v in store.versions("07A1")][::-1]
    seq = store.last_change()
    same = store.get("07A1")
    assert same is not None
    assert store.replace_parsed([(current.version_id, same.cable)]) == 0
    assert store.last_change() == seq
    new = replace(same.cable, subject="NEW", references=())
    assert store.replace_parsed([(current.version_id, new)]) == 1
    assert store.last_change() == seq + 1
    got = store.get("07A1")
    assert got is not None and got.cable.subject == "NEW" and store.cites("07A1") == []
    older_cable = store.parsed_of(older.version_id)
    assert older_cable is not None
    assert store.replace_parsed([(older.version_id, replace(older_cable, subject="X"))]) == 1
    assert store.last_change() == seq + 1  # not current: nothing for the index


def test_bulk_reads_page_through(store: SQLiteStore) -> None:
    batch = [record(f"07ALMATY{n}", cable_text("ALMATY", n, f"S{n}")) for n in range(1, 1201)]
    store.add(batch)
    assert store.count() == 1200
    ids = list(store.cable_ids())
    assert ids == sorted(p.cable_id for p in batch)
    assert [c.cable_id for c in store.all_current()] == ids
    got = store.get_many(["07ALMATY5", "missing", "07ALMATY1200"])
    assert sorted(c.cable_id for c in got) == ["07ALMATY1200", "07ALMATY5"]
    assert len(store.versions_after(0, 1000)) == 1000
    assert store.versions_after(1199, 10)[0].version_id == 1200


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "a.db"
    with SQLiteStore(path) as s:
        s.add([record("07A1", cable_text("A", 1, "A"))])
    with SQLiteStore(path) as s:
        assert s.count() == 1 and s.get("07A1") is not None


def test_concurrent_reader_sees_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        writer.add([record("07A1", cable_text("A", 1, "A"))])
        assert reader.count() == 1
        raw = sqlite3.connect(path)
        assert raw.execute("SELECT count(*) FROM versions").fetchone()[0] == 1
        raw.close()


def test_stored_tells_which_versions_exist(store: SQLiteStore) -> None:
    kept = record("07A1", cable_text("A", 1, "A"), released=DEC)
    store.add([kept])
    other_text = record("07A1", cable_text("A", 1, "B"))
    other_date = record("07A1", cable_text("A", 1, "A"), created=datetime(2007, 1, 1))
    later_release = record("07A1", cable_text("A", 1, "A"), released=JAN)
    items = [
        (p.cable_id, p.text_sha256, p.record) for p in (kept, other_text, other_date, later_release)
    ]
    assert store.stored(items) == [True, False, False, True]
    assert store.stored([]) == []


def test_stats_follow_every_write(store: SQLiteStore) -> None:
    store.add([record("07A1", cable_text("A", 1, "A"), released=JAN, refs=("07B2",))])
    first = store.stats()
    assert (first.versions, first.citations_missing) == (1, 1)
    store.add([record("07A1", cable_text("A", 1, "A0"), released=DEC)])  # not current
    assert store.stats().versions == 2
    store.add([record("07B2", cable_text("B", 2, "B"))])
    later = store.stats()
    assert (later.cables, later.citations_resolved, later.citations_missing) == (2, 1, 0)
    store.quarantine("x.csv#row=1", "bad row", None)
    assert store.stats().quarantined == 1
