"""The compressed columns (store.packing) and migration 0003, on invented cables."""

from __future__ import annotations

import random
import sqlite3
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from store_helpers import cable_text, record

from cablegram import serialize
from cablegram.store import packing, rows
from cablegram.store.migrate import available, statements
from cablegram.store.sqlite import SQLiteStore

TEXTS = [
    "",
    "  S E C R E T TRIPOLI 000077 \r\n\r\nSUBJECT: Ünïcödé \u00a0\t\n\n\n1. (S) x \n",
    "line\u2028separator, emoji \U0001f600, NUL \x00 and a form feed \x0c\n",
    cable_text("ALMATY", 512, "LONG", body="Invented words repeat here. " * 3000),  # > 32 KB
]


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_is_exact(text: str) -> None:
    parsed = '{"subject":"' + text[:40].replace('"', "'") + '","n":[1,2],"u":"\u00e9\u2028"}'
    stored = packing.pack_parsed(parsed, text.encode("utf-8"))
    assert packing.parsed_json(stored, text) == parsed
    assert packing.parsed_json(parsed, text) == parsed  # the plain form of older archives


def invented_words(n: int, seed: int = 3) -> str:
    rnd = random.Random(seed)
    return " ".join(
        "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9)))
        for _ in range(n)
    )


def test_the_parse_is_packed_against_its_text() -> None:
    """The JSON repeats the paragraphs: with the text as dictionary they cost almost nothing."""
    text = cable_text("ALMATY", 512, "GRAIN", body=invented_words(400))
    parsed = rows.dumps({"paragraphs": [text[i : i + 70] for i in range(0, len(text), 70)]})
    alone = len(zlib.compress(parsed.encode("utf-8"), packing.LEVEL))
    assert len(packing.pack_parsed(parsed, text.encode("utf-8"))) < alone / 4


def test_a_damaged_value_is_an_error_not_wrong_json() -> None:
    text = cable_text("ALMATY", 1, "A")
    stored = packing.pack_parsed('{"subject":"A","n":[1,2,3]}', text.encode("utf-8"))
    with pytest.raises(zlib.error):  # the checksum
        packing.parsed_json(stored[:-4] + b"\0\0\0\0", text)
    with pytest.raises(zlib.error, match="ends before"):
        packing.parsed_json(stored[:-6], text)
    with pytest.raises(zlib.error):  # another text as dictionary
        packing.parsed_json(stored, text + " ")


def test_store_writes_the_parse_packed_and_reads_it_back(tmp_path: Path) -> None:
    text = cable_text("ALMATY", 512, "GRAIN", body=invented_words(300))
    parsed = record("07ALMATY512", text)
    assert parsed.cable is not None
    cable = replace(parsed.cable, paragraphs=(replace(parsed.cable.paragraphs[0], text=text),))
    parsed = replace(parsed, cable=cable)
    with SQLiteStore(tmp_path / "a.db") as store:
        store.add([parsed])
        got = store.get("07ALMATY512")
        assert got is not None and got.version.raw == text and got.cable == cable
        assert store.parsed_of(got.version.version_id) == cable
        assert store.versions_after(0, 10)[0].raw == text
    conn = sqlite3.connect(tmp_path / "a.db")
    kinds, size = conn.execute(
        "SELECT typeof(raw) || typeof(parsed), length(parsed) FROM versions"
    ).fetchone()
    conn.close()
    assert kinds == "textblob"
    assert size < len(rows.parsed_json(cable)) / 4


def test_plain_rows_of_older_archives_still_read_and_reparse(tmp_path: Path) -> None:
    """Before 0003 the JSON was stored as text, with non-ASCII characters unescaped."""
    parsed = record("07A1", cable_text("A", 1, "DÉMARCHE À ALMATY"), subject="DÉMARCHE À ALMATY")
    assert parsed.cable is not None
    older_form = rows.dumps(serialize.to_dict(parsed.cable, include_raw=False))
    assert not older_form.isascii() and rows.parsed_json(parsed.cable).isascii()
    with SQLiteStore(tmp_path / "a.db") as store:
        store.add([parsed])
        store._conn.execute("UPDATE versions SET parsed = ?", (older_form,))
        got = store.get("07A1")
        assert got is not None and got.cable == parsed.cable
        vid = got.version.version_id
        assert store.replace_parsed([(vid, parsed.cable)]) == 0  # same JSON: left as it is
        kind = "SELECT typeof(parsed) FROM versions"
        assert store._conn.execute(kind).fetchone()[0] == "text"
        assert store.replace_parsed([(vid, replace(parsed.cable, subject="NEW"))]) == 1
        assert store._conn.execute(kind).fetchone()[0] == "blob"
        again = store.get("07A1")
        assert again is not None and again.cable.subject == "NEW"
        assert again.version.raw == parsed.record.text


def test_writer_and_reparse_keep_declassify_on(tmp_path: Path) -> None:
    base = record("07A1", cable_text("A", 1, "A"))
    assert base.cable is not None
    dated = replace(base, cable=replace(base.cable, declassify_on=date(2017, 3, 14)))
    with SQLiteStore(tmp_path / "a.db") as store:
        store.add([dated])
        column = "SELECT declassify_on FROM cables WHERE cable_id = '07A1'"
        assert store._conn.execute(column).fetchone()[0] == "2017-03-14"
        vid = store.versions("07A1")[0].version_id
        assert store.replace_parsed([(vid, replace(dated.cable, declassify_on="25X1"))]) == 1
        assert store._conn.execute(column).fetchone()[0] == "25X1"


def test_migration_0003_fills_the_column_from_older_json(tmp_path: Path) -> None:
    """A database as migration 0002 left it, written by hand in the plain form."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    for migration in available()[:2]:
        for statement in statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01')",
            (migration.version, migration.name),
        )
    cables = {"07A1": date(2017, 3, 14), "07B2": "25X1", "07C3": None}
    for vid, (cable_id, decl) in enumerate(cables.items(), start=1):
        made = record(cable_id, cable_text("A", vid, "A"))
        assert made.cable is not None
        cable = replace(made.cable, declassify_on=decl)
        conn.execute(
            "INSERT INTO versions (version_id, cable_id, version_key, text_sha256,"
            " source_format, source_location, ingested_at, parser_version, metadata, parsed,"
            " raw) VALUES (?, ?, ?, ?, 'text', 'x', '2025-01-01', 'p', '{}', ?, ?)",
            (vid, cable_id, f"k{vid}", made.text_sha256, rows.parsed_json(cable),
             made.record.text),
        )
        conn.execute(
            "INSERT INTO cables (cable_id, current_version_id, current_source_rank,"
            " version_count) VALUES (?, ?, 0, 1)",
            (cable_id, vid),
        )
    conn.close()
    with SQLiteStore(path) as store:
        found = dict(store._conn.execute("SELECT cable_id, declassify_on FROM cables"))
        assert found == {"07A1": "2017-03-14", "07B2": "25X1", "07C3": None}
        got = store.get("07B2")
        assert got is not None and got.cable.declassify_on == "25X1"


@pytest.mark.parametrize(
    ("header", "content", "text", "joined"),
    [
        ("HEAD", "BODY", "HEAD\n\nBODY", True),
        ("", "BODY", "\n\nBODY", True),
        ("HEAD", "BODY", "HEAD\nBODY", False),
        ("HEAD", "BODY", "HEAD\n\nBODY\n", False),
        ("HEAD", "BODY", "HEAX\n\nBODY", False),
        ("HEAD", "BODY", "HEAD \nBODYY"[:10], False),
        ("HEAD", "BODY", "HEAD\n\nBODX", False),
    ],
)
def test_metadata_keeps_the_split_point_only_when_it_is_enough(
    header: str, content: str, text: str, joined: bool
) -> None:
    """What the writer stores beside the text: the header length when the text is exactly
    header, blank line, content; both parts otherwise, so none of them is ever lost."""
    made = record("07A1", text)
    data = rows.metadata(replace(made.record, header=header, content=content))
    if joined:
        assert data["header_chars"] == len(header) and "header" not in data
    else:
        assert (data["header"], data["content"]) == (header, content)
